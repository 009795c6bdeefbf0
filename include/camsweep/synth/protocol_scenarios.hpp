#pragma once
// Per-protocol golden captures (pcaps/protocols/<name>.pcap, written by camsweep-pcapgen).
// Each one holds valid messages in the vendor's real wire format (the source is cited next to
// each payload) interleaved with malformed variants of the same protocol: lying length fields,
// bad magic, payloads cut short inside otherwise valid frames, invalid XML/JSON, DNS compression
// loops, over-long header lines. The goldens prove the valid devices survive next to garbage.
#include "camsweep/synth/frames.hpp"

namespace camsweep::synth {

PcapWriter proto_arp_dhcp();         // ARP (requests, replies, announcements) and DHCPv4
PcapWriter proto_dhcpv6_eui64();     // DHCPv6 Solicit from IPv6 link-local EUI-64 sources
PcapWriter proto_dns_mdns();         // DNS queries to vendor clouds, mDNS, LLMNR, NBNS
PcapWriter proto_ssdp_wsd();         // SSDP NOTIFY / M-SEARCH and WS-Discovery Hello / Probe
PcapWriter proto_sadp();             // SADP XML on UDP 37020 (fragmented replies) and over EtherType 0x8033
PcapWriter proto_dhip_5050();        // Dahua DHIP on UDP 37810 and the legacy binary search on UDP 5050
PcapWriter proto_xiongmai();         // XiongMai / XMeye search on UDP 34569
PcapWriter proto_tcp_banners();      // HTTP, RTSP and TLS over TCP, split, reordered and retransmitted
PcapWriter proto_vlan_linktypes();   // 802.1Q and QinQ tagged discovery frames
PcapWriter proto_linux_sll2();       // the same kind of traffic as Linux cooked capture v2 (link type 276)
PcapWriter proto_maker_discovery();  // Bosch, Hanwha, Vivotek, Sony, Easy IP Setup and Ubiquiti searches and replies

}  // namespace camsweep::synth
