#pragma once
// The flood capture for the resource-ceiling test (tests/e2e/flood.sh, docs/robustness.md
// "Hostile inputs"): far more distinct senders and TCP flows than the device and flow tables
// hold, with a few real cameras among them, streamed to a file.
#include <cstdint>
#include <string>

namespace camsweep::synth {

struct FloodCounts {
    std::uint64_t senders = 1000000;  // ARP or DNS frames, each from its own random MAC
    std::uint64_t flows = 1000000;    // TCP flows (SYN + one data segment), each from its own client
};

// `camsweep-pcapgen flood-macs`: `counts.senders` frames from distinct random unicast MACs
// (ARP announcements and DNS queries, alternating), interleaved with `counts.flows` TCP flows
// from distinct clients to port 80 (SYN, then an HTTP request head: every other one is left
// unfinished so that it waits in the reassembler), and, early in the capture, the sample's
// Hikvision (SADP ProbeMatch), Dahua (DHIP notifyDevInfo) and Axis (DHCP + SSDP) cameras.
// Deterministic. Returns false if the file cannot be written.
bool write_flood_macs(const std::string& path, FloodCounts counts = {});

}  // namespace camsweep::synth
