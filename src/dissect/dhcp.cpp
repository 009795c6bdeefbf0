// DHCPv4 (RFC 2131/2132): client hostname, vendor class and parameter request list.
#include <cstdio>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {
namespace {

constexpr std::uint32_t kMagicCookie = 0x63825363;

std::string hex(Bytes b) {
    std::string out;
    char buf[3];
    for (std::size_t i = 0; i < b.size() && i < 64; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", b[i]);
        out += buf;
    }
    return out;
}

IpAddress ip4(Bytes b) {
    return IpAddress::v4((std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | b[3]);
}

const char* message_type_name(std::uint8_t t) {
    static const char* names[] = {"",        "discover", "offer",  "request", "decline",
                                  "ack",     "nak",      "release", "inform"};
    return t >= 1 && t <= 8 ? names[t] : "other";
}

// Option 81 (RFC 4702): flags, two legacy rcodes, then the name; with the E flag the name is
// in DNS wire format.
std::string fqdn_name(Bytes data) {
    if (data.size() < 3) return {};
    Bytes name = data.subspan(3);
    if ((data[0] & 0x04) == 0) return bounded_text(as_text(name));
    std::string out;
    ByteCursor cur(name);
    std::uint8_t len = 0;
    while (cur.u8(len) && len != 0 && len < 64) {
        Bytes label;
        if (!cur.bytes(len, label)) break;
        if (!out.empty()) out += '.';
        out.append(as_text(label));
        if (out.size() > kMaxFieldLength) break;
    }
    return bounded_text(out);
}

}  // namespace

Parsed<DhcpMessage> parse_dhcp(Bytes bytes) {
    ByteCursor cur(bytes);
    DhcpMessage msg;
    std::uint8_t htype = 0, hlen = 0, hops = 0;
    std::uint32_t xid = 0, magic = 0;
    std::uint16_t secs = 0, flags = 0;
    Bytes ciaddr, yiaddr, siaddr, giaddr, chaddr;
    if (!cur.u8(msg.op) || !cur.u8(htype) || !cur.u8(hlen) || !cur.u8(hops) || !cur.be32(xid) || !cur.be16(secs) ||
        !cur.be16(flags) || !cur.bytes(4, ciaddr) || !cur.bytes(4, yiaddr) || !cur.bytes(4, siaddr) ||
        !cur.bytes(4, giaddr) || !cur.bytes(16, chaddr) || !cur.skip(64 + 128))
        return Parsed<DhcpMessage>::failure("BOOTP header truncated at offset " + std::to_string(cur.offset()));
    if (msg.op != 1 && msg.op != 2) return Parsed<DhcpMessage>::failure("BOOTP op " + std::to_string(msg.op) + " is neither request nor reply");
    if (!cur.be32(magic) || magic != kMagicCookie)
        return Parsed<DhcpMessage>::failure("DHCP magic cookie missing at offset 236");
    if (htype == 1 && hlen == 6) {
        MacAddress mac;
        for (int i = 0; i < 6; ++i) mac.octets[i] = chaddr[i];
        msg.client_mac = mac;
    }
    msg.client_ip = ip4(ciaddr);
    msg.your_ip = ip4(yiaddr);

    while (!cur.empty()) {
        std::uint8_t code = 0, len = 0;
        cur.u8(code);
        if (code == 0) continue;
        if (code == 255) break;
        Bytes data;
        if (!cur.u8(len) || !cur.bytes(len, data))
            return Parsed<DhcpMessage>::failure("DHCP option " + std::to_string(code) + " runs past the end of the packet (offset " +
                                                std::to_string(cur.offset()) + ")");
        switch (code) {
            case 12: msg.fields.add("dhcp.hostname", bounded_text(as_text(data))); break;
            case 60: msg.fields.add("dhcp.vendor_class", bounded_text(as_text(data))); break;
            case 61: msg.fields.add("dhcp.client_id", hex(data)); break;
            case 81: msg.fields.add("dhcp.fqdn", fqdn_name(data)); break;
            case 53:
                if (len >= 1) msg.message_type = data[0];
                break;
            case 50:
                if (len == 4) msg.requested_ip = ip4(data);
                break;
            case 55: {
                std::string prl;
                for (auto c : data) {
                    if (!prl.empty()) prl += ',';
                    prl += std::to_string(c);
                }
                msg.fields.add("dhcp.prl", prl);
                break;
            }
            default: break;
        }
    }
    return msg;
}

namespace {

ParseState dhcp_fields_of(Bytes message, const MessageMeta& meta, MessageFields& out) {
    auto dhcp = parse_dhcp(message);
    if (!dhcp) return out.invalid(dhcp.error());
    if (dhcp->message_type) out.add("dhcp.message_type", message_type_name(*dhcp->message_type));
    if (dhcp->op == 2) {
        // A server's reply describes the client: make the client the subject.
        if (!dhcp->client_mac) return ParseState::complete;
        out.subject = Endpoint{dhcp->client_mac, std::nullopt, 68};
        if (!dhcp->your_ip.is_unspecified()) out.add("id.ipv4", dhcp->your_ip.to_string());
        return ParseState::complete;
    }
    // The client's address is ciaddr; the packet's source IP may be a relay agent's.
    Endpoint client{meta.src_mac, std::nullopt, meta.src_port};
    if (dhcp->client_mac) {
        client.mac = dhcp->client_mac;
        out.add("id.mac", dhcp->client_mac->to_string());
    }
    if (!dhcp->client_ip.is_unspecified()) client.ip = dhcp->client_ip;
    out.subject = client;
    if (dhcp->requested_ip) out.add("dhcp.requested_ip", dhcp->requested_ip->to_string());
    for (auto& [k, v] : dhcp->fields) out.add(std::move(k), std::move(v));
    return ParseState::complete;
}

bool looks_like_dhcp(Bytes first) { return !first.empty() && (first[0] == 1 || first[0] == 2); }  // BOOTREQUEST, BOOTREPLY

constexpr std::uint16_t kPorts[] = {67, 68};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor dhcp = protocol_named(
    "dhcp", {.ports = kPorts, .looks_like = by_content<looks_like_dhcp>, .fields_of = dhcp_fields_of,
             .summary = "DHCPv4: client hostname, vendor class, parameter list; server replies name the client's address"});
}  // namespace protocols

}  // namespace camsweep
