// The analyzer over the three real IoT Sentinel camera captures (see
// realdata/pcaps/PROVENANCE.txt), with the bundled signature database.
#include <gtest/gtest.h>

#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/signatures/loader.hpp"
#include "bundled_signatures.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// The real captures ship in shared/realdata beside the repository, not in it: on a plain clone
// the tests that read them skip and say why (CI has them).
#define SKIP_WITHOUT_REALDATA()                                                                                        \
    if (!std::filesystem::is_directory(CAMSWEEP_REALDATA_DIR "/pcaps"))                                               \
    GTEST_SKIP() << "the real captures (" CAMSWEEP_REALDATA_DIR "/pcaps) are not beside this clone"

struct Case {
    const char* file;
    const char* camera_mac;
    const char* vendor;
    // The Ednet camera shows nothing but its distributor's MAC prefix: a MAC prefix alone never
    // clears a device, so it stays unknown with the likely maker named.
    bool by_mac_prefix_only = false;
};

class RealCapture : public ::testing::TestWithParam<Case> {};

TEST_P(RealCapture, CameraIsNotCoveredAndNothingIsCovered) {
    SKIP_WITHOUT_REALDATA();
    const Case& c = GetParam();
    std::string path = std::string(CAMSWEEP_REALDATA_DIR "/pcaps/") + c.file;
    ASSERT_TRUE(std::filesystem::exists(path)) << path;
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    Analyzer analyzer(bundled_signatures(), options);
    InputSummary summary = analyzer.read_capture(path);
    EXPECT_TRUE(summary.complete) << summary.error;
    EXPECT_EQ(summary.format, "pcap");
    EXPECT_GT(summary.packets, 0u);
    EXPECT_GT(summary.observations, 0u);
    Inventory inv = analyzer.finish();
    ASSERT_FALSE(inv.devices.empty());

    const Device* camera = nullptr;
    auto cam_mac = *MacAddress::parse(c.camera_mac);
    for (const auto& d : inv.devices)
        if (std::find(d.macs.begin(), d.macs.end(), cam_mac) != d.macs.end()) {
            EXPECT_EQ(camera, nullptr) << "the camera's MAC is on two devices";
            camera = &d;
        }
    ASSERT_NE(camera, nullptr) << c.camera_mac;
    EXPECT_EQ(camera->best_value("vendor"), c.vendor);
    EXPECT_EQ(camera->verdict.producer, c.vendor);
    if (c.by_mac_prefix_only) {
        EXPECT_EQ(camera->verdict.status, VerdictStatus::unknown) << camera->verdict.reason;
        EXPECT_NE(camera->verdict.reason.find("by MAC prefix only"), std::string::npos) << camera->verdict.reason;
    } else {
        EXPECT_EQ(camera->verdict.status, VerdictStatus::not_covered) << camera->verdict.reason;
        EXPECT_GE(camera->verdict.confidence, bundled_signatures().policy.not_covered_threshold);
    }

    for (const auto& d : inv.devices) {
        EXPECT_NE(d.verdict.status, VerdictStatus::covered) << d.id << " " << d.verdict.reason;
        EXPECT_NE(d.verdict.status, VerdictStatus::likely_covered) << d.id << " " << d.verdict.reason;
        EXPECT_TRUE(d.verdict.listings.empty()) << d.id;
    }
}

INSTANTIATE_TEST_SUITE_P(IotSentinel, RealCapture,
                         ::testing::Values(Case{"iotsentinel_D-LinkCam_Setup-A-1-STA.pcap", "b0:c5:54:25:5b:0e", "d-link"},
                                           Case{"iotsentinel_EdimaxCam1_Setup-A-1-STA.pcap", "74:da:38:80:7a:08", "edimax"},
                                           Case{"iotsentinel_EdnetCam1_Setup-A-1-STA.pcap", "3c:49:37:03:17:db", "assmann", true}),
                         [](const ::testing::TestParamInfo<Case>& info) {
                             std::string name = info.param.vendor;
                             std::erase(name, '-');
                             return name;
                         });

TEST(Analyzer, UnreadableInputsAreReportedNotThrown) {
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    Analyzer analyzer(bundled_signatures(), options);
    auto missing = analyzer.read_capture("/nonexistent/capture.pcap");
    EXPECT_FALSE(missing.complete);
    EXPECT_NE(missing.error, "");
    TempDir tmp;
    write_file(tmp.path() / "junk.pcap", "this is not a capture at all");
    auto junk = analyzer.read_capture((tmp.path() / "junk.pcap").string());
    EXPECT_FALSE(junk.complete);
    EXPECT_NE(junk.error.find("magic"), std::string::npos) << junk.error;
    // A real capture cut in the middle of a record: what came before is kept.
    SKIP_WITHOUT_REALDATA();
    std::string real = read_file(CAMSWEEP_REALDATA_DIR "/pcaps/iotsentinel_EdnetCam1_Setup-A-1-STA.pcap");
    ASSERT_GT(real.size(), 2000u);
    write_file(tmp.path() / "cut.pcap", real.substr(0, real.size() - 37));
    auto cut = analyzer.read_capture((tmp.path() / "cut.pcap").string());
    EXPECT_GT(cut.packets, 0u);
    Inventory inv = analyzer.finish();
    EXPECT_EQ(inv.inputs.size(), 3u);
    EXPECT_FALSE(inv.devices.empty());
}

TEST(Analyzer, FeedFrameCountsMalformedAndKeepsGoing) {
    AnalyzerOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    std::vector<std::string> warnings;
    options.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    options.max_warnings_per_input = 5;
    Analyzer analyzer(bundled_signatures(), options);
    InputSummary summary;
    // Twenty SADP datagrams with broken XML, then one good ProbeMatch.
    for (int i = 0; i < 20; ++i) {
        Buf frame = ethernet("01:00:5e:7f:ff:fa", "58:50:ed:1f:e3:85", kEtherIpv4,
                             ipv4_udp("192.168.124.40", "239.255.255.250", 37020, 37020, bytes_of("<ProbeMatch><DeviceSN>")));
        analyzer.feed_frame(kLinkEthernet, Bytes(frame.data(), frame.size()), 1.0 + i, "mem:frame " + std::to_string(i), summary);
    }
    Buf good = ethernet("01:00:5e:7f:ff:fa", "58:50:ed:1f:e3:85", kEtherIpv4,
                        ipv4_udp("192.168.124.40", "239.255.255.250", 37020, 37020,
                                 bytes_of("<ProbeMatch><DeviceSN>DS-2CD2385G1-I20200414AAWRE33842150</DeviceSN>"
                                          "<DeviceDescription>DS-2CD2385G1-I</DeviceDescription><MAC>58-50-ed-1f-e3-85</MAC></ProbeMatch>")));
    analyzer.feed_frame(kLinkEthernet, Bytes(good.data(), good.size()), 30.0, "mem:frame 20", summary);
    EXPECT_EQ(summary.packets, 21u);
    EXPECT_EQ(summary.malformed, 20u);
    EXPECT_EQ(summary.observations, 1u);
    EXPECT_LE(warnings.size(), 6u);
    for (const auto& w : warnings) EXPECT_EQ(w.rfind("mem:frame ", 0), 0u) << w;
    Inventory inv = analyzer.finish();
    ASSERT_EQ(inv.devices.size(), 1u);
    EXPECT_EQ(inv.devices[0].verdict.status, VerdictStatus::covered) << inv.devices[0].verdict.reason;
    EXPECT_EQ(inv.devices[0].best_value("vendor"), "hikvision");
    EXPECT_TRUE(inv.devices[0].verdict.purpose_qualified);
}

}  // namespace
}  // namespace camsweep
