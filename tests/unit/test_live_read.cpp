// Analyzer::read_live, the live-capture loop, on a stand-in LiveSource that replays a capture
// file with idle polls between frames (the real interface needs root: tests/e2e/live_capture.sh).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "camsweep/capture/capture_file.hpp"
#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/signatures/loader.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

const char* const kSample = CAMSWEEP_SOURCE_DIR "/pcaps/sample-lan.pcap";

const SignatureDatabase& bundled() {
    static const SignatureLoad load = load_signatures(CAMSWEEP_SOURCE_DIR "/signatures");
    EXPECT_TRUE(load.ok());
    return load.database;
}

// What the source does once the file's frames are out.
enum class AtEnd { idle, stop, fail };

// Replays a capture file as a live source: an idle poll (0) before every frame, as a quiet
// interface gives; at the end it idles, raises the stop flag (as a signal handler would) or fails.
class ReplaySource final : public LiveSource {
public:
    ReplaySource(const char* path, AtEnd at_end, std::atomic<bool>* stop = nullptr, std::uint64_t fail_after = 0)
        : at_end_(at_end), stop_(stop), fail_after_(fail_after) {
        std::string error;
        file_ = CaptureFile::open(path, error);
        EXPECT_TRUE(file_) << error;
    }
    int next(CaptureRecord& record) override {
        ++polls_;
        if (idle_next_) {
            idle_next_ = false;
            return 0;
        }
        idle_next_ = true;
        if (!(fail_after_ > 0 && delivered_ == fail_after_) && file_ && file_->next(record)) {
            ++delivered_;
            return 1;
        }
        if (at_end_ == AtEnd::fail || fail_after_ > 0) {
            error_ = "the interface went down";
            return -1;
        }
        if (at_end_ == AtEnd::stop && stop_) *stop_ = true;
        return 0;
    }
    const std::string& error() const override { return error_; }
    std::uint64_t delivered() const { return delivered_; }
    std::uint64_t polls() const { return polls_; }

private:
    std::unique_ptr<CaptureFile> file_;
    AtEnd at_end_;
    std::atomic<bool>* stop_;
    std::uint64_t fail_after_;
    std::uint64_t delivered_ = 0, polls_ = 0;
    bool idle_next_ = true;
    std::string error_;
};

AnalyzerOptions options_on(const char* date = "2026-11-23") {
    AnalyzerOptions options;
    options.audit_date = *Date::parse(date);
    return options;
}

std::vector<std::pair<std::string, VerdictStatus>> verdicts_of(const Inventory& inventory) {
    std::vector<std::pair<std::string, VerdictStatus>> out;
    for (const auto& d : inventory.devices) out.emplace_back(d.macs.empty() ? d.id : d.macs[0].to_string(), d.verdict.status);
    return out;
}

TEST(LiveRead, StopFlagEndsTheCaptureWithTheSameInventoryAsTheFile) {
    Analyzer from_file(bundled(), options_on());
    InputSummary file_summary = from_file.read_capture(kSample);
    ASSERT_TRUE(file_summary.complete) << file_summary.error;
    Inventory expected = from_file.finish();

    std::atomic<bool> stop{false};
    ReplaySource source(kSample, AtEnd::stop, &stop);
    Analyzer live(bundled(), options_on());
    LiveReadOptions read;
    read.name = "live:test0";
    read.stop = &stop;
    InputSummary summary = live.read_live(source, read);
    EXPECT_TRUE(stop.load());
    EXPECT_TRUE(summary.complete);
    EXPECT_EQ(summary.path, "live:test0");
    EXPECT_EQ(summary.format, "live");
    EXPECT_EQ(summary.packets, file_summary.packets);
    EXPECT_EQ(summary.observations, file_summary.observations);
    Inventory inventory = live.finish();
    ASSERT_EQ(inventory.inputs.size(), 1u);
    EXPECT_EQ(inventory.inputs[0].path, "live:test0");
    EXPECT_EQ(inventory.inputs[0].packets, summary.packets);
    EXPECT_EQ(verdicts_of(inventory), verdicts_of(expected));
}

TEST(LiveRead, AStopSetBeforehandReadsNothing) {
    std::atomic<bool> stop{true};
    ReplaySource source(kSample, AtEnd::idle);
    Analyzer live(bundled(), options_on());
    LiveReadOptions read;
    read.name = "live:test0";
    read.stop = &stop;
    InputSummary summary = live.read_live(source, read);
    EXPECT_EQ(source.polls(), 0u);
    EXPECT_EQ(summary.packets, 0u);
    EXPECT_TRUE(summary.complete);
}

TEST(LiveRead, CountEndsAfterThatManyPackets) {
    ReplaySource source(kSample, AtEnd::idle);
    Analyzer live(bundled(), options_on());
    LiveReadOptions read;
    read.name = "live:test0";
    read.count = 10;
    InputSummary summary = live.read_live(source, read);
    EXPECT_EQ(summary.packets, 10u);
    EXPECT_EQ(source.delivered(), 10u);
    EXPECT_TRUE(summary.complete);
    EXPECT_FALSE(live.finish().devices.empty());
}

TEST(LiveRead, DurationEndsAQuietCapture) {
    ReplaySource source(kSample, AtEnd::idle);
    Analyzer live(bundled(), options_on());
    LiveReadOptions read;
    read.name = "live:test0";
    read.duration = 0.2;
    auto start = std::chrono::steady_clock::now();
    InputSummary summary = live.read_live(source, read);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    EXPECT_GE(seconds, 0.2);
    EXPECT_LT(seconds, 30.0);
    EXPECT_TRUE(summary.complete);
    // The whole file went through while the capture idled on.
    EXPECT_EQ(summary.packets, source.delivered());
    EXPECT_GT(source.polls(), 2 * source.delivered());
}

TEST(LiveRead, ASourceFailureEndsTheInputIncompleteAndKeepsWhatWasRead) {
    ReplaySource source(kSample, AtEnd::idle, nullptr, 20);
    Analyzer live(bundled(), options_on());
    LiveReadOptions read;
    read.name = "live:test0";
    InputSummary summary = live.read_live(source, read);
    EXPECT_EQ(summary.packets, 20u);
    EXPECT_FALSE(summary.complete);
    EXPECT_EQ(summary.error, "the interface went down");
    Inventory inventory = live.finish();
    ASSERT_EQ(inventory.inputs.size(), 1u);
    EXPECT_FALSE(inventory.inputs[0].complete);
    EXPECT_EQ(inventory.inputs[0].error, "the interface went down");
    EXPECT_FALSE(inventory.devices.empty());
}

// A stand-in that hands out fixed frames, then fails.
class FramesSource final : public LiveSource {
public:
    explicit FramesSource(std::vector<Buf> frames) : frames_(std::move(frames)) {}
    int next(CaptureRecord& record) override {
        if (next_ == frames_.size()) return -1;
        const Buf& frame = frames_[next_++];
        record.link_type = kLinkEthernet;
        record.time = 1000.0 + static_cast<double>(next_);
        record.data = Bytes(frame.data(), frame.size());
        record.original_length = static_cast<std::uint32_t>(frame.size());
        record.number = next_;
        return 1;
    }
    const std::string& error() const override { return error_; }

private:
    std::vector<Buf> frames_;
    std::size_t next_ = 0;
    std::string error_ = "end of the test frames";
};

TEST(LiveRead, WarningsNameTheInputAndFrame) {
    AnalyzerOptions options = options_on();
    std::vector<std::string> warnings;
    options.on_warning = [&](const std::string& w) { warnings.push_back(w); };
    Buf good = ethernet("01:00:5e:7f:ff:fa", "58:50:ed:1f:e3:85", kEtherIpv4,
                        ipv4_udp("192.168.124.40", "239.255.255.250", 37020, 37020,
                                 bytes_of("<ProbeMatch><DeviceSN>DS-2CD2385G1-I20200414AAWRE33842150</DeviceSN>"
                                          "<DeviceDescription>DS-2CD2385G1-I</DeviceDescription><MAC>58-50-ed-1f-e3-85</MAC></ProbeMatch>")));
    Buf broken = ethernet("01:00:5e:7f:ff:fa", "58:50:ed:1f:e3:85", kEtherIpv4,
                          ipv4_udp("192.168.124.40", "239.255.255.250", 37020, 37020, bytes_of("<ProbeMatch><DeviceSN>")));
    FramesSource source({good, broken});
    Analyzer live(hikvision_lts_db(), options);
    LiveReadOptions read;
    read.name = "live:eth9";
    InputSummary summary = live.read_live(source, read);
    EXPECT_EQ(summary.packets, 2u);
    EXPECT_EQ(summary.malformed, 1u);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("live:eth9:frame 2: ", 0), 0u) << warnings[0];
    EXPECT_EQ(live.finish().devices.size(), 1u);
}

}  // namespace
}  // namespace camsweep
