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
