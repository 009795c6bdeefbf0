// TLS over TCP streams: records joined into the handshake stream, the ClientHello's server_name,
// the TLS <= 1.2 server Certificate and a small bounded DER reader for its subject and issuer
// (research/protocols-passive.md §2.10).
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/tls.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

constexpr std::uint8_t kContentHandshake = 22;
constexpr std::uint8_t kClientHello = 1;
constexpr std::uint8_t kServerHello = 2;
constexpr std::uint8_t kCertificate = 11;
constexpr std::uint8_t kServerKeyExchange = 12;
constexpr std::uint8_t kCertificateRequest = 13;
constexpr std::uint8_t kServerHelloDone = 14;
constexpr std::uint16_t kExtServerName = 0;
constexpr std::uint16_t kExtSupportedVersions = 43;
// A record's fragment is at most 2^14 bytes plus the expansion a cipher may add (RFC 5246 §6.2.3).
constexpr std::size_t kMaxRecordLength = 16384 + 2048;
// Server handshake messages read while looking for the Certificate.
constexpr std::size_t kMaxServerMessages = 16;
constexpr std::size_t kMaxRdns = 64;
constexpr std::size_t kMaxAttributesPerRdn = 16;
constexpr std::size_t kMaxHexValueBytes = 64;

std::string at(std::size_t offset) { return " at offset " + std::to_string(offset); }

// ---- handshake messages -------------------------------------------------------------------

struct HandshakeMessage {
    std::uint8_t type = 0;
    std::uint32_t length = 0;  // declared
    Bytes body;                // the part present in the stream (all of it when `complete`)
    bool complete = false;
    std::size_t offset = 0;    // of the message header in the handshake stream
};

enum class Step : std::uint8_t { message, incomplete, ended, invalid };

Step next_message(ByteCursor& cur, bool may_grow, HandshakeMessage& msg, std::string& error) {
    msg.offset = cur.offset();
    if (cur.empty()) return may_grow ? Step::incomplete : Step::ended;
    if (cur.remaining() < 4) {
        if (may_grow) return Step::incomplete;
        error = "handshake message header" + at(msg.offset) + " cut by the end of the handshake records";
        return Step::invalid;
    }
    if (!cur.u8(msg.type) || !cur.be24(msg.length)) return Step::incomplete;  // unreachable: 4 bytes checked
    if (msg.length > kMaxTlsHandshakeBytes) {
        error = "handshake message type " + std::to_string(msg.type) + at(msg.offset) + ": length " +
                std::to_string(msg.length) + " exceeds " + std::to_string(kMaxTlsHandshakeBytes);
        return Step::invalid;
    }
    std::size_t present = std::min<std::size_t>(msg.length, cur.remaining());
    if (!cur.bytes(present, msg.body)) return Step::incomplete;  // unreachable: `present` fits
    msg.complete = present == msg.length;
    return Step::message;
}

// The first message of a handshake stream, which must be of `type` (`name` in messages): a
// message, incomplete, or invalid with `error` set (also when the records end before one).
Step first_message(ByteCursor& cur, bool may_grow, std::uint8_t type, std::string_view name, HandshakeMessage& msg,
                   std::string& error) {
    switch (next_message(cur, may_grow, msg, error)) {
        case Step::incomplete: return Step::incomplete;
        case Step::ended: error = "no handshake message before a non-handshake record"; return Step::invalid;
        case Step::invalid: return Step::invalid;
        case Step::message: break;
    }
    if (msg.type == type) return Step::message;
    error = "first handshake message is type " + std::to_string(msg.type) + ", not " + std::string(name);
    return Step::invalid;
}

// ---- DER ----------------------------------------------------------------------------------

struct Tlv {
    std::uint8_t tag = 0;  // the first identifier octet (class, constructed bit, number)
    bool constructed = false;
    Bytes whole;           // identifier, length and content
    Bytes content;
    std::size_t offset = 0;          // of the identifier, from the start of the outermost element
    std::size_t content_offset = 0;  // of the content, likewise
};

// One TLV from `cur`, which reads `parent`, whose first byte is at absolute offset `base`.
bool read_tlv(Bytes parent, ByteCursor& cur, std::size_t base, Tlv& out, std::string& error) {
    std::size_t start = cur.offset();
    out.offset = base + start;
    if (!cur.u8(out.tag)) {
        error = "DER tag missing" + at(out.offset);
        return false;
    }
    out.constructed = (out.tag & 0x20) != 0;
    if ((out.tag & 0x1f) == 0x1f) {  // high tag number: continuation octets
        std::uint8_t b = 0x80;
        for (int i = 0; (b & 0x80) != 0; ++i) {
            if (i == 4 || !cur.u8(b)) {
                error = "DER tag number too long or cut" + at(out.offset);
                return false;
            }
        }
    }
    std::uint8_t first = 0;
    if (!cur.u8(first)) {
        error = "DER length missing" + at(out.offset);
        return false;
    }
    std::size_t length = first;
    if (first == 0x80) {
        error = "DER indefinite length (BER, not DER)" + at(out.offset);
        return false;
    }
    if (first > 0x80) {
        std::size_t count = first & 0x7f;
        if (count > 4) {
            error = "DER length of " + std::to_string(count) + " octets" + at(out.offset);
            return false;
        }
        length = 0;
        for (std::size_t i = 0; i < count; ++i) {
            std::uint8_t b = 0;
            if (!cur.u8(b)) {
                error = "DER length cut" + at(out.offset);
                return false;
            }
            length = (length << 8) | b;
        }
    }
    out.content_offset = base + cur.offset();
    if (!cur.bytes(length, out.content)) {
        error = "DER length " + std::to_string(length) + at(out.offset) + " exceeds the " + std::to_string(cur.remaining()) +
                " bytes left in its parent";
        return false;
    }
    out.whole = parent.subspan(start, cur.offset() - start);
    return true;
}

// Walks every element inside `der` (one complete element) without recursion: each child must
// fit its parent, and nesting may not exceed kMaxDerDepth. "" when well formed.
std::string check_der(Bytes der) {
    struct Level {
        Bytes bytes;
        ByteCursor cur;
        std::size_t base;
    };
    std::vector<Level> stack;
    stack.reserve(kMaxDerDepth + 1);
    stack.push_back({der, ByteCursor(der), 0});
    std::string error;
    bool top = true;
    while (!stack.empty()) {
        Level& level = stack.back();
        if (level.cur.empty()) {
            stack.pop_back();
            continue;
        }
        Tlv tlv;
        if (!read_tlv(level.bytes, level.cur, level.base, tlv, error)) return error;
        if (top) {
            top = false;
            if (!level.cur.empty())
                return "DER: " + std::to_string(level.cur.remaining()) + " trailing bytes" + at(level.cur.offset());
        }
        if (!tlv.constructed) continue;
        if (stack.size() >= kMaxDerDepth) return "DER nesting deeper than " + std::to_string(kMaxDerDepth) + at(tlv.offset);
        stack.push_back({tlv.content, ByteCursor(tlv.content), tlv.content_offset});
    }
    return {};
}

std::optional<std::string> oid_text(Bytes content) {
    if (content.empty() || content.size() > 64 || (content.back() & 0x80) != 0) return std::nullopt;
    std::string out;
    std::uint64_t value = 0;
    bool first = true;
    for (std::uint8_t b : content) {
        if (value > (std::uint64_t{1} << 50)) return std::nullopt;
        value = (value << 7) | (b & 0x7f);
        if ((b & 0x80) != 0) continue;
        if (first) {
            std::uint64_t top = value < 40 ? 0 : value < 80 ? 1 : 2;
            out = std::to_string(top) + "." + std::to_string(value - top * 40);
            first = false;
        } else {
            out += "." + std::to_string(value);
        }
        value = 0;
    }
    return out;
}

std::string_view attribute_name(std::string_view oid) {
    static constexpr std::pair<std::string_view, std::string_view> kNames[] = {
        {"2.5.4.3", "CN"},  {"2.5.4.10", "O"},  {"2.5.4.11", "OU"},     {"2.5.4.7", "L"},
        {"2.5.4.8", "ST"},  {"2.5.4.6", "C"},   {"2.5.4.9", "STREET"},  {"2.5.4.5", "serialNumber"},
        {"1.2.840.113549.1.9.1", "emailAddress"}, {"0.9.2342.19200300.100.1.25", "DC"},
        {"0.9.2342.19200300.100.1.1", "UID"},
    };
    for (auto [o, name] : kNames)
        if (o == oid) return name;
    return oid;
}


// BMPString (UTF-16BE, surrogate pairs accepted) to UTF-8; an odd last byte is dropped.
std::string from_utf16be(Bytes bytes) {
    std::string out;
    ByteCursor cur(bytes);
    std::uint16_t unit = 0;
    while (cur.be16(unit)) {
        std::uint32_t cp = unit;
        if (unit >= 0xd800 && unit <= 0xdbff && cur.remaining() >= 2) {
            ByteCursor look = cur;
            std::uint16_t low = 0;
            if (look.be16(low) && low >= 0xdc00 && low <= 0xdfff) {
                cur = look;
                cp = 0x10000 + ((std::uint32_t{unit} - 0xd800) << 10) + (low - 0xdc00);
            }
        }
        append_utf8(out, cp);
    }
    return out;
}

std::string from_ucs4be(Bytes bytes) {
    std::string out;
    ByteCursor cur(bytes);
    std::uint32_t cp = 0;
    while (cur.be32(cp)) append_utf8(out, cp);
    return out;
}

std::string from_latin1(Bytes bytes) {
    std::string out;
    for (std::uint8_t b : bytes) append_utf8(out, b);
    return out;
}

std::string hex_of(Bytes bytes) {
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string out = "#";
    for (std::uint8_t b : bytes.first(std::min(bytes.size(), kMaxHexValueBytes))) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

// The attribute value as text (see parse_distinguished_name), not yet escaped; `hex` says the
// value is the '#' form, which is never escaped.
std::string value_text(const Tlv& value, bool& hex) {
    hex = false;
    switch (value.tag) {
        case 0x0c:  // UTF8String
        case 0x12:  // NumericString
        case 0x13:  // PrintableString
        case 0x16:  // IA5String
        case 0x1a:  // VisibleString
            return std::string(as_text(value.content));
        case 0x14: {  // TeletexString: in practice ASCII, Latin-1 or UTF-8
            std::string raw(as_text(value.content));
            return utf8_or_escaped(raw) == raw ? raw : from_latin1(value.content);
        }
        case 0x1e: return from_utf16be(value.content);  // BMPString
        case 0x1c: return from_ucs4be(value.content);   // UniversalString
        default: hex = true; return hex_of(value.whole);
    }
}

std::string escape_rfc4514(std::string_view value) {
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
        char c = value[i];
        if (c == '\0') {
            out += "\\00";
            continue;
        }
        bool special = std::string_view(",+\"\\<>;").find(c) != std::string_view::npos ||
                       (i == 0 && (c == '#' || c == ' ')) || (i + 1 == value.size() && c == ' ');
        if (special) out += '\\';
        out += c;
    }
    return out;
}

// The RFC 4514 text of a Name element already checked by check_der.
Parsed<std::string> name_text(const Tlv& name) {
    if (name.tag != 0x30)
        return Parsed<std::string>::failure("Name" + at(name.offset) + " is tag " + hex_literal(name.tag, 2) + ", not SEQUENCE");
    std::vector<std::string> rdns;
    std::string error;
    ByteCursor cur(name.content);
    while (!cur.empty() && rdns.size() < kMaxRdns) {
        Tlv set;
        if (!read_tlv(name.content, cur, name.content_offset, set, error)) return Parsed<std::string>::failure(error);
        if (set.tag != 0x31)
            return Parsed<std::string>::failure("RDN" + at(set.offset) + " is tag " + hex_literal(set.tag, 2) + ", not SET");
        std::string rdn;
        ByteCursor attrs(set.content);
        for (std::size_t n = 0; !attrs.empty() && n < kMaxAttributesPerRdn; ++n) {
            Tlv atv, type, value;
            if (!read_tlv(set.content, attrs, set.content_offset, atv, error)) return Parsed<std::string>::failure(error);
            if (atv.tag != 0x30)
                return Parsed<std::string>::failure("AttributeTypeAndValue" + at(atv.offset) + " is tag " + hex_literal(atv.tag, 2) + ", not SEQUENCE");
            ByteCursor parts(atv.content);
            if (!read_tlv(atv.content, parts, atv.content_offset, type, error) ||
                !read_tlv(atv.content, parts, atv.content_offset, value, error))
                return Parsed<std::string>::failure(error.empty() ? "AttributeTypeAndValue" + at(atv.offset) + " is incomplete" : error);
            if (type.tag != 0x06)
                return Parsed<std::string>::failure("attribute type" + at(type.offset) + " is tag " + hex_literal(type.tag, 2) + ", not OBJECT IDENTIFIER");
            auto oid = oid_text(type.content);
            if (!oid) return Parsed<std::string>::failure("attribute type OID" + at(type.offset) + " is malformed");
            bool hex = false;
            std::string text = value_text(value, hex);
            if (!rdn.empty()) rdn += '+';
            rdn += attribute_name(*oid);
            rdn += '=';
            rdn += hex ? text : escape_rfc4514(text);
            if (rdn.size() > kMaxFieldLength) break;
        }
        rdns.push_back(std::move(rdn));
    }
    std::string out;
    for (auto it = rdns.rbegin(); it != rdns.rend() && out.size() <= kMaxFieldLength; ++it) {
        if (!out.empty()) out += ',';
        out += *it;
    }
    return bounded_text(out);
}

// ---- ClientHello / ServerHello --------------------------------------------------------------

TlsClientHello client_hello_from(const TlsHandshakeStream& hs) {
    TlsClientHello out;
    auto fail = [&](std::string why) {
        out.state = ParseState::invalid;
        out.error = "TLS ClientHello: " + std::move(why);
        return out;
    };
    ByteCursor stream(Bytes(hs.bytes.data(), hs.bytes.size()));
    HandshakeMessage msg;
    std::string error;
    if (const Step first = first_message(stream, hs.may_grow, kClientHello, "ClientHello (1)", msg, error); first != Step::message)
        return first == Step::incomplete ? out : fail(error);
    if (!msg.complete) {
        if (hs.may_grow) return out;
        return fail("message of " + std::to_string(msg.length) + " bytes cut after " + std::to_string(msg.body.size()));
    }
    ByteCursor body(msg.body);
    std::uint8_t session_length = 0, compression_length = 0;
    std::uint16_t suites_length = 0;
    if (!body.be16(out.legacy_version) || !body.skip(32)) return fail("version or random cut" + at(body.offset()));
    if (!body.u8(session_length) || session_length > 32 || !body.skip(session_length))
        return fail("session_id length " + std::to_string(session_length) + at(body.offset()) + " invalid or past the end");
    std::size_t suites_at = body.offset();
    if (!body.be16(suites_length) || !body.skip(suites_length))
        return fail("cipher_suites length " + std::to_string(suites_length) + at(suites_at) + " past the end");
    std::size_t compression_at = body.offset();
    if (!body.u8(compression_length) || !body.skip(compression_length))
        return fail("compression_methods length " + std::to_string(compression_length) + at(compression_at) + " past the end");
    if (body.empty()) {  // no extensions at all
        out.state = ParseState::complete;
        return out;
    }
    std::size_t extensions_at = body.offset();
    std::uint16_t extensions_length = 0;
    Bytes extensions;
    if (!body.be16(extensions_length) || !body.bytes(extensions_length, extensions))
        return fail("extensions length " + std::to_string(extensions_length) + at(extensions_at) + " exceeds the " +
                    std::to_string(body.remaining()) + " bytes left");
    ByteCursor ext(extensions);
    while (!ext.empty()) {
        std::size_t ext_at = extensions_at + 2 + ext.offset();
        std::uint16_t type = 0, length = 0;
        Bytes data;
        if (!ext.be16(type) || !ext.be16(length) || !ext.bytes(length, data))
            return fail("extension" + at(ext_at) + " (type " + std::to_string(type) + ", length " + std::to_string(length) +
                        ") runs past the extensions block");
        if (type != kExtServerName || !out.server_name.empty()) continue;
        ByteCursor names(data);
        std::uint16_t list_length = 0;
        Bytes list;
        if (!names.be16(list_length) || !names.bytes(list_length, list))
            return fail("server_name list length " + std::to_string(list_length) + at(ext_at + 4) + " exceeds the extension");
        ByteCursor entries(list);
        while (!entries.empty()) {
            std::uint8_t name_type = 0;
            std::uint16_t name_length = 0;
            Bytes name;
            if (!entries.u8(name_type) || !entries.be16(name_length) || !entries.bytes(name_length, name))
                return fail("server_name entry" + at(ext_at + 6 + entries.offset()) + " runs past the list");
            if (name_type == 0 && out.server_name.empty()) out.server_name = bounded_text(as_text(name));
        }
    }
    out.state = ParseState::complete;
    return out;
}

// Reads a ServerHello body into `flight` (version, tls13); "" or what was wrong.
std::string read_server_hello(Bytes body_bytes, TlsServerFlight& flight) {
    ByteCursor body(body_bytes);
    std::uint8_t session_length = 0, compression = 0;
    std::uint16_t suite = 0;
    if (!body.be16(flight.version) || !body.skip(32)) return "ServerHello version or random cut" + at(body.offset());
    if (!body.u8(session_length) || session_length > 32 || !body.skip(session_length))
        return "ServerHello session_id length " + std::to_string(session_length) + " invalid or past the end";
    if (!body.be16(suite) || !body.u8(compression)) return "ServerHello cipher suite or compression cut" + at(body.offset());
    if (!body.empty()) {
        std::size_t extensions_at = body.offset();
        std::uint16_t extensions_length = 0;
        Bytes extensions;
        if (!body.be16(extensions_length) || !body.bytes(extensions_length, extensions))
            return "ServerHello extensions length " + std::to_string(extensions_length) + at(extensions_at) + " exceeds the " +
                   std::to_string(body.remaining()) + " bytes left";
        ByteCursor ext(extensions);
        while (!ext.empty()) {
            std::size_t ext_at = extensions_at + 2 + ext.offset();
            std::uint16_t type = 0, length = 0;
            Bytes data;
            if (!ext.be16(type) || !ext.be16(length) || !ext.bytes(length, data))
                return "ServerHello extension" + at(ext_at) + " (type " + std::to_string(type) + ", length " +
                       std::to_string(length) + ") runs past the extensions block";
            std::uint16_t selected = 0;
            if (type == kExtSupportedVersions && ByteCursor(data).be16(selected)) flight.version = selected;
        }
    }
    // 0x0304 is TLS 1.3; 0x7fxx were its drafts.
    flight.tls13 = flight.version >= 0x0304 || (flight.version >> 8) == 0x7f;
    return {};
}

TlsServerFlight server_flight_from(const TlsHandshakeStream& hs) {
    TlsServerFlight out;
    auto fail = [&](std::string why) {
        out.state = ParseState::invalid;
        out.error = "TLS server flight: " + std::move(why);
        return out;
    };
    auto cut = [&](const HandshakeMessage& msg) {
        if (hs.may_grow) return out;  // incomplete
        return fail("handshake message type " + std::to_string(msg.type) + at(msg.offset) + " of " + std::to_string(msg.length) +
                    " bytes cut after " + std::to_string(msg.body.size()));
    };
    ByteCursor stream(Bytes(hs.bytes.data(), hs.bytes.size()));
    HandshakeMessage msg;
    std::string error;
    if (const Step first = first_message(stream, hs.may_grow, kServerHello, "ServerHello (2)", msg, error); first != Step::message)
        return first == Step::incomplete ? out : fail(error);
    if (!msg.complete) return cut(msg);
    if (auto why = read_server_hello(msg.body, out); !why.empty()) return fail(why);
    if (out.tls13) {
        out.state = ParseState::complete;
        return out;
    }
    for (std::size_t n = 0; n < kMaxServerMessages; ++n) {
        switch (next_message(stream, hs.may_grow, msg, error)) {
            case Step::incomplete: return out;
            case Step::ended:  // resumption: ChangeCipherSpec right after the ServerHello
                out.state = ParseState::complete;
                return out;
            case Step::invalid: return fail(error);
            case Step::message: break;
        }
        if (msg.type == kServerKeyExchange || msg.type == kCertificateRequest || msg.type == kServerHelloDone) {
            out.state = ParseState::complete;  // no Certificate in this flight (anonymous or PSK suites)
            return out;
        }
        if (msg.type != kCertificate) {
            if (!msg.complete) return cut(msg);
            continue;
        }
        // Certificate: a 24-bit list length, then 24-bit-length DER certificates, the server's first.
        // Only the first certificate is needed, not the whole message.
        ByteCursor body(msg.body);
        std::uint32_t list_length = 0, cert_length = 0;
        if (!body.be24(list_length)) return cut(msg);
        if (list_length + 3 != msg.length)
            return fail("certificate_list length " + std::to_string(list_length) + at(msg.offset + 4) +
                        " does not match the message length " + std::to_string(msg.length));
        if (list_length == 0) {
            out.state = ParseState::complete;
            return out;
        }
        if (!body.be24(cert_length)) return cut(msg);
        if (cert_length == 0 || cert_length + 3 > list_length)
            return fail("first certificate length " + std::to_string(cert_length) + at(msg.offset + 7) +
                        " is zero or exceeds the certificate_list");
        Bytes der;
        if (!body.bytes(cert_length, der)) return cut(msg);
        auto names = parse_certificate_names(der);
        if (!names) return fail("certificate" + at(msg.offset + 10) + " of the handshake stream: " + names.error());
        out.has_certificate = true;
        out.certificate = std::move(*names);
        out.state = ParseState::complete;
        return out;
    }
    out.state = ParseState::complete;
    return out;
}

}  // namespace

Parsed<TlsHandshakeStream> tls_handshake_stream(Bytes prefix) {
    TlsHandshakeStream hs;
    ByteCursor cur(prefix);
    while (true) {
        std::size_t record_at = cur.offset();
        if (cur.remaining() < 5) {  // a record header not there yet
            hs.may_grow = true;
            return hs;
        }
        std::uint8_t type = 0;
        std::uint16_t version = 0, length = 0;
        if (!cur.u8(type) || !cur.be16(version) || !cur.be16(length)) return Parsed<TlsHandshakeStream>::failure("TLS record header cut");
        if (type < 20 || type > 24)
            return Parsed<TlsHandshakeStream>::failure("TLS record" + at(record_at) + ": content type " + std::to_string(type) + " is not TLS");
        if ((version >> 8) != 3)
            return Parsed<TlsHandshakeStream>::failure("TLS record" + at(record_at) + ": version " + hex_literal(version, 4) + " is not 3.x");
        if (length > kMaxRecordLength)
            return Parsed<TlsHandshakeStream>::failure("TLS record" + at(record_at) + ": length " + std::to_string(length) +
                                                       " exceeds " + std::to_string(kMaxRecordLength));
        if (type != kContentHandshake) return hs;  // the cleartext handshake ends here
        if (length == 0) return Parsed<TlsHandshakeStream>::failure("TLS record" + at(record_at) + ": empty handshake fragment");
        Bytes fragment;
        std::size_t present = std::min<std::size_t>(length, cur.remaining());
        if (!cur.bytes(present, fragment)) return Parsed<TlsHandshakeStream>::failure("TLS record fragment cut");
        std::size_t room = kMaxTlsHandshakeBytes - hs.bytes.size();
        hs.bytes.insert(hs.bytes.end(), fragment.begin(), fragment.begin() + static_cast<std::ptrdiff_t>(std::min(present, room)));
        if (hs.bytes.size() >= kMaxTlsHandshakeBytes) return hs;  // enough read: stop growing
        if (present < length) {
            hs.may_grow = true;
            return hs;
        }
    }
}

TlsClientHello parse_tls_client_hello(Bytes prefix) {
    auto hs = tls_handshake_stream(prefix);
    if (!hs) {
        TlsClientHello out;
        out.state = ParseState::invalid;
        out.error = hs.error();
        return out;
    }
    return client_hello_from(*hs);
}

TlsServerFlight parse_tls_server_flight(Bytes prefix) {
    auto hs = tls_handshake_stream(prefix);
    if (!hs) {
        TlsServerFlight out;
        out.state = ParseState::invalid;
        out.error = hs.error();
        return out;
    }
    return server_flight_from(*hs);
}

Parsed<CertificateNames> parse_certificate_names(Bytes der) {
    using Result = Parsed<CertificateNames>;
    if (auto why = check_der(der); !why.empty()) return Result::failure(why);
    std::string error;
    ByteCursor top(der);
    Tlv certificate, tbs;
    if (!read_tlv(der, top, 0, certificate, error)) return Result::failure(error);
    if (certificate.tag != 0x30) return Result::failure("Certificate" + at(0) + " is tag " + hex_literal(certificate.tag, 2) + ", not SEQUENCE");
    ByteCursor cert_cur(certificate.content);
    if (!read_tlv(certificate.content, cert_cur, certificate.content_offset, tbs, error)) return Result::failure(error);
    if (tbs.tag != 0x30) return Result::failure("tbsCertificate" + at(tbs.offset) + " is tag " + hex_literal(tbs.tag, 2) + ", not SEQUENCE");
    ByteCursor fields(tbs.content);
    auto next = [&](Tlv& out, std::string_view what) -> bool {
        if (read_tlv(tbs.content, fields, tbs.content_offset, out, error)) return true;
        if (fields.empty()) error = "tbsCertificate ends before its " + std::string(what);
        return false;
    };
    Tlv field;
    if (!next(field, "serialNumber")) return Result::failure(error);
    if (field.tag == 0xa0 && !next(field, "serialNumber")) return Result::failure(error);  // [0] version
    if (field.tag != 0x02) return Result::failure("serialNumber" + at(field.offset) + " is tag " + hex_literal(field.tag, 2) + ", not INTEGER");
    Tlv signature, issuer, validity, subject;
    if (!next(signature, "signature") || !next(issuer, "issuer") || !next(validity, "validity") || !next(subject, "subject"))
        return Result::failure(error);
    auto issuer_text = name_text(issuer);
    if (!issuer_text) return Result::failure("issuer: " + issuer_text.error());
    auto subject_text = name_text(subject);
    if (!subject_text) return Result::failure("subject: " + subject_text.error());
    return CertificateNames{std::move(*subject_text), std::move(*issuer_text)};
}

Parsed<std::string> parse_distinguished_name(Bytes name_der) {
    if (auto why = check_der(name_der); !why.empty()) return Parsed<std::string>::failure(why);
    std::string error;
    ByteCursor cur(name_der);
    Tlv name;
    if (!read_tlv(name_der, cur, 0, name, error)) return Parsed<std::string>::failure(error);
    return name_text(name);
}

namespace {

bool looks_like_tls(Bytes first_bytes) {
    return !first_bytes.empty() && first_bytes[0] == kContentHandshake && (first_bytes.size() < 2 || first_bytes[1] == 0x03);
}

ParseState tls_fields_of(Bytes prefix, const MessageMeta&, MessageFields& out) {
    auto hs = tls_handshake_stream(prefix);
    if (!hs) return out.invalid(hs.error());
    if (hs->bytes.empty()) {
        if (hs->may_grow) return ParseState::incomplete;
        return out.invalid("TLS: no handshake record before the first non-handshake record");
    }
    std::uint8_t first_type = hs->bytes[0];
    if (first_type == kClientHello) {
        auto hello = client_hello_from(*hs);
        if (hello.state == ParseState::incomplete) return ParseState::incomplete;
        if (hello.state == ParseState::invalid) return out.invalid(hello.error);
        out.add("tls.sni", hello.server_name);
        return ParseState::complete;
    }
    if (first_type == kServerHello) {
        auto flight = server_flight_from(*hs);
        if (flight.state == ParseState::incomplete) return ParseState::incomplete;
        if (flight.state == ParseState::invalid) return out.invalid(flight.error);
        if (flight.has_certificate) {
            out.add("tls.cert.subject", flight.certificate.subject);
            out.add("tls.cert.issuer", flight.certificate.issuer);
        }
        return ParseState::complete;
    }
    return out.invalid("TLS: first handshake message is type " + std::to_string(first_type) + ", neither ClientHello nor ServerHello");
}

constexpr std::uint16_t kTlsPorts[] = {443, 8443};

// The prober's hello: no server name (it connects to addresses), random bytes from the scan's
// message id (nothing here needs them secret: no key is ever agreed).
std::vector<std::uint8_t> tls_request(const RequestContext& context) {
    std::array<std::uint8_t, 32> random{};
    for (std::size_t i = 0; i < random.size(); ++i)
        random[i] = static_cast<std::uint8_t>(i < context.message_id.size() ? context.message_id[i] : i);
    return tls_client_hello("", random);
}

}  // namespace

std::vector<std::uint8_t> tls_client_hello(std::string_view server_name, Bytes random32) {
    ByteWriter body;
    body.be16(0x0303);  // client_version TLS 1.2: a 1.3 server then sends its certificate in clear
    body.bytes(random32.first(std::min<std::size_t>(32, random32.size()))).zeros(32 - std::min<std::size_t>(32, random32.size()));
    body.u8(0);  // no session id
    // ECDHE-RSA/ECDSA AES-GCM, RSA AES-GCM/CBC and the renegotiation SCSV: what camera web
    // servers (often old OpenSSL or mbed TLS builds) accept.
    static constexpr std::uint16_t kSuites[] = {0xc02f, 0xc030, 0xc02b, 0xc02c, 0x009e, 0x009c, 0x003c, 0x002f, 0x00ff};
    body.be16(sizeof kSuites);
    for (auto suite : kSuites) body.be16(suite);
    body.u8(1).u8(0);  // null compression only
    ByteWriter extensions;
    if (!server_name.empty()) {
        const auto name = server_name.substr(0, 255);
        extensions.be16(0x0000).be16(static_cast<std::uint16_t>(name.size() + 5)).be16(static_cast<std::uint16_t>(name.size() + 3));
        extensions.u8(0).be16(static_cast<std::uint16_t>(name.size())).text(name);  // host_name
    }
    extensions.be16(0x000a).be16(6).be16(4).be16(0x0017).be16(0x0018);  // supported_groups: secp256r1, secp384r1
    extensions.be16(0x000d).be16(6).be16(4).be16(0x0401).be16(0x0403);  // signature_algorithms: rsa_pkcs1_sha256, ecdsa_secp256r1_sha256
    body.be16(static_cast<std::uint16_t>(extensions.size())).bytes(extensions.view());
    ByteWriter record;
    record.u8(kContentHandshake).be16(0x0301).be16(static_cast<std::uint16_t>(body.size() + 4));
    record.u8(kClientHello).u8(0).be16(static_cast<std::uint16_t>(body.size())).bytes(body.view());
    return record.take();
}

namespace protocols {
extern const ProtocolDescriptor tls = protocol_named(
    "tls", {.carrier = Carrier::tcp, .claim = Claim::content, .ports = kTlsPorts, .tier = EvidenceTier::banner,
            .looks_like = by_content<looks_like_tls>, .fields_of = tls_fields_of, .build_request = tls_request,
            .summary = "TLS handshakes: the SNI a client asks for, a TLS <= 1.2 server certificate's subject and issuer"});
}  // namespace protocols

}  // namespace camsweep
