#pragma once
// Live capture from an interface through libpcap.
#include <cstdint>
#include <memory>
#include <string>

#include "camsweep/capture/capture_file.hpp"

namespace camsweep {

struct LiveCaptureOptions {
    std::string interface;
    std::string filter;          // BPF expression; empty = everything
    int snaplen = 65535;
    bool promiscuous = true;
    int poll_milliseconds = 200;  // how often next() returns without a packet, so callers can stop
};

class LiveCapture {
public:
    ~LiveCapture();
    LiveCapture(const LiveCapture&) = delete;
    LiveCapture& operator=(const LiveCapture&) = delete;

    static std::unique_ptr<LiveCapture> open(const LiveCaptureOptions& options, std::string& error);

    // 1: a packet in `record`; 0: nothing within the poll interval; -1: error (see error()).
    int next(CaptureRecord& record);
    void interrupt();  // async-signal-safe: makes a blocked next() return
    const std::string& error() const { return error_; }
    std::uint64_t dropped() const;  // packets the kernel dropped

private:
    LiveCapture() = default;
    void* handle_ = nullptr;  // pcap_t*
    int link_type_ = 0;
    std::uint64_t number_ = 0;
    std::string error_;
};

}  // namespace camsweep
