// The per-protocol golden captures (pcaps/protocols/). Every valid payload follows a wire format
// recorded in shared/docs/research (cited next to it); identities, addresses and times are the
// generator's own. The malformed variants are built from the same builders and then broken in one
// named way each, inside otherwise valid frames.
#include "camsweep/synth/protocol_scenarios.hpp"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/dissect/tls.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"
#include "camsweep/synth/payloads.hpp"

namespace camsweep::synth {
namespace {

constexpr double kStart = 1793696400.0;  // 2026-11-03T09:00:00Z

const IpAddress kLlmnrGroup = ipv4("224.0.0.252");

// ---- frames ----------------------------------------------------------------------------------

Frame frame_of(std::string_view s) { return Frame(s.begin(), s.end()); }

// The first `n` bytes of a frame: a frame cut short on the wire (no Ethernet padding).
Frame cut(Frame f, std::size_t n) {
    if (f.size() > n) f.resize(n);
    return f;
}

// Ethernet with an explicit list of (TPID, VLAN id) tags, outermost first: 802.1Q (0x8100),
// 802.1ad QinQ (0x88a8) and the legacy 0x9100.
Frame ethernet_tags(const MacAddress& src, const MacAddress& dst, std::uint16_t ethertype, const Frame& payload,
                    const std::vector<std::pair<std::uint16_t, std::uint16_t>>& tags) {
    ByteWriter w;
    w.mac(dst).mac(src);
    for (auto [tpid, id] : tags) w.be16(tpid).be16(id & 0x0fffu);
    w.be16(ethertype).bytes(payload).pad_to(60);
    return w.take();
}

// Linux cooked capture v2 header (LINKTYPE_LINUX_SLL2, tcpdump's linktype page): protocol,
// reserved, interface index, ARPHRD type, packet type, address length, 8 address bytes.
Frame sll2(const MacAddress& src, std::uint16_t protocol, std::uint8_t packet_type, const Frame& network) {
    ByteWriter w;
    w.be16(protocol).be16(0);
    w.be32(2);  // interface index
    w.be16(1);  // ARPHRD_ETHER
    w.u8(packet_type).u8(6).mac(src).zeros(2);
    w.bytes(network);
    return w.take();
}

// ---- IPv6 ------------------------------------------------------------------------------------

IpAddress ipv6_from(const std::uint8_t (&b)[16]) { return IpAddress::v6(b); }

// fe80::/64 with the modified EUI-64 interface identifier of `m` (RFC 4291 appendix A).
IpAddress link_local_eui64(const MacAddress& m) {
    std::uint8_t b[16] = {0xfe, 0x80};
    b[8] = static_cast<std::uint8_t>(m.octets[0] ^ 0x02);
    b[9] = m.octets[1];
    b[10] = m.octets[2];
    b[11] = 0xff;
    b[12] = 0xfe;
    b[13] = m.octets[3];
    b[14] = m.octets[4];
    b[15] = m.octets[5];
    return ipv6_from(b);
}

IpAddress ipv6_multicast(std::uint8_t scope, std::uint16_t last_group, std::uint8_t third = 0) {
    std::uint8_t b[16] = {0xff, scope};
    b[13] = third;
    b[14] = static_cast<std::uint8_t>(last_group >> 8);
    b[15] = static_cast<std::uint8_t>(last_group);
    return ipv6_from(b);
}

MacAddress ipv6_multicast_mac(const IpAddress& group) {
    return MacAddress{{0x33, 0x33, group.octets[12], group.octets[13], group.octets[14], group.octets[15]}};
}

// IPv6 + UDP with the mandatory checksum over the pseudo-header (RFC 8200 §8.1).
Frame ipv6_udp(const IpAddress& src, const IpAddress& dst, std::uint16_t sport, std::uint16_t dport, std::string_view payload,
               std::uint8_t hop_limit = 1) {
    const std::uint32_t udp_length = static_cast<std::uint32_t>(8 + payload.size());
    ByteWriter udp;
    udp.be16(sport).be16(dport).be16(static_cast<std::uint16_t>(udp_length)).be16(0).text(payload);
    std::uint32_t sum = 0;
    for (std::size_t i = 0; i < 16; i += 2) sum += (src.octets[i] << 8) | src.octets[i + 1];
    for (std::size_t i = 0; i < 16; i += 2) sum += (dst.octets[i] << 8) | dst.octets[i + 1];
    sum += udp_length + 17;
    const Bytes segment = udp.view();
    for (std::size_t i = 0; i < segment.size(); i += 2) {
        std::uint32_t hi = segment[i];
        std::uint32_t lo = i + 1 < segment.size() ? segment[i + 1] : 0u;
        sum += (hi << 8) | lo;
    }
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    std::uint16_t checksum = static_cast<std::uint16_t>(~sum);
    if (checksum == 0) checksum = 0xffff;
    udp.patch_be16(6, checksum);
    ByteWriter w;
    w.be32(0x60000000).be16(static_cast<std::uint16_t>(udp_length)).u8(17).u8(hop_limit);
    w.ipv6(src).ipv6(dst).bytes(udp.view());
    return w.take();
}

// ---- the capture being written ----------------------------------------------------------------

class Capture {
public:
    explicit Capture(PcapWriter& out, bool sll2_link = false) : out_(out), sll2_(sll2_link) {}

    void at(double offset) { now_ = kStart + offset; }
    void frame(const Frame& f) {
        out_.add(now_, f);
        now_ += 0.0005;
    }
    // A network-layer packet framed for this capture's link type.
    Frame link(const MacAddress& src, const MacAddress& dst, std::uint16_t ethertype, const Frame& network,
               const std::vector<std::uint16_t>& vlans = {}, std::uint8_t sll2_packet_type = 0) const {
        if (sll2_) return sll2(src, ethertype, sll2_packet_type, network);
        return ethernet(src, dst, ethertype, network, vlans);
    }
    // A UDP datagram, as IPv4 fragments when it exceeds the MTU (real SADP replies do).
    void udp(const Host& src, const MacAddress& dst_mac, const IpAddress& dst_ip, std::uint16_t sport, std::uint16_t dport,
             std::string_view payload, const std::vector<std::uint16_t>& vlans = {}, bool reverse_fragments = false) {
        auto packets = ipv4_udp_fragments(src.ip, dst_ip, sport, dport, payload, next_ip_id_++);
        if (reverse_fragments) std::reverse(packets.begin(), packets.end());
        const std::uint8_t type = dst_mac == kBroadcastMac ? 1 : (dst_mac.octets[0] & 1) ? 2 : 0;
        for (const auto& p : packets) frame(link(src.mac, dst_mac, 0x0800, p, vlans, type));
        now_ += 0.001;
    }
    void multicast(const Host& src, const IpAddress& group, std::uint16_t sport, std::uint16_t dport, std::string_view payload,
                   const std::vector<std::uint16_t>& vlans = {}, bool reverse_fragments = false) {
        udp(src, multicast_mac_for(group), group, sport, dport, payload, vlans, reverse_fragments);
    }
    void broadcast(const Host& src, std::uint16_t sport, std::uint16_t dport, std::string_view payload,
                   const std::vector<std::uint16_t>& vlans = {}) {
        udp(src, kBroadcastMac, kBroadcast, sport, dport, payload, vlans);
    }
    void arp_frame(std::uint16_t op, const Host& sender, const MacAddress& target_mac, const IpAddress& target_ip,
                   const MacAddress& dst, const std::vector<std::uint16_t>& vlans = {}) {
        frame(link(sender.mac, dst, 0x0806, arp(op, sender.mac, sender.ip, target_mac, target_ip), vlans, dst == kBroadcastMac ? 1 : 0));
    }
    void announce(const Host& h, const std::vector<std::uint16_t>& vlans = {}) {  // gratuitous ARP
        arp_frame(1, h, MacAddress{}, h.ip, kBroadcastMac, vlans);
    }
    void udp6(const MacAddress& src_mac, const IpAddress& src, const IpAddress& group, std::uint16_t sport, std::uint16_t dport,
              std::string_view payload) {
        frame(link(src_mac, ipv6_multicast_mac(group), 0x86dd, ipv6_udp(src, group, sport, dport, payload)));
    }
    std::uint16_t next_ip_id() { return next_ip_id_++; }

private:
    PcapWriter& out_;
    bool sll2_;
    double now_ = kStart;
    std::uint16_t next_ip_id_ = 0x5a00;
};

// NetBIOS first-level encoding (RFC 1001 §14.1): 15 bytes space-padded plus the suffix byte,
// each nibble as a letter 'A'..'P'.
std::string netbios_encode(std::string_view name, std::uint8_t suffix) {
    std::string raw(name.substr(0, 15));
    raw.resize(15, ' ');
    raw.push_back(static_cast<char>(suffix));
    std::string out;
    for (char c : raw) {
        auto b = static_cast<std::uint8_t>(c);
        out.push_back(static_cast<char>('A' + (b >> 4)));
        out.push_back(static_cast<char>('A' + (b & 0x0f)));
    }
    return out;
}

// ---- SADP ------------------------------------------------------------------------------------------

// A ProbeMatch with the extra elements later firmware adds (research/protocols-passive.md §2.6:
// OEMInfo, EHomeVer, supportEzvizUnbind, DHCPAbility, supportIPv6), which takes the reply past
// one Ethernet MTU as real ~1.6 KB replies are.
std::string sadp_probe_match_long(std::string_view uuid, const SadpDevice& d) {
    std::string xml = sadp_probe_match(uuid, d);
    const std::string extra =
        "\t<OEMInfo>N/A</OEMInfo>\n\t<EHomeVer>5.0</EHomeVer>\n\t<supportEzvizUnbind>true</supportEzvizUnbind>\n"
        "\t<DHCPAbility>true</DHCPAbility>\n\t<supportIPv6>true</supportIPv6>\n\t<SupportGUID>true</SupportGUID>\n"
        "\t<SyncIPCPassword>false</SyncIPCPassword>\n\t<SupportChannelNumberModify>false</SupportChannelNumberModify>\n"
        "\t<SupportDeviceLock>true</SupportDeviceLock>\n\t<SupportHttpPortModify>true</SupportHttpPortModify>\n";
    xml.insert(xml.rfind("</ProbeMatch>"), extra);
    return xml;
}

// Reply 2 of research/protocols-active.md §1.4 (DS-7804HQH-K1 DVR): Encrypt and Salt first,
// OEMInfo, SyncIPCPassword and SupportGUID; the source is cut after "HCP", so the tail follows
// reply 1.
std::string sadp_dvr_probe_match(std::string_view uuid, std::string_view ip, std::string_view gateway) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<ProbeMatch>\n"
           "    <Uuid>" + std::string(uuid) + "</Uuid>\n    <Types>inquiry</Types>\n    <Encrypt>true</Encrypt>\n"
           "    <Salt>9bb2be4e49c225d4e57e659ecb97214a1ba295f2f7bec69bba7df83c55cc5e18</Salt>\n"
           "    <DeviceType>44322</DeviceType>\n    <DeviceDescription>DS-7804HQH-K1</DeviceDescription>\n"
           "    <DeviceSN>DS-7804HQH-K10420190822CCCHD53257168WCVU</DeviceSN>\n    <CommandPort>8000</CommandPort>\n"
           "    <HttpPort>80</HttpPort>\n    <MAC>68-6d-bc-ee-f8-f0</MAC>\n"
           "    <IPv4Address>" + std::string(ip) + "</IPv4Address>\n    <IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>\n"
           "    <IPv4Gateway>" + std::string(gateway) + "</IPv4Gateway>\n    <IPv6Address>fe80::6a6d:bcff:feee:f8f0</IPv6Address>\n"
           "    <IPv6Gateway>::</IPv6Gateway>\n    <IPv6MaskLen>64</IPv6MaskLen>\n    <DHCP>false</DHCP>\n"
           "    <AnalogChannelNum>4</AnalogChannelNum>\n    <DigitalChannelNum>5</DigitalChannelNum>\n"
           "    <SoftwareVersion>V3.5.38build 191215</SoftwareVersion>\n    <DSPVersion>V5.0, build 191213</DSPVersion>\n"
           "    <BootTime>2026-10-19 14:31:12</BootTime>\n    <OEMInfo>N/A</OEMInfo>\n    <Activated>true</Activated>\n"
           "    <PasswordResetAbility>true</PasswordResetAbility>\n    <SyncIPCPassword>true</SyncIPCPassword>\n"
           "    <PasswordResetModeSecond>true</PasswordResetModeSecond>\n    <DeviceLock>true</DeviceLock>\n"
           "    <SupportGUID>true</SupportGUID>\n    <SupportSecurityQuestion>true</SupportSecurityQuestion>\n"
           "    <SupportHCPlatform>true</SupportHCPlatform>\n    <HCPlatformEnable>flase</HCPlatformEnable>\n"
           "    <IsModifyVerificationCode>true</IsModifyVerificationCode>\n    <DiskNumber>1</DiskNumber>\n"
           "    <SDKServerStatus>true</SDKServerStatus>\n    <SDKOverTLSServerStatus>false</SDKOverTLSServerStatus>\n"
           "    <SupportMailBox>true</SupportMailBox>\n    <EHomeVer>2.0</EHomeVer>\n    <supportIPv6>true</supportIPv6>\n"
           "    <DHCPAbility>true</DHCPAbility>\n    <supportEzvizUnbind>true</supportEzvizUnbind>\n</ProbeMatch>\n";
}

// Layer-2 SADP (EtherType 0x8033), header layout of themactep/hiktools lua/sadp.lua and the
// device side sadp.h (research/protocols-passive.md §2.6; src/dissect/sadp_l2.cpp cites both).
std::string sadp_l2(std::uint8_t packet_type, std::uint8_t length, std::uint32_t counter, std::uint8_t query_type, const MacAddress& src_mac,
                    const IpAddress& src_ip, const MacAddress& dst_mac, const IpAddress& dst_ip, std::string_view payload,
                    std::uint8_t marker = 0x21, std::uint8_t hw_len = 6) {
    ByteWriter w;
    w.u8(marker).u8(packet_type).u8(0x01).u8(length).be32(counter).u8(hw_len).u8(4).u8(query_type).u8(0);
    w.be16(0);  // checksum (not verified by readers)
    w.mac(src_mac).ipv4(src_ip).mac(dst_mac).ipv4(dst_ip).ipv4(ipv4("255.255.255.0"));
    w.text(payload);
    return w.take_string();
}

// sadp.h dev_info: serial[48], type, command port, encoder count, disk count (big-endian),
// software version[48], DSP version[48], boot time[48]; 208 bytes.
std::string sadp_l2_dev_info(std::string_view serial, std::uint32_t type, std::string_view software, std::string_view dsp,
                             std::string_view boot) {
    ByteWriter w;
    w.padded(serial, 48).be32(type).be32(8000).be32(1).be32(0);
    w.padded(software, 48).padded(dsp, 48).padded(boot, 48);
    return w.take_string();
}

// ---- Dahua 5050 (research/protocols-active.md §1.5.2; layout in src/dissect/dahua5050.cpp) -------

std::string dahua5050_reply(std::string_view hostname, const IpAddress& ip, const MacAddress& mac, std::string_view model,
                            std::string_view serial, int section3_length_override = -1) {
    std::string section2 = mac.to_string() + std::string(model);
    // UniversalScanner Dahua1.selftest: the text tail Name / Device / IPv6Addr / SerialNo.
    std::string section3 = "Name:" + std::string(hostname) + "\r\nDevice:" + std::string(model) + "\r\nIPv6Addr:" +
                           link_local_eui64(mac).to_string() + "/64\r\nSerialNo:" + std::string(serial) + "\r\n";
    std::size_t s3 = section3_length_override >= 0 ? static_cast<std::size_t>(section3_length_override) : section3.size();
    ByteWriter w;
    w.u8(0xb3).u8(0).le16(static_cast<std::uint16_t>(section2.size())).u8(0x58).pad_to(0x10);
    w.u8(0x02).pad_to(0x14).le16(static_cast<std::uint16_t>(s3)).pad_to(0x28);
    w.padded(hostname, 16).ipv4(ip).pad_to(0x5e);
    w.le16(80).pad_to(0x62);  // web port
    w.le16(37777).pad_to(0x78);  // DVRIP port
    return w.take_string() + section2 + section3;
}

// ---- TCP conversations ------------------------------------------------------------------------------

constexpr std::uint8_t kFin = 0x01, kSyn = 0x02, kPsh = 0x08, kAck = 0x10;

class Tcp {
public:
    Tcp(Capture& cap, const Host& client, std::uint16_t client_port, const Host& server, std::uint16_t server_port,
        const MacAddress& server_link_mac, std::uint32_t client_isn, std::uint32_t server_isn)
        : cap_(cap), client_(client), server_(server), server_link_mac_(server_link_mac), cport_(client_port), sport_(server_port),
          cseq_(client_isn), sseq_(server_isn) {}

    void handshake() {
        to_server(cseq_, 0, kSyn, "");
        ++cseq_;
        to_client(sseq_, cseq_, kSyn | kAck, "");
        ++sseq_;
        to_server(cseq_, sseq_, kAck, "");
    }
    // The data split at the given sizes (the last piece takes the rest); returns each segment's
    // frame in order without writing it, so a caller can reorder or repeat them.
    std::vector<Frame> client_segments(std::string_view data, const std::vector<std::size_t>& sizes) {
        return segments(true, data, sizes);
    }
    std::vector<Frame> server_segments(std::string_view data, const std::vector<std::size_t>& sizes) {
        return segments(false, data, sizes);
    }
    void client_send(std::string_view data, const std::vector<std::size_t>& sizes = {}) {
        for (const auto& f : client_segments(data, sizes)) cap_.frame(f);
    }
    void server_send(std::string_view data, const std::vector<std::size_t>& sizes = {}) {
        for (const auto& f : server_segments(data, sizes)) cap_.frame(f);
    }
    void close() {
        to_server(cseq_, sseq_, kFin | kAck, "");
        ++cseq_;
        to_client(sseq_, cseq_, kFin | kAck, "");
        ++sseq_;
        to_server(cseq_, sseq_, kAck, "");
    }

private:
    Frame build(bool from_client, std::uint32_t seq, std::uint32_t ack, std::uint8_t flags, std::string_view data) const {
        if (from_client)
            return ethernet(client_.mac, server_link_mac_, 0x0800, ipv4_tcp(client_.ip, server_.ip, cport_, sport_, seq, ack, flags, data));
        return ethernet(server_link_mac_, client_.mac, 0x0800, ipv4_tcp(server_.ip, client_.ip, sport_, cport_, seq, ack, flags, data));
    }
    void to_server(std::uint32_t seq, std::uint32_t ack, std::uint8_t flags, std::string_view data) {
        cap_.frame(build(true, seq, ack, flags, data));
    }
    void to_client(std::uint32_t seq, std::uint32_t ack, std::uint8_t flags, std::string_view data) {
        cap_.frame(build(false, seq, ack, flags, data));
    }
    std::vector<Frame> segments(bool from_client, std::string_view data, const std::vector<std::size_t>& sizes) {
        std::vector<Frame> out;
        std::uint32_t& seq = from_client ? cseq_ : sseq_;
        const std::uint32_t ack = from_client ? sseq_ : cseq_;
        std::size_t i = 0;
        for (std::size_t k = 0; i < data.size(); ++k) {
            std::size_t n = k < sizes.size() ? sizes[k] : data.size() - i;
            n = std::min(n, data.size() - i);
            out.push_back(build(from_client, seq, ack, static_cast<std::uint8_t>(kAck | (i + n == data.size() ? kPsh : 0)), data.substr(i, n)));
            seq += static_cast<std::uint32_t>(n);
            i += n;
        }
        return out;
    }

    Capture& cap_;
    Host client_, server_;
    MacAddress server_link_mac_;  // the server's MAC, or the gateway's for an off-site server
    std::uint16_t cport_, sport_;
    std::uint32_t cseq_, sseq_;
};

}  // namespace

// ==== proto-arp-dhcp ===================================================================================

PcapWriter proto_arp_dhcp() {
    PcapWriter out;
    Capture cap(out);
    // A Huawei home gateway (Huawei OUI 00:18:82) serving DHCP.
    const Host gateway{mac("00:18:82:3a:51:10"), ipv4("192.168.30.1")};
    // Hikvision camera at the factory address 192.0.0.64 (research/protocols-passive.md §2.1),
    // then leasing a site address with the udhcp PRL (§2.0).
    const Host hik_factory{mac("44:19:b6:2c:71:0a"), ipv4("192.0.0.64")};
    const Host hik{hik_factory.mac, ipv4("192.168.30.40")};
    // Axis P3343: vendor class and hostname as recorded by Recog (§2.2).
    const Host axis{mac("ac:cc:8e:5a:10:22"), ipv4("192.168.30.60")};
    // D-Link DCS-935L: option 12, option 60 and PRL of the real IoT Sentinel capture (§2.0).
    const Host dlink{mac("b0:c5:54:25:5b:0e"), ipv4("192.168.30.61")};
    // Dahua camera (Dahua OUI E0:50:8B) answering the gateway's ARP request.
    const Host dahua{mac("e0:50:8b:3d:44:90"), ipv4("192.168.30.50")};
    // The source of the malformed frames: a locally administered MAC, no OUI.
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.30.99")};

    cap.at(0.0);
    cap.announce(gateway);
    cap.announce(hik_factory);
    // Malformed: an ARP frame cut 20 bytes into the ARP body (no Ethernet padding).
    cap.frame(cut(ethernet(junk.mac, kBroadcastMac, 0x0806, arp(1, junk.mac, junk.ip, MacAddress{}, gateway.ip)), 14 + 20));

    cap.at(2.0);
    const std::uint32_t xid = 0x5b0c1a01;
    cap.udp({hik.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67, dhcp_message(1, xid, hik.mac, kZero, kZero, with_type(1, {kUdhcpPrl})));
    cap.udp(gateway, hik.mac, hik.ip, 67, 68, dhcp_message(2, xid, hik.mac, kZero, hik.ip, with_type(2, {})));
    // Malformed: ARP claiming hardware type 6 with 8-byte addresses (not Ethernet/IPv4).
    {
        Frame body = arp(2, junk.mac, junk.ip, MacAddress{}, gateway.ip);
        body[1] = 6;
        body[4] = 8;
        cap.frame(ethernet(junk.mac, kBroadcastMac, 0x0806, body));
    }
    cap.udp({hik.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67,
            dhcp_message(1, xid, hik.mac, kZero, kZero, with_type(3, {kUdhcpPrl, {50, {192, 168, 30, 40}}})));
    cap.udp(gateway, hik.mac, hik.ip, 67, 68, dhcp_message(2, xid, hik.mac, kZero, hik.ip, with_type(5, {})));
    cap.announce(hik);

    cap.at(4.0);
    // Malformed: a DHCP DISCOVER whose option 12 length byte (0xF0) runs past the message.
    {
        std::string m = dhcp_message(1, 0x5b0c1a99, junk.mac, kZero, kZero, with_type(1, {dhcp_text_option(12, "cam"), kUdhcpPrl}));
        m[244] = '\xf0';
        cap.udp({junk.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67, m);
    }
    cap.udp({axis.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67,
            dhcp_message(1, 0x5b0c1a02, axis.mac, kZero, kZero,
                         with_type(1, {dhcp_text_option(60, "AXIS,Network Camera,P3343,5.20.3"), dhcp_text_option(12, "axis-accc8e5a1022"),
                                       kUdhcpPrl})));
    // Malformed: a DHCP message with a wrong magic cookie (63 82 53 00).
    {
        std::string m = dhcp_message(1, 0x5b0c1a98, junk.mac, kZero, kZero, with_type(1, {kUdhcpPrl}));
        m[239] = '\0';
        cap.udp({junk.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67, m);
    }
    cap.udp(gateway, axis.mac, axis.ip, 67, 68, dhcp_message(2, 0x5b0c1a02, axis.mac, kZero, axis.ip, with_type(2, {})));

    cap.at(6.0);
    // Malformed: a BOOTP message cut at 200 bytes, before the magic cookie (UDP length agrees).
    cap.udp({junk.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67,
            dhcp_message(1, 0x5b0c1a97, junk.mac, kZero, kZero, with_type(1, {kUdhcpPrl})).substr(0, 200));
    cap.udp({dlink.mac, kZero}, kBroadcastMac, kBroadcast, 68, 67,
            dhcp_message(1, 0x5b0c1a03, dlink.mac, kZero, kZero,
                         with_type(1, {dhcp_text_option(12, "DCS-935L"), dhcp_text_option(60, "udhcp 1.22.1"), kUdhcpPrl})));
    cap.udp(gateway, dlink.mac, dlink.ip, 67, 68, dhcp_message(2, 0x5b0c1a03, dlink.mac, kZero, dlink.ip, with_type(2, {})));

    cap.at(8.0);
    cap.arp_frame(1, gateway, MacAddress{}, dahua.ip, kBroadcastMac);
    cap.arp_frame(2, dahua, gateway.mac, gateway.ip, gateway.mac);
    // Malformed: an ARP header alone (8 bytes) in a runt frame.
    cap.frame(cut(ethernet(junk.mac, kBroadcastMac, 0x0806, arp(1, junk.mac, junk.ip, MacAddress{}, gateway.ip)), 14 + 8));
    return out;
}

// ==== proto-dhcpv6-eui64 ================================================================================

namespace {

std::string dhcpv6_option(std::uint16_t code, std::string_view data, int length_override = -1) {
    const auto length = static_cast<std::uint16_t>(length_override >= 0 ? length_override : static_cast<int>(data.size()));
    return ByteWriter().be16(code).be16(length).text(data).take_string();
}

std::string duid_llt(const MacAddress& m, std::uint32_t time) {
    return ByteWriter().be16(1).be16(1).be32(time).mac(m).take_string();  // DUID-LLT, Ethernet
}

std::string duid_ll(const MacAddress& m) {
    return ByteWriter().be16(3).be16(1).mac(m).take_string();  // DUID-LL, Ethernet
}

// A Solicit (RFC 8415 §16.2): client id, elapsed time, IA_NA, option request list, extras.
std::string dhcpv6_solicit(std::uint32_t xid, const std::string& duid, const std::string& extra = {}) {
    ByteWriter w;
    w.u8(1).be24(xid);
    w.text(dhcpv6_option(1, duid)).text(dhcpv6_option(8, std::string(2, '\0')));
    w.text(dhcpv6_option(3, ByteWriter().be32(0x0000000a).be32(0).be32(0).take_string()));  // IAID, T1, T2
    w.text(dhcpv6_option(6, ByteWriter().be16(23).be16(24).be16(39).take_string()));  // DNS servers, domain list, FQDN
    w.text(extra);
    return w.take_string();
}

}  // namespace

PcapWriter proto_dhcpv6_eui64() {
    PcapWriter out;
    Capture cap(out);
    const IpAddress all_dhcp = ipv6_multicast(0x02, 0x0002, 0x01);  // ff02::1:2
    // Link-local sources built from each MAC by modified EUI-64 (research/protocols-active.md
    // §1.8: OUIs recovered from EUI-64 link-local addresses); SADP reply 2 (§1.4) shows a
    // Hikvision DVR with exactly such an address, fe80::6a6d:bcff:feee:f8f0.
    const MacAddress hik_dvr = mac("68:6d:bc:ee:f8:f0");
    const MacAddress dahua = mac("3c:e3:6b:1a:2b:3c");
    const MacAddress axis = mac("ac:cc:8e:7b:2f:01");
    const MacAddress router = mac("00:18:82:3a:51:10");  // Huawei gateway, the DHCPv6 server
    const MacAddress junk = mac("06:00:00:00:0b:ad");

    cap.at(0.0);
    cap.udp6(hik_dvr, link_local_eui64(hik_dvr), all_dhcp, 546, 547, dhcpv6_solicit(0x3a1b2c, duid_llt(hik_dvr, 0x2a6b3c10)));
    // Malformed: a 3-byte DHCPv6 message (the 4-byte header is cut).
    cap.udp6(junk, link_local_eui64(junk), all_dhcp, 546, 547, std::string("\x01\x3a\x1b", 3));
    {
        // The server's Advertise to the DVR (server messages name no client).
        ByteWriter w;
        w.u8(2).be24(0x3a1b2c).text(dhcpv6_option(1, duid_llt(hik_dvr, 0x2a6b3c10))).text(dhcpv6_option(2, duid_ll(router)));
        const std::string adv = w.take_string();
        const IpAddress src = link_local_eui64(router), dst = link_local_eui64(hik_dvr);
        cap.frame(ethernet(router, hik_dvr, 0x86dd, ipv6_udp(src, dst, 547, 546, adv)));
    }

    cap.at(1.0);
    cap.udp6(dahua, link_local_eui64(dahua), all_dhcp, 546, 547, dhcpv6_solicit(0x3a1b2d, duid_ll(dahua)));
    // Malformed: a Solicit whose client-id option claims 200 bytes where 14 follow.
    {
        const std::string m = ByteWriter().u8(1).be24(0x3a1b99).text(dhcpv6_option(1, duid_llt(junk, 0x2a6b3c11), 200)).take_string();
        cap.udp6(junk, link_local_eui64(junk), all_dhcp, 546, 547, m);
    }
    // FQDN option (RFC 4704): flags, then the host name in DNS wire form; the hostname follows
    // the axis-<mac> style of research/protocols-passive.md §2.2.
    cap.udp6(axis, link_local_eui64(axis), all_dhcp, 546, 547,
             dhcpv6_solicit(0x3a1b2e, duid_llt(axis, 0x2a6b3c12), dhcpv6_option(39, std::string(1, '\x01') + dns_name("axis-accc8e7b2f01"))));

    cap.at(2.0);
    // Malformed: an IPv6 header cut after 30 of its 40 bytes.
    cap.frame(cut(ethernet(junk, ipv6_multicast_mac(all_dhcp), 0x86dd,
                           ipv6_udp(link_local_eui64(junk), all_dhcp, 546, 547, dhcpv6_solicit(0x3a1b98, duid_ll(junk)))),
                  14 + 30));
    // Malformed: the FQDN option's length runs past the message (a truncated Solicit).
    {
        std::string m = dhcpv6_solicit(0x3a1b97, duid_ll(junk), dhcpv6_option(39, std::string(1, '\x01') + dns_name("junk"), 64));
        cap.udp6(junk, link_local_eui64(junk), all_dhcp, 546, 547, m);
    }
    // The DVR renews (type 5) later.
    {
        std::string renew = dhcpv6_solicit(0x3a1b30, duid_llt(hik_dvr, 0x2a6b3c10));
        renew[0] = 5;
        cap.udp6(hik_dvr, link_local_eui64(hik_dvr), all_dhcp, 546, 547, renew);
    }
    return out;
}

// ==== proto-dns-mdns =====================================================================================

PcapWriter proto_dns_mdns() {
    PcapWriter out;
    Capture cap(out);
    const Host gateway{mac("00:18:82:3a:51:10"), ipv4("192.168.40.1")};  // the site resolver
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.40.5")};
    // Hikvision NVR resolving the device-side Hik-Connect hosts (research/protocols-passive.md §2.11).
    const Host nvr{mac("24:28:fd:6e:03:9b"), ipv4("192.168.40.20")};
    // A Dahua camera resolving its cloud registration host (§2.11).
    const Host dahua{mac("9c:14:63:51:7a:02"), ipv4("192.168.40.50")};
    // An XMeye camera asking its hard-coded public resolvers (§2.11, numenworld-ipcam capture).
    const Host xm{mac("00:12:31:41:e6:85"), ipv4("192.168.40.70")};
    // Hikvision camera on mDNS: _CGI._tcp, instance "HIKVISION <model> - <last 9 of serial>", host
    // name = full serial (research/protocols-active.md §1.2, 128keaton/hikvision-mdns).
    const Host hik{mac("bc:ba:c2:33:90:17"), ipv4("192.168.40.31")};
    // Axis camera on mDNS: _axis-video._tcp, "AXIS M5014 - ACCC8E3C0419" (§1.2, UniversalScanner Axis.selftest).
    const Host axis{mac("ac:cc:8e:3c:04:19"), ipv4("192.168.40.60")};
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.40.99")};
    const MacAddress mdns_mac = multicast_mac_for(kMdnsGroup);

    cap.at(0.0);
    cap.udp(nvr, gateway.mac, gateway.ip, 40112, 53, dns_message(0x1c01, 0x0100, {{"dev.hik-connect.com"}}, {}));
    cap.udp(gateway, nvr.mac, nvr.ip, 53, 40112,
            dns_message(0x1c01, 0x8180, {{"dev.hik-connect.com"}}, {{"dev.hik-connect.com", 1, 1, 300, a_rdata(ipv4("203.0.113.80"))}}));
    // Malformed: a query whose question name is a compression pointer to itself (offset 12).
    cap.udp(junk, gateway.mac, gateway.ip, 40999, 53, dns_message(0x0bad, 0x0100, {{"", 1, 1, std::string("\xc0\x0c", 2)}}, {}));
    cap.udp(nvr, gateway.mac, gateway.ip, 40113, 53, dns_message(0x1c02, 0x0100, {{"litedev.hik-connect.com"}}, {}));
    // Malformed: a DNS header cut at 7 bytes.
    cap.udp(junk, gateway.mac, gateway.ip, 40998, 53, std::string("\x0b\xae\x01\x00\x00\x01\x00", 7));
    cap.udp(dahua, gateway.mac, gateway.ip, 51000, 53, dns_message(0x2d01, 0x0100, {{"iotaccess.easy4ipcloud.com"}}, {}));
    cap.udp(xm, gateway.mac, ipv4("114.114.114.114"), 33000, 53, dns_message(0x3e01, 0x0100, {{"pub-cfg.secu100.net"}}, {}));
    cap.udp(xm, gateway.mac, ipv4("8.8.8.8"), 33001, 53, dns_message(0x3e02, 0x0100, {{"caps.xmcsrv.net"}}, {}));
    // Malformed: a query whose label claims 40 bytes where 10 remain (a truncated name).
    {
        std::string m = dns_message(0x0baf, 0x0100, {{"pub-cfg.secu100.net"}}, {});
        m[12] = 40;
        m.resize(12 + 11);
        cap.udp(junk, gateway.mac, gateway.ip, 40997, 53, m);
    }

    cap.at(2.0);
    // The laptop browses for Axis cameras: asking is not offering.
    cap.udp(laptop, mdns_mac, kMdnsGroup, 5353, 5353, dns_message(0, 0, {{"_axis-video._tcp.local", 12}}, {}));
    cap.udp(hik, mdns_mac, kMdnsGroup, 5353, 5353,
            mdns_service_response("_CGI._tcp.local", "HIKVISION DS-2CD2722FWD-IZS - 733050127", "DS-2CD2722FWD-IZS20170321BBWR733050127.local",
                                  80, {""}, hik.ip));
    // Malformed: an mDNS response whose two names point at each other (a compression loop).
    {
        const std::string m = dns_message(0, 0x8400, {},
                                          {// Record 1 at offset 12: name = pointer to offset 26 (record 2's name).
                                           {"", 1, 1, 120, "", std::string("\xc0\x1a", 2)},
                                           // Record 2 at offset 26: name = pointer to offset 12.
                                           {"", 1, 1, 120, a_rdata(junk.ip), std::string("\xc0\x0c", 2)}});
        cap.udp(junk, mdns_mac, kMdnsGroup, 5353, 5353, m);
    }
    cap.udp(axis, mdns_mac, kMdnsGroup, 5353, 5353,
            mdns_service_response("_axis-video._tcp.local", "AXIS M5014 - ACCC8E3C0419", "axis-accc8e3c0419.local", 80,
                                  {"macaddress=ACCC8E3C0419"}, axis.ip));
    // Malformed: an mDNS response with a 64-byte label (labels stop at 63).
    cap.udp(junk, mdns_mac, kMdnsGroup, 5353, 5353,
            dns_message(0, 0x8400, {}, {{std::string(64, 'x') + ".local", 1, 0x8001, 120, a_rdata(junk.ip)}}));

    cap.at(4.0);
    // LLMNR (RFC 4795): the laptop asks for "nvr-lobby", the NVR answers for its own name.
    cap.udp(laptop, multicast_mac_for(kLlmnrGroup), kLlmnrGroup, 52011, 5355, dns_message(0x4a01, 0, {{"nvr-lobby"}}, {}));
    cap.udp(nvr, laptop.mac, laptop.ip, 5355, 52011, dns_message(0x4a01, 0x8000, {{"nvr-lobby"}}, {{"nvr-lobby", 1, 1, 30, a_rdata(nvr.ip)}}));
    // Malformed: an LLMNR response cut in the middle of its answer record.
    cap.udp(junk, laptop.mac, laptop.ip, 5355, 52011,
            dns_message(0x4a02, 0x8000, {{"junk-host"}}, {{"junk-host", 1, 1, 30, a_rdata(junk.ip)}}).substr(0, 12 + 15 + 8));

    // NBNS (RFC 1002): the NVR registers its name (B-node broadcast), the laptop queries it.
    {
        const std::string name = netbios_encode("NVR-LOBBY", 0x00);
        const std::string rdata = ByteWriter().be16(0x0000).ipv4(nvr.ip).take_string();  // NB flags: unique, B-node
        cap.broadcast(nvr, 137, 137, dns_message(0x5b01, 0x2910, {{name, 0x20}}, {}, {}, {{name, 0x20, 1, 300000, rdata}}));
    }
    // Malformed: a registration whose name is not a NetBIOS first-level encoding.
    {
        const std::string rdata = ByteWriter().be16(0).ipv4(junk.ip).take_string();
        cap.broadcast(junk, 137, 137, dns_message(0x5b02, 0x2910, {{"JUNK", 0x20}}, {}, {}, {{"JUNK", 0x20, 1, 300000, rdata}}));
    }
    cap.broadcast(laptop, 137, 137, dns_message(0x5b03, 0x0110, {{netbios_encode("NVR-LOBBY", 0x00), 0x20}}, {}));
    // Malformed: a header claiming 65535 questions with one present.
    {
        std::string m = dns_message(0x0bb0, 0x0100, {{"example.invalid"}}, {});
        m[4] = '\xff';
        m[5] = '\xff';
        cap.udp(junk, gateway.mac, gateway.ip, 40996, 53, m);
    }
    return out;
}

// ==== proto-ssdp-wsd ======================================================================================

PcapWriter proto_ssdp_wsd() {
    PcapWriter out;
    Capture cap(out);
    const Host gateway{mac("00:18:82:3a:51:10"), ipv4("192.168.60.1")};
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.60.5")};
    const Host axis{mac("ac:cc:8e:3c:04:19"), ipv4("192.168.60.60")};
    const Host hik{mac("58:50:ed:1f:e3:85"), ipv4("192.168.60.40")};
    const Host dahua{mac("38:af:29:0c:5e:71"), ipv4("192.168.60.50")};
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.60.99")};
    const std::string axis_server = "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22";

    cap.at(0.0);
    // Huawei gateway banner (research/protocols-active.md §1.2, Recog "Linux UPnP/1.0 Huawei-ATP-IGD").
    cap.multicast(gateway, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.60.1:37215/upnpdev.xml", "Linux UPnP/1.0 Huawei-ATP-IGD", "3f1d2a60-4b5c-11ee-8a3b-0018823a5110",
                              "upnp:rootdevice"));
    // Malformed: an SSDP datagram whose start line is neither NOTIFY, M-SEARCH nor a status line.
    cap.multicast(junk, kDiscoveryGroup, 1900, 1900, "HELLO * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n\r\n");
    // Axis banner as recorded by Recog (§1.2).
    cap.multicast(axis, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.60.60:49152/rootdesc1.xml", axis_server, "Upnp-BasicDevice-1_0-ACCC8E3C0419", "upnp:rootdevice"));
    cap.multicast(laptop, kDiscoveryGroup, 50123, 1900, request_of("ssdp"));
    cap.udp(axis, laptop.mac, laptop.ip, 1900, 50123,
            "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nEXT:\r\nLOCATION: http://192.168.60.60:49152/rootdesc1.xml\r\nSERVER: " +
                axis_server + "\r\nST: upnp:rootdevice\r\nUSN: uuid:Upnp-BasicDevice-1_0-ACCC8E3C0419::upnp:rootdevice\r\n\r\n");
    // Over-long header lines: a 3000-byte SERVER value and a 1400-byte header name, in an
    // otherwise valid NOTIFY from an anonymous device (values are capped, nothing breaks).
    cap.multicast(junk, kDiscoveryGroup, 1900, 1900,
                  "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://192.168.60.99/d.xml\r\n"
                  "NT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nSERVER: Linux/3.10 " + std::string(3000, 'A') + "\r\n" + std::string(1400, 'X') +
                      ": y\r\nUSN: uuid:0b0b0b0b-0000-4000-8000-06000000000b::upnp:rootdevice\r\n\r\n");

    cap.at(2.0);
    cap.multicast(laptop, kDiscoveryGroup, 3702, 3702, request_of("wsd", "5d1b8e2a-90c4-4f5e-9a61-2f3b1c0e7d44"));
    // Hikvision Hello with its namespace table and scopes (research/protocols-active.md §1.1.3).
    const std::string hik_hello =
        hikvision_wsd_hello("aa85c000-6324-11b3-819e-5850ed1fe385", "DS-2CD2385G1-I", "58:50:ed:1f:e3:85", "192.168.60.40");
    cap.multicast(hik, kDiscoveryGroup, 3702, 3702, hik_hello);
    // Malformed: the same Hello cut after 700 bytes (the XML never closes).
    cap.multicast(junk, kDiscoveryGroup, 3702, 3702, std::string_view(hik_hello).substr(0, 700));
    // Dahua Hello with the scope shape of §1.1.4 and the values of protocols-passive.md §2.5.
    cap.multicast(dahua, kDiscoveryGroup, 3702, 3702,
                  dahua_wsd_hello("4b1f0c2e-6a5d-4c1b-9e7f-38af290c5e71", "Dahua", "IPC-HFW2228M-I1-V2", "china", "192.168.60.50"));
    // Malformed: well-formed XML whose root is not a SOAP Envelope.
    cap.multicast(junk, kDiscoveryGroup, 3702, 3702, "<?xml version=\"1.0\"?><Hello><Types>dn:NetworkVideoTransmitter</Types></Hello>");
    // Malformed: a DOCTYPE with nested entities (billion laughs); the reader never expands them.
    cap.multicast(junk, kDiscoveryGroup, 3702, 3702,
                  "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                  "<!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">]><s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\">"
                  "<s:Body><d:Hello xmlns:d=\"http://schemas.xmlsoap.org/ws/2005/04/discovery\"><d:Scopes>&lol2;</d:Scopes></d:Hello></s:Body></s:Envelope>");
    // Malformed: invalid XML (mismatched closing tag).
    cap.multicast(junk, kDiscoveryGroup, 3702, 3702, "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body></s:Header></s:Envelope>");
    return out;
}

// ==== proto-sadp ========================================================================================

PcapWriter proto_sadp() {
    PcapWriter out;
    Capture cap(out);
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.80.5")};
    // DS-2CD2385G1-I: reply 1 of research/protocols-active.md §1.4 (via payloads.cpp).
    const Host cam{mac("58:50:ed:1f:e3:85"), ipv4("192.168.80.40")};
    // DS-7804HQH-K1 DVR: reply 2 of §1.4.
    const Host dvr{mac("68:6d:bc:ee:f8:f0"), ipv4("192.168.80.27")};
    // Two more Hikvision units seen only over Layer-2 SADP (protocols-passive.md §2.6).
    const Host l2cam{mac("4c:bd:8f:72:19:a4"), ipv4("192.168.80.41")};
    const Host l2new{mac("e0:ca:3c:05:66:d1"), ipv4("192.0.0.64")};  // factory address, announcing itself
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.80.99")};
    const std::string uuid = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";

    cap.at(0.0);
    cap.multicast(laptop, kDiscoveryGroup, 37020, 37020, request_of("sadp", uuid));
    // ~1.6 KB: two IPv4 fragments, in order.
    cap.multicast(cam, kDiscoveryGroup, 37020, 37020,
                  sadp_probe_match_long(uuid, {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE33842150", "58-50-ed-1f-e3-85",
                                               "192.168.80.40", "192.168.80.1", "V5.7.3build 230217", "V7.3 build 230210", 0, 1}));
    // Malformed: a ProbeMatch cut after 400 bytes in a single datagram (XML never closes).
    cap.multicast(junk, kDiscoveryGroup, 37020, 37020,
                  sadp_probe_match(uuid, {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE00000001", "06-00-00-00-0b-ad",
                                          "192.168.80.99", "192.168.80.1", "V5.7.3build 230217", "V7.3 build 230210", 0, 1})
                      .substr(0, 400));
    // The DVR's reply, its fragments arriving last first.
    cap.multicast(dvr, kDiscoveryGroup, 37020, 37020, sadp_dvr_probe_match(uuid, "192.168.80.27", "192.168.80.1"), {}, true);
    // Malformed: well-formed XML with an unknown root element.
    cap.multicast(junk, kDiscoveryGroup, 37020, 37020, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Inquiry><Uuid>" + uuid + "</Uuid></Inquiry>\n");
    // Malformed: not XML at all.
    cap.multicast(junk, kDiscoveryGroup, 37020, 37020, "\x01\x02\x03 not xml <<<>>>");

    cap.at(2.0);
    // Layer 2: the SADP tool's Inquiry (hiktools: 21 02 01 42, 28 zero bytes of payload).
    cap.frame(ethernet(laptop.mac, kBroadcastMac, 0x8033,
                       frame_of(sadp_l2(0x02, 0x42, 0x115e, 0x03, laptop.mac, laptop.ip, kBroadcastMac, kZero, std::string(28, '\0')))));
    // An InquiryResponse with the 208-byte dev_info (sadp.h; length 0xF6 = 38 + 208).
    cap.frame(ethernet(l2cam.mac, laptop.mac, 0x8033,
                       frame_of(sadp_l2(0x01, 0xf6, 0x115e, 0x04, l2cam.mac, l2cam.ip, laptop.mac, laptop.ip,
                                        sadp_l2_dev_info("DS-2CD2143G2-I20240918AAWRK52806113", 155650, "V5.7.15build 240201",
                                                         "V7.3 build 240118", "2026-11-01 18:22:05")))));
    // Malformed: an InquiryResponse whose length byte (0xF6) claims more than the 58 bytes sent.
    cap.frame(cut(ethernet(junk.mac, laptop.mac, 0x8033,
                           frame_of(sadp_l2(0x01, 0xf6, 0x115e, 0x04, junk.mac, junk.ip, laptop.mac, laptop.ip, std::string(20, '\0')))),
                  14 + 58));
    // Malformed: a bad marker byte (0x22, not 0x21).
    cap.frame(ethernet(junk.mac, kBroadcastMac, 0x8033,
                       frame_of(sadp_l2(0x01, 0xf6, 0x1160, 0x02, junk.mac, junk.ip, kBroadcastMac, kZero, std::string(208, '\0'), 0x22))));
    // A factory-fresh unit announcing itself (DeviceOnlineRequest, sent by the device).
    cap.frame(ethernet(l2new.mac, kBroadcastMac, 0x8033,
                       frame_of(sadp_l2(0x01, 0xf6, 0x0001, 0x02, l2new.mac, l2new.ip, kBroadcastMac, kZero, std::string(208, '\0')))));
    // Malformed: address lengths 06 06 instead of 06 04.
    {
        std::string bad = sadp_l2(0x01, 0xf6, 0x1162, 0x02, junk.mac, junk.ip, kBroadcastMac, kZero, std::string(208, '\0'));
        bad[9] = 6;
        cap.frame(ethernet(junk.mac, kBroadcastMac, 0x8033, frame_of(bad)));
    }
    // Malformed: a runt frame with 20 bytes of the 38-byte header.
    cap.frame(cut(ethernet(junk.mac, kBroadcastMac, 0x8033,
                           frame_of(sadp_l2(0x01, 0xf6, 0x1163, 0x02, junk.mac, junk.ip, kBroadcastMac, kZero, std::string(208, '\0')))),
                  14 + 20));
    return out;
}

// ==== proto-dhip-5050 ======================================================================================

PcapWriter proto_dhip_5050() {
    PcapWriter out;
    Capture cap(out);
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.70.5")};
    // Reply A of research/protocols-active.md §1.5.1: genuine Dahua, Vendor "Private".
    const Host dahua{mac("08:ed:ed:87:42:7a"), ipv4("192.168.70.17")};
    // Reply B: Intelbras access controller on Dahua's OUI B4:4C:3B, Vendor "Intelbras".
    const Host intelbras{mac("b4:4c:3b:f4:e3:01"), ipv4("192.168.70.175")};
    // Reply C: Intelbras MHDX DVR on Intelbras's own OUI 58:10:8C.
    const Host mhdx{mac("58:10:8c:4d:3b:fa"), ipv4("192.168.70.30")};
    // Legacy 5050 reply from a Dahua camera (Dahua OUI 3C:E3:6B), §1.5.2.
    const Host legacy{mac("3c:e3:6b:1a:2b:3c"), ipv4("192.168.70.108")};
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.70.99")};

    cap.at(0.0);
    // The 105-byte search of §1.5.1 (zscan dahuaReq), multicast to 239.255.255.251:37810.
    cap.multicast(laptop, kDhipGroup, 37810, 37810,
                  request_of("dhip"));
    cap.udp(dahua, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "192.168.70.17", "192.168.70.1", "6C01E93PAG69A7D",
                                     "Private", "6C01E93PAG69A7D", "Private", "2.800.0000000.13.R"})));
    // Malformed: a DHIP header whose body length (0x2ef, as in the §1.5.1 header example) exceeds
    // the 120 bytes that follow.
    {
        std::string p = dhip_packet(std::string(120, ' '));
        p[0x10] = '\xef';
        p[0x11] = '\x02';
        p[0x18] = '\xef';
        p[0x19] = '\x02';
        cap.udp(junk, laptop.mac, laptop.ip, 37810, 37810, p);
    }
    cap.udp(intelbras, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"b4:4c:3b:f4:e3:01", "BSC", "SS 3530 MF FACE W", "192.168.70.175", "192.168.70.1", "K3LJ3400209RH",
                                     "Intelbras", "K3LJ3400209RH", "Intelbras", "2.000.00IB004.0.R"})));
    // Malformed: a notifyDevInfo body cut after 200 bytes, the length fields agreeing (invalid JSON).
    cap.udp(junk, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"06:00:00:00:0b:ad", "IPC", "IPC-HDW1431T1-S4", "192.168.70.99", "192.168.70.1", "JUNK0000000001",
                                     "Private", "JUNK0000000001", "Private", "2.800.0000000.13.R"})
                            .substr(0, 200)));
    // Malformed: the DHIP magic and then only 12 more bytes (the 32-byte header is cut).
    cap.udp(junk, laptop.mac, laptop.ip, 37810, 37810, dhip_packet("{}").substr(0, 20));
    {
        DhipDevice d{"58:10:8c:4d:3b:fa", "MHDX", "MHDX 1016", "192.168.70.30", "192.168.70.1", "KELVIN",
                     "Intelbras", "O9RF220012635", "Intelbras", "3.210.IB01.3"};
        d.video_inputs = 16;
        d.http_port = 1101;
        cap.udp(mhdx, laptop.mac, laptop.ip, 37810, 37810, dhip_packet(dhip_notify(d)));
    }
    // Malformed: valid JSON that is an array, not an object.
    cap.udp(junk, laptop.mac, laptop.ip, 37810, 37810, dhip_packet("[1,2,3]\n"));

    cap.at(2.0);
    cap.broadcast(laptop, 5050, 5050, request_of("dahua5050"));
    cap.udp(legacy, laptop.mac, laptop.ip, 5050, 5050,
            dahua5050_reply("IPC", legacy.ip, legacy.mac, "IPC-HFW1230S", "3J01A2BPAZ12345"));
    // Malformed: section-3 length (offset 0x14) claims 0x400 bytes where 120 follow.
    cap.udp(junk, laptop.mac, laptop.ip, 5050, 5050, dahua5050_reply("IPC", junk.ip, junk.mac, "IPC-HFW1230S", "JUNK00000000001", 0x400));
    // Malformed: a reply cut at 0x50 bytes, inside the 120-byte section 1.
    cap.udp(junk, laptop.mac, laptop.ip, 5050, 5050, dahua5050_reply("IPC", junk.ip, junk.mac, "IPC-HFW1230S", "JUNK00000000002").substr(0, 0x50));
    // Malformed: a search request of 33 bytes (requests are exactly 32).
    cap.broadcast(junk, 5050, 5050, request_of("dahua5050") + std::string(1, '\0'));
    return out;
}

// ==== proto-xiongmai ======================================================================================

PcapWriter proto_xiongmai() {
    PcapWriter out;
    Capture cap(out);
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.11.5")};
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.11.99")};
    // Reply bodies seen in real captures (research/protocols-active.md §1.6; the sources are the
    // ones cited in src/dissect/xiongmai.cpp): sol-vin/xet (HostIP 0x6D0BA8C0 = 192.168.11.109),
    // a factory-reset broadcast (192.168.1.10, the XMeye default of protocols-passive.md §2.1), and
    // the Besder 6024PB-XMA501 write-up (MAC, SN and host name stand-ins as there).
    const Host xet{mac("00:12:31:08:bb:97"), ipv4("192.168.11.109")};
    const Host reset{mac("00:12:31:09:b7:9e"), ipv4("192.168.1.10")};
    const Host besder{mac("a8:b5:8e:12:5a:6b"), ipv4("192.168.0.103")};
    const std::string_view xet_body = kXiongmaiReplyXet;
    const std::string_view reset_body = kXiongmaiReplyFactoryReset;
    const std::string_view besder_body = kXiongmaiReplyBesder;

    cap.at(0.0);
    // python-dvr SearchXM: the bare 20-byte header, broadcast from port 34569.
    cap.broadcast(laptop, 34569, 34569, request_of("xiongmai"));
    cap.broadcast(xet, 34569, 34569, xm_reply(xet_body));
    // Malformed: body length field 4096 where 100 bytes follow.
    cap.broadcast(junk, 34569, 34569, xm_message(xet_body.substr(0, 100), 1531, 4096));
    cap.broadcast(reset, 34569, 34569, xm_reply(reset_body));
    // Malformed: a reply body cut at 150 bytes with an agreeing length (invalid JSON).
    cap.broadcast(junk, 34569, 34569, xm_reply(besder_body.substr(0, 150)));
    // Malformed: a JSON object without "NetWork.NetCommon".
    cap.broadcast(junk, 34569, 34569, xm_reply(R"({ "Ret" : 100, "SessionID" : "0x00000000" })"));
    cap.broadcast(besder, 34569, 34569, xm_reply(besder_body));
    // Malformed: JSON nested 40 levels deep (the reader stops at 16).
    cap.broadcast(junk, 34569, 34569, xm_reply(std::string(40, '[') + std::string(40, ']')));
    // Malformed: a body length beyond the 64 KiB bound.
    cap.broadcast(junk, 34569, 34569, xm_message("{}", 1531, 0x01000000));
    return out;
}

// ==== proto-tcp-banners ======================================================================================

PcapWriter proto_tcp_banners() {
    PcapWriter out;
    Capture cap(out);
    const Host gateway{mac("00:18:82:3a:51:10"), ipv4("192.168.50.1")};
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.50.5")};
    const Host hik{mac("c0:56:e3:8a:21:4f"), ipv4("192.168.50.40")};
    const Host dahua{mac("38:af:29:6d:10:c2"), ipv4("192.168.50.50")};
    const Host nvr{mac("80:be:af:19:3c:e7"), ipv4("192.168.50.20")};
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.50.99")};
    const Host cloud{gateway.mac, ipv4("203.0.113.80")};  // off-site: frames go through the gateway

    // 1. Hikvision ISAPI: 401 with Server "App-webs/" and the Digest realm "IP Camera(C2183)"
    //    (research/protocols-active.md §1.7.1, idx:51955284453 and nmap line 9762). The request
    //    head spans two segments; the response head three, the third sent before the second
    //    (out of order) and the second then retransmitted.
    cap.at(0.0);
    {
        Tcp t(cap, laptop, 51001, hik, 80, hik.mac, 0x1000, 0x9000);
        t.handshake();
        t.client_send("GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: 192.168.50.40\r\nUser-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                      "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36\r\nAccept: */*\r\nConnection: keep-alive\r\n\r\n",
                      {20});
        const std::string body =
            "<!DOCTYPE html>\n<html><head><title>Document Error: Unauthorized</title></head>\n"
            "<body><h2>Access Error: 401 -- Unauthorized</h2>\n<p>Authentication Error</p>\n</body>\n</html>\n";
        const std::string response =
            "HTTP/1.1 401 Unauthorized\r\nDate: Tue, 03 Nov 2026 09:00:00 GMT\r\nServer: App-webs/\r\nContent-Length: " +
            std::to_string(body.size()) +
            "\r\nContent-Type: text/html\r\nConnection: close\r\nWWW-Authenticate: Digest qop=\"auth\", realm=\"IP Camera(C2183)\", "
            "nonce=\"4e7a5a6b4e7a4d354f5459364e6a63334d7a5535\", stale=\"FALSE\"\r\n\r\n" + body;
        auto seg = t.server_segments(response, {60, 90});
        cap.frame(seg[0]);
        cap.frame(seg[2]);
        cap.frame(seg[1]);
        cap.frame(seg[1]);  // retransmission
        t.close();
    }
    // 2. Hikvision RTSP, the real ffmpeg exchange of §1.3 (no Server header, "Date:" with two
    //    spaces, realm "IP Camera(C2875)").
    cap.at(1.0);
    {
        Tcp t(cap, laptop, 51002, hik, 554, hik.mac, 0x2000, 0xa000);
        t.handshake();
        t.client_send("OPTIONS rtsp://192.168.50.40:554 RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: Lavf57.83.100\r\n\r\n");
        t.server_send("RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n"
                      "Date:  Tue, Nov 03 2026 09:00:01 GMT\r\n\r\n",
                      {25});
        t.client_send("DESCRIBE rtsp://192.168.50.40:554 RTSP/1.0\r\nAccept: application/sdp\r\nCSeq: 2\r\nUser-Agent: Lavf57.83.100\r\n\r\n");
        t.server_send("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm=\"IP Camera(C2875)\", "
                      "nonce=\"938032d91ffc30ca80b5da94c18887ac\", stale=\"FALSE\"\r\nDate:  Tue, Nov 03 2026 09:00:01 GMT\r\n\r\n");
        t.close();
    }
    // 3. Dahua web UI: no Server header, upper-case header names, a BOM before the page (nmap
    //    lines 10443-10445) and Greenbone's body rule "<title>WEB SERVICE</title>" +
    //    "ui-dialog-content" (§1.7.2). The head spans two segments; the first is retransmitted.
    cap.at(2.0);
    {
        Tcp t(cap, laptop, 51003, dahua, 80, dahua.mac, 0x3000, 0xb000);
        t.handshake();
        t.client_send("GET / HTTP/1.1\r\nHost: 192.168.50.50\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 "
                      "Firefox/128.0\r\nAccept: text/html\r\n\r\n");
        const std::string page =
            "\xef\xbb\xbf<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>WEB SERVICE</title>\n"
            "<link rel=\"stylesheet\" href=\"/css/base.css\">\n</head>\n<body>\n<div id=\"login\" class=\"ui-dialog-content\">\n"
            "<input id=\"login_user\" class=\"u-input\" type=\"text\">\n</div>\n</body>\n</html>\n";
        const std::string response = "HTTP/1.1 200 OK\r\nCONNECTION: close\r\nETag: \"1730972882:2b1\"\r\nCONTENT-LENGTH: " +
                                     std::to_string(page.size()) +
                                     "\r\nP3P: CP=CAO PSA OUR\r\nCACHE-CONTROL: max-age=0\r\nCONTENT-TYPE: text/html\r\n\r\n" + page;
        auto seg = t.server_segments(response, {48});
        cap.frame(seg[0]);
        cap.frame(seg[0]);  // retransmission
        cap.frame(seg[1]);
        t.close();
    }
    // 4. Dahua RTSP: "Server: Dahua Rtsp Server" with Basic realm "device" (nmap line 12373, §1.3).
    cap.at(3.0);
    {
        Tcp t(cap, laptop, 51004, dahua, 554, dahua.mac, 0x4000, 0xc000);
        t.handshake();
        t.client_send("DESCRIBE rtsp://192.168.50.50:554/cam/realmonitor?channel=1&subtype=0 RTSP/1.0\r\nCSeq: 2\r\n"
                      "Accept: application/sdp\r\nUser-Agent: LibVLC/3.0.20 (LIVE555 Streaming Media v2016.11.28)\r\n\r\n",
                      {30, 40});
        t.server_send("RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Basic realm=\"device\"\r\nServer: Dahua Rtsp Server\r\n\r\n",
                      {40});
        t.close();
    }
    // 5. TLS: the Hikvision camera's ClientHello to the Hik-Connect device host (SNI; host names
    //    of research/protocols-passive.md §2.11), and the NVR's TLS 1.2 server flight with the
    //    default certificate of §1.7.1 / §2.10, split over two segments.
    cap.at(4.0);
    {
        Tcp t(cap, hik, 40001, cloud, 443, gateway.mac, 0x5000, 0xd000);
        t.handshake();
        t.client_send(tls_client_hello("litedev.hik-connect.com", 0x68696b31), {100});
        t.close();
    }
    cap.at(5.0);
    {
        Tcp t(cap, laptop, 51005, nvr, 443, nvr.mac, 0x6000, 0xe000);
        t.handshake();
        t.client_send(tls_client_hello("", 0x6c617074));
        t.server_send(tls_server_flight(hikvision_certificate()), {400});
        t.close();
    }
    // Malformed 1: an HTTP response with a 9000-byte header line (an over-long Set-Cookie).
    cap.at(6.0);
    {
        Tcp t(cap, laptop, 51006, junk, 80, junk.mac, 0x7000, 0xf000);
        t.handshake();
        t.client_send("GET / HTTP/1.1\r\nHost: 192.168.50.99\r\n\r\n");
        t.server_send("HTTP/1.1 200 OK\r\nSet-Cookie: s=" + std::string(9000, 'a') + "\r\nContent-Length: 0\r\n\r\n",
                      {1448, 1448, 1448, 1448, 1448, 1448});
        t.close();
    }
    // Malformed 2: a TLS server flight whose Certificate message claims 0xfffff0 bytes.
    cap.at(7.0);
    {
        Tcp t(cap, laptop, 51007, junk, 443, junk.mac, 0x8000, 0xf800);
        t.handshake();
        t.client_send(tls_client_hello("", 0x6a756e6b));
        std::string flight = tls_server_flight(hikvision_certificate());
        // Record header 5 bytes, ServerHello 4 + 38 bytes, then the Certificate header: length at +1.
        const std::size_t cert_header = 5 + 4 + 38;
        flight[cert_header + 1] = '\xff';
        flight[cert_header + 2] = '\xff';
        flight[cert_header + 3] = '\xf0';
        t.server_send(flight.substr(0, 200));
        t.close();
    }
    return out;
}

// ==== proto-vlan-linktypes ===================================================================================

PcapWriter proto_vlan_linktypes() {
    PcapWriter out;
    Capture cap(out);
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.20.5")};
    const Host dvr{mac("68:6d:bc:ee:f8:f0"), ipv4("192.168.20.27")};    // Hikvision DVR, VLAN 20
    const Host dahua{mac("08:ed:ed:87:42:7a"), ipv4("10.30.0.17")};     // Dahua IPC, QinQ 100/30
    const Host axis{mac("ac:cc:8e:3c:04:19"), ipv4("0.0.0.0")};         // Axis, 0x9100 200/40
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.20.99")};
    const std::string uuid = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";

    // Tagged UDP with an explicit tag stack (fragments when over the MTU).
    auto tagged_udp = [&](const Host& src, const MacAddress& dst_mac, const IpAddress& dst_ip, std::uint16_t sport, std::uint16_t dport,
                          std::string_view payload, const std::vector<std::pair<std::uint16_t, std::uint16_t>>& tags) {
        for (const auto& p : ipv4_udp_fragments(src.ip, dst_ip, sport, dport, payload, cap.next_ip_id()))
            cap.frame(ethernet_tags(src.mac, dst_mac, 0x0800, p, tags));
    };

    cap.at(0.0);
    // 802.1Q VLAN 20: the DVR's gratuitous ARP and SADP reply (reply 2, research/protocols-active.md §1.4).
    cap.announce(dvr, {20});
    cap.multicast(laptop, kDiscoveryGroup, 37020, 37020, request_of("sadp", uuid), {20});
    cap.multicast(dvr, kDiscoveryGroup, 37020, 37020, sadp_dvr_probe_match(uuid, "192.168.20.27", "192.168.20.1"), {20});
    // Malformed: an 802.1Q tag cut after its TCI (the frame ends before the inner EtherType).
    {
        cap.frame(ByteWriter().mac(kBroadcastMac).mac(junk.mac).be16(0x8100).be16(20).take());
    }

    cap.at(1.0);
    // 802.1ad QinQ (outer 0x88a8 VLAN 100, inner 0x8100 VLAN 30): a DHIP reply (reply A, §1.5.1).
    const std::vector<std::pair<std::uint16_t, std::uint16_t>> qinq = {{0x88a8, 100}, {0x8100, 30}};
    cap.frame(ethernet_tags(dahua.mac, kBroadcastMac, 0x0806, arp(1, dahua.mac, dahua.ip, MacAddress{}, dahua.ip), qinq));
    tagged_udp(dahua, multicast_mac_for(kDhipGroup), kDhipGroup, 37810, 37810,
               dhip_packet(dhip_notify({"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "10.30.0.17", "10.30.0.1", "6C01E93PAG69A7D", "Private",
                                        "6C01E93PAG69A7D", "Private", "2.800.0000000.13.R"})),
               qinq);
    // Malformed: nine stacked tags (readers stop at eight) around an ARP.
    {
        std::vector<std::pair<std::uint16_t, std::uint16_t>> nine(9, {0x8100, 7});
        cap.frame(ethernet_tags(junk.mac, kBroadcastMac, 0x0806, arp(1, junk.mac, junk.ip, MacAddress{}, junk.ip), nine));
    }

    cap.at(2.0);
    // Legacy QinQ TPID 0x9100 (outer 200, inner 0x8100 40): the Axis DHCP DISCOVER (§2.2 vendor class).
    tagged_udp(axis, kBroadcastMac, kBroadcast, 68, 67,
               dhcp_message(1, 0x6c0d2b01, axis.mac, kZero, kZero,
                            with_type(1, {dhcp_text_option(60, "AXIS,Network Camera,P3343,5.20.3"), dhcp_text_option(12, "axis-accc8e3c0419"),
                                          kUdhcpPrl})),
               {{0x9100, 200}, {0x8100, 40}});
    // Malformed: a tagged IPv4 header claiming 60 bytes (IHL 15) in a frame holding 24.
    {
        Frame ip = ipv4_udp(junk.ip, kBroadcast, 68, 67, "x");
        ip[0] = 0x4f;
        cap.frame(cut(ethernet_tags(junk.mac, kBroadcastMac, 0x0800, ip, {{0x8100, 20}}), 18 + 24));
    }
    return out;
}

// ==== proto-linux-sll2 ========================================================================================

PcapWriter proto_linux_sll2() {
    PcapWriter out(276);  // LINKTYPE_LINUX_SLL2 ("tcpdump -i any" since libpcap 1.10)
    Capture cap(out, true);
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.90.5")};
    const Host hik{mac("58:50:ed:1f:e3:85"), ipv4("192.168.90.40")};
    const Host dahua{mac("08:ed:ed:87:42:7a"), ipv4("192.168.90.17")};
    const Host axis{mac("ac:cc:8e:3c:04:19"), ipv4("192.168.90.60")};
    const std::string uuid = "8282F1DB-2FA6-4709-B261-3C6B6A48CA17";

    cap.at(0.0);
    cap.announce(hik);
    cap.multicast(laptop, kDiscoveryGroup, 37020, 37020, request_of("sadp", uuid));
    cap.multicast(hik, kDiscoveryGroup, 37020, 37020,
                  sadp_probe_match_long(uuid, {"141945", "DS-2CD2385G1-I", "DS-2CD2385G1-I20250414AAWRE33842150", "58-50-ed-1f-e3-85",
                                               "192.168.90.40", "192.168.90.1", "V5.7.3build 230217", "V7.3 build 230210", 0, 1}));
    // Malformed: an SLL2 header cut at 12 of its 20 bytes.
    cap.frame(cut(sll2(laptop.mac, 0x0800, 0, ipv4_udp(laptop.ip, hik.ip, 1, 2, "x")), 12));
    cap.udp(dahua, laptop.mac, laptop.ip, 37810, 37810,
            dhip_packet(dhip_notify({"08:ed:ed:87:42:7a", "IPC", "IPC-HDW1431T1-S4", "192.168.90.17", "192.168.90.1", "6C01E93PAG69A7D",
                                     "Private", "6C01E93PAG69A7D", "Private", "2.800.0000000.13.R"})));
    // Malformed: protocol 0x0800 but the IP version nibble says 5.
    {
        Frame ip = ipv4_udp(laptop.ip, hik.ip, 1, 2, "x");
        ip[0] = 0x55;
        cap.frame(sll2(laptop.mac, 0x0800, 4, ip));
    }
    cap.multicast(axis, kDiscoveryGroup, 1900, 1900,
                  ssdp_notify("http://192.168.90.60:49152/rootdesc1.xml", "Linux/4.9.94-axis5, UPnP/1.0, Portable SDK for UPnP devices/1.6.22",
                              "Upnp-BasicDevice-1_0-ACCC8E3C0419", "upnp:rootdevice"));
    return out;
}

namespace {

// ==== proto-maker-discovery ===============================================================

// Replies of the makers' own searches, each in the layout cited in src/dissect/<protocol>.cpp
// (research/vendor-discovery.md §2-§6, protocols-active.md §1.6), with this capture's addresses.

// Vivotek reply (UniversalScanner Vivotek.cs / Vivotek.selftest record layout).
std::string vivotek_reply(std::uint8_t session, const Host& unit, std::string_view long_name, std::string_view model) {
    ByteWriter w;
    w.u8(session).u8(0x4a).u8(0x5d).u8(0x8f).u8(0x1c);
    w.u8(0x01).u8(static_cast<std::uint8_t>(long_name.size())).text(long_name);
    w.u8(0x02).u8(0x06).mac(unit.mac).u8(0x03).u8(0x04).ipv4(unit.ip).u8(0x04).u8(0x1b);
    w.u8(0x06).u8(0x02).u8(0x50).u8(0x00).u8(0x08).u8(0x02).text("en");
    w.u8(0x09).u8(static_cast<std::uint8_t>(model.size())).text(model);
    return w.take_string();
}

// Sony setup frame: STX, units closed by 0xff, ETX (Sony SRG-120DH command list p.33).
std::string sony_frame(std::initializer_list<std::string> units) {
    ByteWriter w;
    w.u8(0x02);
    for (const auto& u : units) w.text(u).u8(0xff);
    w.u8(0x03);
    return w.take_string();
}

// Easy IP Setup reply (Rickardjd/Easy_IP Wireshark/responses.txt): the 48-byte header with the
// device's and the requester's MAC, TLVs, ff ff, the checksum.
std::string easyip_reply(const Host& unit, const Host& requester, std::string_view name, std::string_view model,
                         std::string_view firmware, std::string_view serial) {
    ByteWriter tlvs;
    auto tlv = [&](std::uint16_t type, std::string_view value) { tlvs.be16(type).be16(static_cast<std::uint16_t>(value.size())).text(value); };
    ByteWriter ip;
    ip.ipv4(unit.ip);
    tlvs.be16(0x0000).be16(1).u8(0x02).be16(0x0001).be16(1).u8(0x00);
    tlv(0x0020, as_text(ip.view()));
    tlvs.be16(0x0025).be16(2).be16(443);
    tlvs.be16(0x00a6).be16(1).u8(0x94);
    ByteWriter padded_name, padded_model, padded_firmware, padded_serial;
    padded_name.padded(name, 16);
    padded_model.padded(model, 16);
    padded_firmware.padded(firmware, 16);
    padded_serial.padded(serial, 16);
    tlv(0x00a7, as_text(padded_name.view()));
    tlv(0x00a8, as_text(padded_model.view()));
    tlv(0x00a9, as_text(padded_firmware.view()));
    tlv(0x00d1, as_text(padded_serial.view()));
    ByteWriter w;
    w.be16(0x0001).be16(static_cast<std::uint16_t>(tlvs.size())).be16(kEasyIpSearchReply).mac(unit.mac).mac(requester.mac).ipv4(requester.ip);
    w.zeros(2).u8(0x20).u8(0x11).u8(0x1e).u8(0x11).u8(0x23).u8(0x1f).u8(0x1e).u8(0x19).u8(0x13).u8(0x00);
    w.be16(0x0002).u8(0x02).u8(0x02).zeros(10).bytes(tlvs.view()).be16(0xffff);
    w.be16(easyip_checksum(w.view()));
    return w.take_string();
}

// Ubiquiti v1 reply, in the record order of the UVC G3 Flex capture (unifi-cam-proxy adoption-flow.md).
std::string ubiquiti_reply(const Host& unit, std::string_view platform, std::string_view firmware, std::string_view device_id) {
    ByteWriter body;
    auto record = [&](std::uint8_t type, std::string_view value) { body.u8(type).be16(static_cast<std::uint16_t>(value.size())).text(value); };
    body.u8(0x02).be16(10).mac(unit.mac).ipv4(unit.ip);
    body.u8(0x01).be16(6).mac(unit.mac);
    body.u8(0x0a).be16(4).be32(234);
    record(0x0b, platform);
    record(0x0c, platform);
    body.u8(0x17).be16(4).be32(1);
    record(0x03, firmware);
    body.u8(0x10).be16(2).u8(0x34).u8(0xa5);
    record(0x20, device_id);
    body.u8(0x2c).be16(1).u8(0x03);
    ByteWriter w;
    w.u8(0x01).u8(0x00).be16(static_cast<std::uint16_t>(body.size())).bytes(body.view());
    return w.take_string();
}

}  // namespace

PcapWriter proto_maker_discovery() {
    PcapWriter out;
    Capture cap(out);
    const Host laptop{mac("02:5e:11:20:30:40"), ipv4("192.168.60.5")};
    const Host junk{mac("06:00:00:00:0b:ad"), ipv4("192.168.60.99")};
    const Host bosch{mac("00:04:63:37:03:86"), ipv4("192.168.60.41")};
    const Host hanwha{mac("00:16:6c:7d:75:6e"), ipv4("192.168.60.42")};
    const IpAddress gateway = ipv4("192.168.60.1");
    const Host vivotek{mac("00:02:d1:5a:10:33"), ipv4("192.168.60.43")};
    const Host sony_ptz{mac("08:00:46:12:34:56"), ipv4("192.168.60.44")};
    const Host ipro{mac("d4:2d:c5:2a:8d:13"), ipv4("192.168.60.45")};
    const Host uvc{mac("74:83:c2:10:db:91"), ipv4("192.168.60.46")};
    const std::string message_id = "6008ad0a-90c4-4f5e-9a61-2f3b1c0e7d44";

    cap.at(0.0);
    // Bosch: the captured request (reply port 1758), the binary reply to the searcher's port and
    // the XML reply newer firmware sends after it.
    cap.broadcast(laptop, 49500, 1757, request_of("bosch", message_id));
    cap.udp(bosch, laptop.mac, laptop.ip, 1757, 1758, bosch_binary_reply(0x6008ad0a, bosch, gateway, 0x47));
    cap.udp(bosch, laptop.mac, laptop.ip, 1757, 1758, bosch_xml_reply(bosch, gateway, "00-04-63-37-03-86", "f0002d41:46500410"));
    // Malformed: the Bosch magic on a 20-byte datagram (neither a search nor a reply).
    cap.udp(junk, laptop.mac, laptop.ip, 1757, 1758, bosch_binary_reply(1, junk, gateway, 0).substr(0, 20));

    cap.at(1.0);
    // Hanwha: UniversalScanner's search to 7701, the SND-6083-style answer to 7711.
    cap.broadcast(laptop, 49501, 7701, request_of("hanwha"));
    cap.udp(hanwha, laptop.mac, laptop.ip, 7701, 7711, hanwha_reply(hanwha, gateway, "00:16:6C:7D:75:6E", "SND-6083"));
    // Malformed: a reply cut at 100 of its 262 bytes.
    cap.udp(junk, laptop.mac, laptop.ip, 7701, 7711, hanwha_reply(junk, gateway, "06:00:00:00:0B:AD", "X").substr(0, 100));

    cap.at(2.0);
    // Vivotek: the 5-byte search to 10000, the reply to the searcher's ephemeral port.
    cap.broadcast(laptop, 49502, 10000, request_of("vivotek"));
    cap.udp(vivotek, laptop.mac, laptop.ip, 10000, 49502, vivotek_reply(0x01, vivotek, "FD9167-HT-Lobby", "FD9167-HT"));
    // Malformed: the long-name record claims 0x40 bytes where 3 follow.
    cap.udp(junk, laptop.mac, laptop.ip, 10000, 49502, std::string("\x01\x4a\x5d\x8f\x1c\x01\x40" "abc", 10));

    cap.at(3.0);
    // Sony BRC/SRG: the Inquiry and its reply, both broadcast on 52380; a tool's network setting
    // (which names the camera, not the sender) and the camera's ACK; the SNC enquiry to 2380.
    cap.broadcast(laptop, 52380, 52380, request_of("sony_ipsetup"));
    cap.broadcast(sony_ptz, 52380, 52380,
                  sony_frame({"MAC:08-00-46-12-34-56", "MODEL:SRG-H40UH", "SOFTVERSION:2.10.00", "IPADR:192.168.60.44", "MASK:255.255.255.0",
                              "NAME:CAM1", "WRITE:on"}));
    cap.broadcast(junk, 52380, 52380, sony_frame({"MAC:08-00-46-12-34-56", "IPADR:192.168.60.144", "MASK:255.255.255.0", "NAME:CAM1"}));
    cap.broadcast(laptop, 49503, 2380, request_of("sony"));

    cap.at(4.0);
    // Panasonic / i-PRO: Easy IP Setup's search from 10669 to 10670, the reply broadcast to 10669.
    cap.broadcast(laptop, 10669, 10670, request_of("panasonic"));
    cap.broadcast(ipro, 10669, 10669, easyip_reply(ipro, laptop, "WV-X22700-V2L", "X22700-V2L", "3.67", "XBV30463"));
    // Malformed: the header's TLV length (offset 2) is 0x0100 where the TLVs take more.
    {
        std::string lying = easyip_reply(junk, laptop, "X", "X", "X", "X");
        lying[2] = 0x01;
        lying[3] = 0x00;
        cap.broadcast(junk, 10669, 10669, lying);
    }

    cap.at(5.0);
    // Ubiquiti: nmap's v1 probe, the UVC G3 Flex-style reply to the prober's port.
    cap.udp(laptop, uvc.mac, uvc.ip, 41117, 10001, request_of("ubiquiti"));
    cap.udp(uvc, laptop.mac, laptop.ip, 10001, 41117,
            ubiquiti_reply(uvc, "UVC G3 Flex", "UVC.S2L.v4.75.62.67.e71c6e5.250411.1421", "97d51a2b-3c4d-4e5f-8a9b-0c1d2e3fa90d"));
    // Malformed: the length field says 0x40 where the records take more.
    {
        std::string lying = ubiquiti_reply(junk, "X", "X", "");
        lying[2] = 0x00;
        lying[3] = 0x40;
        cap.udp(junk, laptop.mac, laptop.ip, 10001, 41117, lying);
    }

    cap.at(6.0);
    // The mDNS browse for the Axis service types.
    cap.multicast(laptop, kMdnsGroup, 5353, 5353, request_of("mdns"));
    return out;
}

}  // namespace camsweep::synth
