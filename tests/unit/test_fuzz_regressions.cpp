// Inputs the fuzz targets (tests/fuzz, docs/robustness.md) or their review turned up, kept as
// exact bytes and fed to the same functions, so a fixed bug stays fixed in the ordinary build.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "camsweep/decode/defragmenter.hpp"
#include "camsweep/decode/packet.hpp"
#include "camsweep/dissect/upnp_description.hpp"
#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/stream/reassembler.hpp"

namespace camsweep {
namespace {

DecodedPacket fragment(std::uint32_t offset, bool more, const std::vector<std::uint8_t>& bytes) {
    DecodedPacket p;
    p.src_ip = IpAddress::v4(0x0a000005);
    p.dst_ip = IpAddress::v4(0xeffffffa);
    p.ip_protocol = 17;
    p.fragment = true;
    p.more_fragments = more;
    p.ip_id = 7;
    p.fragment_offset = offset;
    p.ip_payload = Bytes(bytes.data(), bytes.size());
    return p;
}

// A last fragment (offset 8, no payload) that ends the datagram before pieces already received
// at offset 16: assembling it used to form an iterator 8 bytes past the 8-byte buffer. The
// datagram is the first 8 bytes; the contradicting piece is ignored.
TEST(FuzzRegressions, DefragmenterPieceBeyondTheLastFragmentsEnd) {
    const std::vector<std::uint8_t> first = {0x9c, 0x5c, 0x9c, 0x5c, 0x00, 0x10, 0x00, 0x00,
                                             0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48};
    const std::vector<std::uint8_t> beyond = {1, 2, 3, 4, 5, 6, 7, 8};
    const std::vector<std::uint8_t> none;
    Ipv4Defragmenter defragmenter;
    std::vector<std::uint8_t> out;
    EXPECT_FALSE(defragmenter.add(fragment(0, true, first), 1.0, out));
    EXPECT_FALSE(defragmenter.add(fragment(16, true, beyond), 1.0, out));
    ASSERT_TRUE(defragmenter.add(fragment(8, false, none), 1.0, out));
    EXPECT_EQ(out, std::vector<std::uint8_t>(first.begin(), first.begin() + 8));
    EXPECT_EQ(defragmenter.pending(), 0u);
}

// fuzz_protocols, first run with the UPnP description reader: LeakSanitizer reported 125 bytes
// lost in ixmlDocument_createTextNodeEx for a description whose root element was followed by
// text (minimised: "<a/>x"). libupnp 1.8.4's parser appends that text node to the document,
// the append fails and its error path does not free the node. The text is now refused before
// ixml runs; the ASan build of this test fails on a leak.
TEST(FuzzRegressions, UpnpTextAfterTheRootNeverReachesIxml) {
    for (const char* document : {"<a/>x", "<root><device/></root> 2 <x/>", "<root><device/></root><![CDATA[x]]>"}) {
        auto parsed = parse_upnp_description(document);
        ASSERT_FALSE(parsed) << document;
        EXPECT_EQ(parsed.error(), "UPnP description has text outside its root element") << document;
    }
}

// fuzz_analyzer, 40 s run: two TCP segments of one direction whose sequence numbers differ by
// exactly 2^31. StreamReassembler::append negated the signed difference (INT32_MIN): undefined
// behaviour, reported by UBSan at src/stream/reassembler.cpp. These are the minimised bytes the
// target appends to its fixed pcap header (little-endian, microseconds, Ethernet).
const std::uint8_t kReassemblerSeqHalfRange[] = {
    0x90, 0xa2, 0xe9, 0x6a, 0x00, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x00, 0x3c, 0x00, 0x00, 0x00,
    0x02, 0x5e, 0x11, 0x20, 0x30, 0x40, 0xc0, 0x56, 0xe3, 0x8a, 0x21, 0x4f, 0x08, 0x00, 0x45, 0x00,
    0x00, 0x28, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x55, 0x52, 0xc0, 0xa8, 0x32, 0x28, 0xc0, 0xa8,
    0x32, 0x05, 0x00, 0x50, 0xc7, 0x39, 0x00, 0x00, 0x90, 0x00, 0x00, 0x00, 0x10, 0x01, 0x50, 0x12,
    0x65, 0x70, 0x2d, 0x61, 0x6c, 0x69, 0x76, 0x65, 0x0d, 0x0a, 0x0d, 0x0a, 0x90, 0xa2, 0xe9, 0xd3,
    0xa0, 0x15, 0x00, 0xc7, 0x3f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x8a, 0x21, 0x4f, 0x08, 0x00, 0x45, 0x00, 0x00, 0x64, 0x00, 0x00,
    0x40, 0x00, 0x40, 0x06, 0x55, 0x16, 0xc0, 0xa8, 0x32, 0x28, 0xc0, 0xa8, 0x32, 0x05, 0x00, 0x50,
    0xc7, 0x39, 0x80, 0x00, 0x90, 0x01, 0x00, 0x73, 0x6b, 0x79, 0x77, 0x61, 0x74, 0x63, 0x68, 0x00,
    0x00, 0x40, 0x08, 0x45, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00
};

TEST(FuzzRegressions, AnalyzerTcpSegmentExactlyHalfTheSequenceSpaceBehind) {
    static const SignatureLoad load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    ASSERT_TRUE(load.ok());
    const std::uint8_t header[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0};
    char path[] = "/tmp/camsweep-fuzz-regression-XXXXXX";
    int fd = mkstemp(path);
    ASSERT_GE(fd, 0);
    close(fd);
    {
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(header), sizeof header);
        out.write(reinterpret_cast<const char*>(kReassemblerSeqHalfRange), sizeof kReassemblerSeqHalfRange);
    }
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    Analyzer analyzer(load.database, options);
    InputSummary summary = analyzer.read_capture(path);
    Inventory inventory = analyzer.finish();
    unlink(path);
    EXPECT_EQ(summary.packets, 2u);
}

// The same case on the reassembler alone: a segment 2^31 behind what the direction expects is
// old data (nothing appended), and the direction goes on reading.
TEST(FuzzRegressions, ReassemblerSegmentExactlyHalfTheSequenceSpaceBehind) {
    auto segment = [](std::uint32_t seq, std::string_view text) {
        DecodedPacket p;
        p.src_ip = IpAddress::v4(0xc0a83228);
        p.dst_ip = IpAddress::v4(0xc0a83205);
        p.ip_protocol = 6;
        p.transport = Transport::tcp;
        p.src_port = 51001;
        p.dst_port = 80;
        p.tcp_flags = 0x18;  // PSH ACK
        p.tcp_seq = seq;
        p.payload = Bytes(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        return p;
    };
    StreamReassembler reassembler;
    std::vector<std::string> agents, errors;
    StreamReassembler::Sink sink = [&](Observation& obs, const std::string& error) {
        if (auto agent = obs.get("http.user_agent")) agents.emplace_back(*agent);
        if (!error.empty()) errors.push_back(error);
    };
    const std::string head = "GET / HTTP/1.1\r\nUser-Agent: probe\r\n";
    const std::uint32_t seq = 1000;
    reassembler.add(segment(seq, head), 1.0, "test", sink);
    reassembler.add(segment(seq + static_cast<std::uint32_t>(head.size()) - 0x80000000u, "junk"), 1.1, "test", sink);
    reassembler.add(segment(seq + static_cast<std::uint32_t>(head.size()), "\r\n"), 1.2, "test", sink);
    reassembler.flush(2.0, sink);
    EXPECT_EQ(agents, std::vector<std::string>{"probe"});
    EXPECT_TRUE(errors.empty());
}

}  // namespace
}  // namespace camsweep
