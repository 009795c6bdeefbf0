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

// A large LAN capture for the benchmark: mostly RTP video from cameras to a recorder, with the
// discovery, DNS, HTTP and RTSP traffic of the sample mixed in. Streams to `path` until about
// `target_bytes` are written; deterministic for a given size.
bool write_bench_lan(const std::string& path, std::uint64_t target_bytes);

}  // namespace camsweep::synth
