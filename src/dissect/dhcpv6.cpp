// DHCPv6 (RFC 8415): a client's identity and fingerprint options. The server's replies echo the
// client's DUID but come from the server, so only client messages describe their sender.
#include "camsweep/dissect/dhcpv6.hpp"
#include "camsweep/dissect/protocol.hpp"

#include <algorithm>
#include <cstdio>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dns.hpp"

namespace camsweep {
namespace {

constexpr std::uint16_t kOptionClientId = 1;
constexpr std::uint16_t kOptionOro = 6;
constexpr std::uint16_t kOptionVendorClass = 16;
constexpr std::uint16_t kOptionVendorOpts = 17;
constexpr std::uint16_t kOptionClientFqdn = 39;
constexpr std::size_t kMaxDuidBytes = 130;        // 2-byte type + at most 128 bytes (RFC 8415 §11.1)
constexpr std::size_t kMaxVendorClassStrings = 8;
constexpr std::size_t kMaxOroCodes = 64;

std::string hex(Bytes b) {
    std::string out;
    char buf[3];
    for (std::size_t i = 0; i < b.size() && i < kMaxDuidBytes; ++i) {
        std::snprintf(buf, sizeof buf, "%02x", b[i]);
        out += buf;
    }
    return out;
}

void note(Dhcpv6Message& msg, std::string why) {
    if (msg.problem.empty()) msg.problem = std::move(why);
}

void read_vendor_class(Bytes data, std::size_t option_at, Dhcpv6Message& msg) {
    ByteCursor cur(data);
    std::uint32_t enterprise = 0;
    if (!cur.be32(enterprise)) {
        note(msg, "option 16 (vendor class) at offset " + std::to_string(option_at) + " is shorter than its enterprise number");
        return;
    }
    msg.fields.add("dhcpv6.enterprise", std::to_string(enterprise));
    std::size_t kept = 0;
    while (!cur.empty()) {
        std::uint16_t len = 0;
        Bytes text;
        if (!cur.be16(len) || !cur.bytes(len, text)) {
            note(msg, "option 16 (vendor class) at offset " + std::to_string(option_at) + ": class data runs past the option");
            return;
        }
        if (kept < kMaxVendorClassStrings) {
            std::string value = bounded_text(as_text(text));
            if (!value.empty()) {
                msg.fields.add("dhcpv6.vendor_class", std::move(value));
                ++kept;
            }
        }
    }
}

}  // namespace

const char* dhcpv6_message_type_name(std::uint8_t type) {
    static const char* const names[] = {"",        "solicit", "advertise", "request",     "confirm",
                                        "renew",   "rebind",  "reply",     "release",     "decline",
                                        "reconfigure", "information-request", "relay-forw", "relay-repl"};
    return type >= 1 && type <= 13 ? names[type] : "other";
}

bool is_dhcpv6_client_message(std::uint8_t type) {
    return type == 1 || type == 3 || type == 4 || type == 5 || type == 6 || type == 8 || type == 9 || type == 11;
}

std::optional<MacAddress> mac_from_duid(Bytes duid) {
    ByteCursor cur(duid);
    std::uint16_t duid_type = 0, hardware_type = 0;
    if (!cur.be16(duid_type) || !cur.be16(hardware_type)) return std::nullopt;
    if (duid_type == 1) {
        if (!cur.skip(4)) return std::nullopt;  // time
    } else if (duid_type != 3) {
        return std::nullopt;
    }
    Bytes address;
    if (hardware_type != 1 || cur.remaining() != 6 || !cur.bytes(6, address)) return std::nullopt;
    MacAddress mac;
    std::copy(address.begin(), address.end(), mac.octets.begin());
    if (!mac.is_unicast_device()) return std::nullopt;
    return mac;
}

Parsed<Dhcpv6Message> parse_dhcpv6(Bytes bytes) {
    ByteCursor cur(bytes);
    Dhcpv6Message msg;
    std::uint32_t transaction_id = 0;
    if (!cur.u8(msg.type) || !cur.be24(transaction_id))
        return Parsed<Dhcpv6Message>::failure("DHCPv6 header truncated: " + std::to_string(bytes.size()) + " of 4 bytes");
    if (msg.type == 12 || msg.type == 13) return msg;  // hop count and two addresses, then a wrapped message
    msg.transaction_id = transaction_id;
    while (!cur.empty()) {
        const std::size_t at = cur.offset();
        std::uint16_t code = 0, len = 0;
        Bytes data;
        if (!cur.be16(code) || !cur.be16(len)) {
            note(msg, "DHCPv6 option header at offset " + std::to_string(at) + " is cut off");
            break;
        }
        if (!cur.bytes(len, data)) {
            note(msg, "DHCPv6 option " + std::to_string(code) + " at offset " + std::to_string(at) + " runs past the end of the packet");
            break;
        }
        switch (code) {
            case kOptionClientId:
                if (data.size() > kMaxDuidBytes) {
                    note(msg, "option 1 (client identifier) at offset " + std::to_string(at) + ": DUID of " + std::to_string(len) +
                                  " bytes exceeds 130");
                }
                msg.fields.add("dhcpv6.duid", hex(data));
                if (!msg.client_mac) msg.client_mac = mac_from_duid(data);
                break;
            case kOptionOro: {
                ByteCursor codes(data);
                std::string list;
                std::uint16_t requested = 0;
                for (std::size_t n = 0; n < kMaxOroCodes && codes.be16(requested); ++n) {
                    if (!list.empty()) list += ',';
                    list += std::to_string(requested);
                }
                if (data.size() % 2 != 0) note(msg, "option 6 (ORO) at offset " + std::to_string(at) + " has odd length " + std::to_string(len));
                msg.fields.add("dhcpv6.oro", list);
                break;
            }
            case kOptionVendorClass: read_vendor_class(data, at, msg); break;
            case kOptionVendorOpts: {
                ByteCursor vendor(data);
                std::uint32_t enterprise = 0;
                if (vendor.be32(enterprise)) msg.fields.add("dhcpv6.vendor_opts", std::to_string(enterprise));
                else note(msg, "option 17 (vendor options) at offset " + std::to_string(at) + " is shorter than its enterprise number");
                break;
            }
            case kOptionClientFqdn: {
                ByteCursor fqdn(data);
                std::uint8_t flags = 0;
                if (!fqdn.u8(flags)) {
                    note(msg, "option 39 (client FQDN) at offset " + std::to_string(at) + " is empty");
                    break;
                }
                auto name = read_uncompressed_dns_name(fqdn.rest());
                if (name) msg.fields.add("dhcpv6.fqdn", bounded_text(*name));
                else note(msg, "option 39 (client FQDN) at offset " + std::to_string(at) + ": " + name.error());
                break;
            }
            default: break;
        }
    }
    return msg;
}

namespace {

// Client messages -> dhcpv6.message_type, id.mac, dhcpv6.duid, .vendor_class, .enterprise,
// .vendor_opts, .fqdn, .oro; server and relay messages -> dhcpv6.message_type only.
std::string read_dhcpv6(Bytes message, const MessageMeta&, MessageFields& out) {
    auto msg = parse_dhcpv6(message);
    if (!msg) return msg.error();
    out.add("dhcpv6.message_type", dhcpv6_message_type_name(msg->type));
    if (!is_dhcpv6_client_message(msg->type)) return msg->problem;
    if (msg->client_mac) out.add("id.mac", msg->client_mac->to_string());
    for (auto& [key, value] : msg->fields) out.add(key, value);
    return msg->problem;
}

bool looks_like_dhcpv6(Bytes first) { return !first.empty() && first[0] >= 1 && first[0] <= 13; }  // a message type

constexpr std::uint16_t kPorts[] = {546, 547};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor dhcpv6 = protocol_named(
    "dhcpv6", {.ports = kPorts, .looks_like = by_content<looks_like_dhcpv6>, .fields_of = fields_of_reader<read_dhcpv6>,
               .summary = "DHCPv6: client DUID (its MAC), FQDN, vendor class and options"});
}  // namespace protocols

}  // namespace camsweep
