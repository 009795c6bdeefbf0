#pragma once
// Capture scenarios written by the project's generator (tools/pcapgen). Payloads follow the
// vendors' real wire formats as recorded in shared/docs/research (each one cites its source);
// addresses, serials and times are the generator's own.
#include "camsweep/synth/frames.hpp"

namespace camsweep::synth {

// pcaps/sample-lan.pcap: a small site LAN with Hikvision, a Hikvision OEM, Dahua, Dahua OEMs,
// a Huawei gateway, non-covered cameras and an unidentifiable device.
PcapWriter sample_lan();

}  // namespace camsweep::synth

namespace camsweep::synth {

// The benchmark captures (docs/performance.md), streamed to `path` until about `target_bytes` are
// written; deterministic for a given size.
enum class BenchMix : std::uint8_t {
    // 48 cameras streaming RTP to a recorder; every 4,000 RTP packets one camera's burst of SADP,
    // SSDP, DNS and an HTTP exchange (0.25 % of the frames).
    lan,
    // 480 cameras of eight makers (Hikvision, a Hikvision NVR, LTS, Dahua, Amcrest, Axis,
    // XiongMai, Lorex) streaming RTP; after every 30 RTP packets one camera's next announcement
    // or exchange in its maker's formats (SADP, DHIP, WS-Discovery, SSDP, mDNS, XMeye, DHCP, DNS,
    // HTTP, RTSP, a TLS ClientHello or an NVR's certificate, or a gratuitous ARP), and every 40
    // of those one of a laptop's searches: about 6 % of the frames are discovery, DHCP, DNS and
    // banners, 0.4 % ARP.
    chatter,
};

struct BenchCounts {
    std::uint64_t frames = 0;
    std::uint64_t chatter_frames = 0;  // discovery, DHCP, DNS and banner exchanges (TCP included)
    std::uint64_t arp_frames = 0;
};

// Returns false if the file cannot be written.
bool write_bench(const std::string& path, std::uint64_t target_bytes, BenchMix mix, BenchCounts& counts);

}  // namespace camsweep::synth
