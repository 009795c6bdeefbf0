#pragma once
// Building frames and capture files: the project's own generator for its sample captures,
// golden inputs and hostile test inputs. Never used on the analysis path.
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_writer.hpp"

namespace camsweep::synth {

using Frame = std::vector<std::uint8_t>;

struct Host {
    MacAddress mac;
    IpAddress ip;
};

MacAddress mac(std::string_view text);     // aborts on a malformed literal (generator input is ours)
IpAddress ipv4(std::string_view text);
inline const MacAddress kBroadcastMac = MacAddress{{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}};
// Where the scenarios' discovery traffic goes: the SSDP/WS-Discovery/SADP group, Dahua's DHIP
// group, mDNS, the limited broadcast, and DHCP's unset source address.
inline const IpAddress kDiscoveryGroup = IpAddress::v4(0xeffffffa);  // 239.255.255.250
inline const IpAddress kDhipGroup = IpAddress::v4(0xeffffffb);       // 239.255.255.251
inline const IpAddress kMdnsGroup = IpAddress::v4(0xe00000fb);       // 224.0.0.251
inline const IpAddress kBroadcast = IpAddress::v4(0xffffffff);
inline const IpAddress kZero = IpAddress::v4(0);
MacAddress multicast_mac_for(const IpAddress& group);  // 01:00:5e + low 23 bits

// Ethernet II frame, optionally with 802.1Q tags (outermost first).
Frame ethernet(const MacAddress& src, const MacAddress& dst, std::uint16_t ethertype, const Frame& payload,
               const std::vector<std::uint16_t>& vlan_ids = {});
Frame ipv4_udp(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port,
               std::string_view payload, std::uint8_t ttl = 64);
// The same datagram split into IPv4 fragments that fit an MTU (one frame when it fits).
std::vector<Frame> ipv4_udp_fragments(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port,
                                      std::string_view payload, std::uint16_t ip_id, std::size_t mtu = 1500);
Frame arp(std::uint16_t operation, const MacAddress& sender_mac, const IpAddress& sender_ip, const MacAddress& target_mac,
          const IpAddress& target_ip);

struct DhcpOption {
    std::uint8_t code;
    std::vector<std::uint8_t> data;
};
DhcpOption dhcp_text_option(std::uint8_t code, std::string_view text);
// A BOOTP/DHCP message (op 1 from a client, 2 from a server) with the magic cookie and options.
std::string dhcp_message(std::uint8_t op, std::uint32_t xid, const MacAddress& client, const IpAddress& client_ip,
                         const IpAddress& your_ip, const std::vector<DhcpOption>& options);

// DHIP: the 32-byte header (little-endian lengths) followed by the JSON body.
std::string dhip_packet(std::string_view json, std::uint32_t session = 0, std::uint32_t request = 0);

// Classic pcap (microsecond timestamps, LINKTYPE_ETHERNET unless told otherwise).
class PcapWriter {
public:
    explicit PcapWriter(int link_type = 1, std::uint32_t snaplen = 65535);
    void add(double time, const Frame& frame);
    void add_raw_record(std::uint32_t ts_sec, std::uint32_t ts_usec, std::uint32_t caplen, std::uint32_t origlen,
                        const Frame& bytes);  // for hostile inputs: lengths may lie
    const std::vector<std::uint8_t>& bytes() const { return bytes_.data(); }
    bool write(const std::string& path) const;

private:
    ByteWriter bytes_;
};

// The same, streamed straight to a file: for captures too large to hold in memory.
class PcapFileStream {
public:
    explicit PcapFileStream(const std::string& path, int link_type = 1, std::uint32_t snaplen = 65535);
    bool ok() const;
    void add(double time, const Frame& frame);
    std::uint64_t bytes_written() const { return written_; }

private:
    std::ofstream out_;
    std::uint64_t written_ = 0;
};

Frame ipv4_tcp(const IpAddress& src, const IpAddress& dst, std::uint16_t src_port, std::uint16_t dst_port, std::uint32_t seq,
               std::uint32_t ack, std::uint8_t flags, std::string_view payload);

}  // namespace camsweep::synth
