#pragma once
// Live capture from an interface through libpcap, behind the small LiveSource interface the
// passive pipeline reads (Analyzer::read_live), so the loop runs the same on a test's source.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "camsweep/capture/capture_file.hpp"

namespace camsweep {

struct LiveCaptureOptions {
    std::string interface;
    std::string filter;          // BPF expression; empty = everything
    int snaplen = 65535;
    bool promiscuous = true;
    int poll_milliseconds = 200;  // how often next() returns without a packet, so callers can stop
    std::string write_path;       // also keep every captured packet in this pcap file (sniff -w)
};

// An interface libpcap can capture on (sniff -D), as pcap_findalldevs lists it.
struct CaptureInterface {
    std::string name, description;
    std::vector<std::string> addresses;  // IPv4 and IPv6 addresses, as text
    bool up = false, running = false, loopback = false;
};

// Frames that arrive over time: a live interface, or a stand-in in the tests.
class LiveSource {
public:
    virtual ~LiveSource() = default;
    // 1: a frame in `record` (valid until the next call); 0: nothing within the poll interval
    // (so the reader can check its stop conditions); -1: the source failed (see error()).
    virtual int next(CaptureRecord& record) = 0;
    virtual const std::string& error() const = 0;
};

class LiveCapture final : public LiveSource {
public:
    ~LiveCapture() override;
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    static std::unique_ptr<LiveCapture> open(const LiveCaptureOptions& options, std::string& error);
    // Every interface libpcap can open here; empty with `error` set when it cannot list them.
    static std::vector<CaptureInterface> interfaces(std::string& error);

    // 1: a packet in `record`; 0: nothing within the poll interval; -1: error (see error()).
    int next(CaptureRecord& record) override;
    void interrupt();  // async-signal-safe: makes a blocked next() return
    const std::string& error() const override { return error_; }
    std::uint64_t dropped() const;  // packets the kernel dropped

private:
    LiveCapture() = default;
    void* handle_ = nullptr;  // pcap_t*
    void* dumper_ = nullptr;  // pcap_dumper_t* of write_path, when set
    int link_type_ = 0;
    int selectable_fd_ = -1;      // waited on with poll(): next() returns 0 after poll_milliseconds
    int poll_milliseconds_ = 200;
    std::uint64_t number_ = 0;
    std::string error_;
};

}  // namespace camsweep
