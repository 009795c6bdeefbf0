// Hostile capture records through the whole pipeline (docs/robustness.md "Hostile inputs"):
// zero-length records, captured lengths beyond the snapshot length or the record limit, a
// record header cut short. Each case shows a message naming the place, bounded memory (a fixed
// per-record limit, capped warnings), that the rest of the file is still read when it can be,
// and that devices found before the problem are kept. Reader-level cases (bad magic, lengths
// near 4 GiB, truncated data, lying pcapng blocks, unknown block types, mixed link types) are in
// test_capture_file.cpp; lying IP/TCP header lengths and deep 802.1Q stacks in test_decode.cpp;
// DNS compression loops in test_dissect_dns.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>

#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/synth/frames.hpp"
#include "camsweep/synth/payloads.hpp"
#include "bundled_signatures.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// A Hikvision SADP ProbeMatch (the sample's camera) and a Dahua DHIP notifyDevInfo, as frames.
synth::Frame hikvision_frame() {
    const auto hik_mac = synth::mac("58:50:ed:1f:e3:85");
    const auto group = synth::ipv4("239.255.255.250");
    std::string payload = synth::sadp_probe_match("8282F1DB-2FA6-4709-B261-3C6B6A48CA17",
                                                  {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE33842150", "58-50-ed-1f-e3-85",
                                                   "192.168.10.40", "192.168.10.1", "V5.7.3build 230217", "V7.3 build 230210", 0, 1});
    return synth::ethernet(hik_mac, synth::multicast_mac_for(group), 0x0800,
                           synth::ipv4_udp(synth::ipv4("192.168.10.40"), group, 37020, 37020, payload));
}
synth::Frame dahua_frame() {
    const auto dahua_mac = synth::mac("08:ed:ed:87:42:7a");
    std::string payload = synth::dhip_packet(synth::dhip_notify({"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "192.168.10.50",
                                                                 "192.168.10.1", "6C01E93PAG69A7D", "Private", "6C01E93PAG69A7D",
                                                                 "Private", "2.800.0000000.13.R"}));
    return synth::ethernet(dahua_mac, synth::mac("02:5e:11:20:30:40"), 0x0800,
                           synth::ipv4_udp(synth::ipv4("192.168.10.50"), synth::ipv4("192.168.10.5"), 37810, 37810, payload));
}

struct Outcome {
    InputSummary summary;
    Inventory inventory;
};

Outcome analyze(const synth::PcapWriter& writer, const std::string& name, TempDir& tmp) {
    std::string path = (tmp.path() / name).string();
    EXPECT_TRUE(writer.write(path));
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    Analyzer analyzer(bundled_signatures(), options);
    Outcome run;
    run.summary = analyzer.read_capture(path);
    run.inventory = analyzer.finish();
    return run;
}

bool has_device(const Inventory& inv, std::string_view mac_text, VerdictStatus status) {
    for (const auto& d : inv.devices)
        if (std::find(d.macs.begin(), d.macs.end(), mac(mac_text)) != d.macs.end()) return d.verdict.status == status;
    return false;
}

bool has_warning(const Inventory& inv, std::string_view text) {
    return std::any_of(inv.warnings.begin(), inv.warnings.end(), [&](const std::string& w) { return w.find(text) != std::string::npos; });
}

TEST(HostileCaptures, ZeroLengthRecordsAreNamedAndSkipped) {
    TempDir tmp;
    synth::PcapWriter w;
    w.add(1793610000.0, hikvision_frame());
    w.add_raw_record(1793610001, 0, 0, 0, {});     // frame 2: nothing at all
    w.add_raw_record(1793610002, 0, 0, 1514, {});  // frame 3: nothing captured of 1514 bytes
    w.add(1793610003.0, dahua_frame());           // frame 4: still read
    Outcome run = analyze(w, "zero.pcap", tmp);
    EXPECT_TRUE(run.summary.complete) << run.summary.error;
    EXPECT_EQ(run.summary.packets, 4u);
    EXPECT_EQ(run.summary.malformed, 2u);
    const std::string path = (tmp.path() / "zero.pcap").string();
    EXPECT_TRUE(has_warning(run.inventory, path + ":frame 2: ")) << ::testing::PrintToString(run.inventory.warnings);
    EXPECT_TRUE(has_warning(run.inventory, path + ":frame 3: ")) << ::testing::PrintToString(run.inventory.warnings);
    EXPECT_TRUE(has_device(run.inventory, "58:50:ed:1f:e3:85", VerdictStatus::covered));
    EXPECT_TRUE(has_device(run.inventory, "08:ed:ed:87:42:7a", VerdictStatus::covered));
}

TEST(HostileCaptures, ManyZeroLengthRecordsKeepWarningsBounded) {
    TempDir tmp;
    synth::PcapWriter w;
    w.add(1793610000.0, hikvision_frame());
    for (std::uint32_t i = 0; i < 50000; ++i) w.add_raw_record(1793610001, i, 0, 0, {});
    w.add(1793610002.0, dahua_frame());
    Outcome run = analyze(w, "zeros.pcap", tmp);
    EXPECT_TRUE(run.summary.complete) << run.summary.error;
    EXPECT_EQ(run.summary.packets, 50002u);
    EXPECT_EQ(run.summary.malformed, 50000u);
    // 20 lines, then one line counting the rest: memory does not follow the hostile records.
    EXPECT_EQ(run.inventory.warnings.size(), 21u);
    EXPECT_TRUE(has_warning(run.inventory, ": 49980 further warning(s) not shown"));
    EXPECT_TRUE(has_device(run.inventory, "58:50:ed:1f:e3:85", VerdictStatus::covered));
    EXPECT_TRUE(has_device(run.inventory, "08:ed:ed:87:42:7a", VerdictStatus::covered));
}

TEST(HostileCaptures, CapturedLengthBeyondSnaplen) {
    TempDir tmp;
    // The header promises at most 64 bytes per record; the records hold more. The bytes are
    // there and within the per-record limit, so they are read (libpcap does the same up to its
    // own limit): a lying snaplen cannot hide a device.
    synth::PcapWriter w(1, 64);
    synth::Frame hik = hikvision_frame();
    ASSERT_GT(hik.size(), 64u);
    w.add(1793610000.0, hik);
    w.add(1793610001.0, dahua_frame());
    Outcome run = analyze(w, "snaplen.pcap", tmp);
    EXPECT_TRUE(run.summary.complete) << run.summary.error;
    EXPECT_EQ(run.summary.malformed, 0u);
    EXPECT_TRUE(has_device(run.inventory, "58:50:ed:1f:e3:85", VerdictStatus::covered));
    EXPECT_TRUE(has_device(run.inventory, "08:ed:ed:87:42:7a", VerdictStatus::covered));
}

TEST(HostileCaptures, CapturedLengthBeyondTheRecordLimitStopsWithThePlace) {
    TempDir tmp;
    synth::PcapWriter w(1, 64);
    w.add(1793610000.0, hikvision_frame());
    const std::size_t offset = w.bytes().size();
    // 300,000 bytes claimed (over the 256 KiB limit) and present: refused before allocating.
    w.add_raw_record(1793610001, 0, 300000, 300000, synth::Frame(300000, 0x41));
    w.add(1793610002.0, dahua_frame());
    Outcome run = analyze(w, "caplen.pcap", tmp);
    EXPECT_FALSE(run.summary.complete);
    EXPECT_NE(run.summary.error.find("capture ends early after frame 1: record at offset " + std::to_string(offset) +
                                     " claims 300000 bytes (limit 262144)"),
              std::string::npos)
        << run.summary.error;
    EXPECT_EQ(run.summary.packets, 1u);
    EXPECT_TRUE(has_device(run.inventory, "58:50:ed:1f:e3:85", VerdictStatus::covered));
}

TEST(HostileCaptures, RecordHeaderCutShort) {
    TempDir tmp;
    synth::PcapWriter w;
    w.add(1793610000.0, hikvision_frame());
    const std::size_t offset = w.bytes().size();
    std::string path = (tmp.path() / "header.pcap").string();
    ASSERT_TRUE(w.write(path));
    {  // 7 bytes of the next record header
        std::ofstream out(path, std::ios::binary | std::ios::app);
        out.write("\x01\x02\x03\x04\x05\x06\x07", 7);
    }
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    Analyzer analyzer(bundled_signatures(), options);
    InputSummary summary = analyzer.read_capture(path);
    EXPECT_FALSE(summary.complete);
    EXPECT_NE(summary.error.find("record header truncated at offset " + std::to_string(offset)), std::string::npos) << summary.error;
    EXPECT_TRUE(has_device(analyzer.finish(), "58:50:ed:1f:e3:85", VerdictStatus::covered));
}

TEST(HostileCaptures, OriginalLengthSmallerThanCapturedIsHarmless) {
    TempDir tmp;
    synth::PcapWriter w;
    synth::Frame hik = hikvision_frame();
    w.add_raw_record(1793610000, 0, static_cast<std::uint32_t>(hik.size()), 1, hik);  // origlen lies
    w.add_raw_record(1793610001, 0, 0, 0xffffffffu, {});                               // origlen 4 GiB, nothing captured
    w.add(1793610002.0, dahua_frame());
    Outcome run = analyze(w, "origlen.pcap", tmp);
    EXPECT_TRUE(run.summary.complete) << run.summary.error;
    EXPECT_EQ(run.summary.packets, 3u);
    EXPECT_TRUE(has_device(run.inventory, "58:50:ed:1f:e3:85", VerdictStatus::covered));
    EXPECT_TRUE(has_device(run.inventory, "08:ed:ed:87:42:7a", VerdictStatus::covered));
}

}  // namespace
}  // namespace camsweep
