// XiongMai / XMeye ("Sofia", DVRIP-Xm) device search on UDP 34569
// (format: research/protocols-active.md §1.6).
//
// Header, 20 bytes, little-endian (NeiroNx/python-dvr DeviceManager.py SearchXM:
// struct "BBHIIHHI"; sol-vin/xet src/xet/message.cr names the fields):
//   0x00 u8   head, always 0xff
//   0x01 u8   version (0 in the request; replies seen with 0 and 1)
//   0x02 u8×2 reserved
//   0x04 u32  session id
//   0x08 u32  sequence
//   0x0C u8×2 total packets, current packet
//   0x0E u16  message id: 1530 (0x05FA) search request, 1531 (0x05FB) search reply
//   0x10 u32  body length
//   0x14 ...  body: JSON, NUL-terminated and NUL-padded (python-dvr strips every NUL; xet: "size
//             counts off by one" for the trailing NUL)
// The reply body is {"NetWork.NetCommon": {...}, "Ret": 100, "SessionID": "0x00000000"}; device
// keys seen in real replies (sol-vin/xet network.cr comment, capture idx:10087480338; factory-reset
// broadcast in a Go tool, idx:43385522421; Besder 6024PB-XMA501 write-up, idx:10938273254):
// BuildDate, ChannelNum, DeviceType (a number), GateWay, HostIP, HostName, HttpPort, MAC, MaxBps,
// MonMode, NetConnectState, OtherFunction, SN, SSLPort, Submask, TCPMaxConn, TCPPort, TransferPlan,
// UDPPort, UseHSDownLoad, Version.
// HostIP is the hex text of the address as a little-endian word: "0x6D0BA8C0" is 192.168.11.109
// (python-dvr GetIP = inet_ntoa(struct.pack("I", int(s, 16))); xet src/xet/ipaddress.cr reads the
// hex pairs back to front; the Besder write-up: "string of bytes in little-endian order").
#include <nlohmann/json.hpp>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kHeaderSize = 20;
constexpr std::size_t kMaxBody = 64 * 1024;
// Real replies nest two levels; anything deeper than this is not a search reply.
constexpr int kMaxJsonDepth = 16;

constexpr std::pair<std::string_view, std::string_view> kTextFields[] = {
    {"HostName", "xm.hostname"},
    {"Version", "xm.version"},
    {"BuildDate", "xm.build_date"},
};

// A little-endian u16 at a fixed offset, read through a cursor; 0 when out of range.
std::uint16_t le16_at(Bytes b, std::size_t at) {
    ByteCursor cur(b);
    Bytes two;
    if (!cur.skip(at) || !cur.bytes(2, two)) return 0;
    return static_cast<std::uint16_t>(two[0] | (two[1] << 8));
}

// Rejects bodies nested deeper than kMaxJsonDepth before any parser sees them: linear, no
// recursion, strings (and escapes inside them) skipped.
bool json_depth_within(std::string_view text, int limit) {
    int depth = 0;
    bool in_string = false, escaped = false;
    for (char c : text) {
        if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (c == '"') {
                in_string = false;
            }
            continue;
        }
        if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            if (++depth > limit) return false;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return true;
}

std::string text_of(const nlohmann::json& v) {
    if (v.is_string()) return bounded_text(v.get_ref<const std::string&>());
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    return {};
}

// A TCP/UDP port as JSON integer (or digit string) in 1..65535.
std::string port_text(const nlohmann::json& v) {
    std::uint64_t n = 0;
    if (v.is_number_unsigned()) {
        n = v.get<std::uint64_t>();
    } else if (v.is_number_integer()) {
        auto i = v.get<std::int64_t>();
        if (i < 0) return {};
        n = static_cast<std::uint64_t>(i);
    } else if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        if (s.empty() || s.size() > 5) return {};
        for (char c : s) {
            if (c < '0' || c > '9') return {};
            n = n * 10 + static_cast<std::uint64_t>(c - '0');
        }
    } else {
        return {};
    }
    if (n == 0 || n > 65535) return {};
    return std::to_string(n);
}

}  // namespace

bool looks_like_xiongmai(Bytes bytes) {
    ByteCursor cur(bytes);
    std::uint8_t head = 0;
    if (bytes.size() < kHeaderSize || !cur.u8(head) || head != 0xff) return false;
    std::uint16_t id = le16_at(bytes, 14);
    return id == kXiongmaiSearchRequest || id == kXiongmaiSearchReply;
}

std::optional<IpAddress> xiongmai_hex_ipv4(std::string_view text) {
    text = trim(text);
    if (text.size() != 10 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X')) return std::nullopt;
    std::uint32_t word = 0;
    for (char c : text.substr(2)) {
        std::uint32_t digit = 0;
        if (c >= '0' && c <= '9') {
            digit = static_cast<std::uint32_t>(c - '0');
        } else if (c >= 'a' && c <= 'f') {
            digit = static_cast<std::uint32_t>(c - 'a' + 10);
        } else if (c >= 'A' && c <= 'F') {
            digit = static_cast<std::uint32_t>(c - 'A' + 10);
        } else {
            return std::nullopt;
        }
        word = (word << 4) | digit;
    }
    // The lowest byte of the word is the first octet.
    std::uint32_t host_order = ((word & 0xffu) << 24) | ((word & 0xff00u) << 8) | ((word >> 8) & 0xff00u) | (word >> 24);
    return IpAddress::v4(host_order);
}

Parsed<XiongmaiMessage> parse_xiongmai(Bytes bytes) {
    ByteCursor cur(bytes);
    XiongmaiMessage msg;
    std::uint8_t head = 0, reserved = 0, total = 0, current = 0;
    std::uint32_t body_length = 0;
    Bytes id_bytes;
    if (!cur.u8(head) || !cur.u8(msg.version) || !cur.u8(reserved) || !cur.u8(reserved) || !cur.le32(msg.session_id) ||
        !cur.le32(msg.sequence) || !cur.u8(total) || !cur.u8(current) || !cur.bytes(2, id_bytes) || !cur.le32(body_length))
        return Parsed<XiongmaiMessage>::failure("XiongMai header truncated: " + std::to_string(bytes.size()) + " of 20 bytes");
    if (head != 0xff) return Parsed<XiongmaiMessage>::failure("XiongMai head byte at offset 0 is not 0xff");
    msg.message_id = static_cast<std::uint16_t>(id_bytes[0] | (id_bytes[1] << 8));
    if (msg.message_id != kXiongmaiSearchRequest && msg.message_id != kXiongmaiSearchReply)
        return Parsed<XiongmaiMessage>::failure("XiongMai message id " + std::to_string(msg.message_id) +
                                                " (offset 0x0E) is not a search request (1530) or reply (1531)");
    if (body_length > kMaxBody)
        return Parsed<XiongmaiMessage>::failure("XiongMai body length " + std::to_string(body_length) + " exceeds 64 KiB");
    // The length may stop short of NUL padding after the body, never run past the datagram.
    if (body_length > cur.remaining())
        return Parsed<XiongmaiMessage>::failure("XiongMai body length field " + std::to_string(body_length) + " (offset 0x10) but " +
                                                std::to_string(cur.remaining()) + " bytes follow the header");
    Bytes body;
    cur.bytes(body_length, body);
    std::string_view text = as_text(body);
    if (auto nul = text.find('\0'); nul != std::string_view::npos) text = text.substr(0, nul);
    msg.json = std::string(trim(text));
    return msg;
}

Parsed<FieldList> xiongmai_fields(std::string_view text) {
    if (!json_depth_within(text, kMaxJsonDepth))
        return Parsed<FieldList>::failure("XiongMai body nests deeper than " + std::to_string(kMaxJsonDepth) + " levels");
    auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) return Parsed<FieldList>::failure("XiongMai body is not a JSON object");
    auto common = json.find("NetWork.NetCommon");
    if (common == json.end() || !common->is_object())
        return Parsed<FieldList>::failure("XiongMai reply has no \"NetWork.NetCommon\" object");
    FieldList fields;
    if (auto it = common->find("MAC"); it != common->end() && it->is_string()) {
        if (auto mac = MacAddress::parse(trim(it->get_ref<const std::string&>()))) {
            fields.add("xm.mac", mac->to_string());
            if (mac->is_unicast_device()) fields.add("id.mac", mac->to_string());
        }
    }
    if (auto it = common->find("SN"); it != common->end()) {
        std::string serial = text_of(*it);
        fields.add("xm.serial", serial);
        fields.add("id.serial", serial);  // the identity rule (inventory/identity) judges it
    }
    for (auto [name, key] : kTextFields)
        if (auto it = common->find(std::string(name)); it != common->end()) fields.add(std::string(key), text_of(*it));
    if (auto it = common->find("DeviceType"); it != common->end()) fields.add("xm.device_type", text_of(*it));
    if (auto it = common->find("TCPPort"); it != common->end()) fields.add("xm.tcp_port", port_text(*it));
    if (auto it = common->find("HttpPort"); it != common->end()) fields.add("xm.http_port", port_text(*it));
    if (auto it = common->find("HostIP"); it != common->end() && it->is_string()) {
        if (auto ip = xiongmai_hex_ipv4(it->get_ref<const std::string&>())) {
            fields.add("xm.ipv4", ip->to_string());
            if (!ip->is_unspecified() && !ip->is_multicast_or_broadcast()) fields.add("id.ipv4", ip->to_string());
        }
    }
    return fields;
}

namespace {

ParseState xiongmai_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto xm = parse_xiongmai(message);
    if (!xm) return out.invalid(xm.error());
    if (xm->message_id == kXiongmaiSearchRequest) {
        out.add("xm.message", "search");  // a search tool asking: no device identity
        return ParseState::complete;
    }
    auto fields = xiongmai_fields(xm->json);
    if (!fields) return out.invalid(fields.error());
    out.add("xm.message", "reply");
    for (auto& [k, v] : *fields) out.add(k, v);
    return ParseState::complete;
}

// The search of python-dvr's DVRIPCam.discover (research/protocols-active.md §1.6): the 20-byte
// header with message id 1530 and no body. Read-only: devices answer with 1531 and their
// NetWork.NetCommon settings.
std::vector<std::uint8_t> build_xiongmai_search(const RequestContext&) {
    ByteWriter w;
    w.u8(0xff).u8(0x00).zeros(2).le32(0).le32(0).zeros(2).le16(kXiongmaiSearchRequest).le32(0);
    return w.take();
}

constexpr std::uint16_t kPorts[] = {kXiongmaiPort};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor xiongmai = protocol_named(
    "xiongmai", {.field_prefix = "xm", .claim = Claim::content, .ports = kPorts, .tier = EvidenceTier::discovery,
                 .looks_like = by_content<looks_like_xiongmai>, .fields_of = xiongmai_fields_of, .build_request = build_xiongmai_search,
                 .summary = "XiongMai / XMeye search on UDP 34569 (replies on any port)"});
}  // namespace protocols

}  // namespace camsweep
