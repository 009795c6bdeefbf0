// The DNS family: unicast DNS (UDP 53), mDNS / DNS-SD (UDP 5353), LLMNR (UDP 5355) and the
// NetBIOS name service (UDP 137), all in the RFC 1035 message format. The parser is shared;
// each dissector decides which names describe the sender (its own records) and which it only
// asks about, because a phone or an NVR browsing for "_axis-video._tcp" is not an Axis camera.
#include "camsweep/dissect/dns.hpp"
#include "camsweep/dissect/protocol.hpp"

#include <algorithm>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kHeaderSize = 12;
constexpr std::size_t kMaxNames = 16;
constexpr std::size_t kMaxServices = 8;
constexpr std::size_t kMaxQueries = 16;
constexpr std::size_t kMaxTxtFields = 32;
constexpr std::size_t kMaxTxtMacs = 4;

const char* section_name(DnsSection section) {
    switch (section) {
        case DnsSection::answer: return "answer";
        case DnsSection::authority: return "authority record";
        case DnsSection::additional: return "additional record";
    }
    return "record";
}

// A cursor positioned at `offset` of `message` (offset <= message.size() is the caller's check).
ByteCursor cursor_at(Bytes message, std::size_t offset) {
    ByteCursor cur(message);
    cur.skip(offset);
    return cur;
}

// Decodes the RDATA of the types the dissectors use. Returns "" or what was wrong; the record's
// framing (RDLENGTH) is intact either way, so parsing continues with the next record.
std::string decode_rdata(Bytes message, DnsRecord& rec) {
    ByteCursor cur(rec.rdata);
    auto where = [&] { return "RDATA at offset " + std::to_string(rec.rdata_offset); };
    switch (rec.type) {
        case kDnsTypeA: {
            Bytes a;
            if (rec.rdata.size() != 4 || !cur.bytes(4, a))
                return "A record " + where() + " is " + std::to_string(rec.rdata.size()) + " bytes, not 4";
            rec.address = IpAddress::v4((std::uint32_t{a[0]} << 24) | (std::uint32_t{a[1]} << 16) | (std::uint32_t{a[2]} << 8) | a[3]);
            return {};
        }
        case kDnsTypeAaaa: {
            Bytes a;
            if (rec.rdata.size() != 16 || !cur.bytes(16, a))
                return "AAAA record " + where() + " is " + std::to_string(rec.rdata.size()) + " bytes, not 16";
            rec.address = IpAddress::v6(a.data());
            return {};
        }
        case kDnsTypePtr:
        case kDnsTypeSrv: {
            std::size_t name_at = rec.rdata_offset;
            if (rec.type == kDnsTypeSrv) {
                if (!cur.be16(rec.priority) || !cur.be16(rec.weight) || !cur.be16(rec.port))
                    return "SRV record " + where() + " is " + std::to_string(rec.rdata.size()) + " bytes, too short";
                name_at += 6;
            }
            std::size_t end = name_at;
            auto target = read_dns_name(message, end);
            if (!target) return (rec.type == kDnsTypeSrv ? "SRV target: " : "PTR target: ") + target.error();
            if (end > rec.rdata_offset + rec.rdata.size())
                return (rec.type == kDnsTypeSrv ? "SRV target at offset " : "PTR target at offset ") + std::to_string(name_at) +
                       " runs past its RDATA length " + std::to_string(rec.rdata.size());
            rec.target = std::move(*target);
            return {};
        }
        case kDnsTypeTxt:
            while (!cur.empty()) {
                std::size_t at = rec.rdata_offset + cur.offset();
                std::uint8_t len = 0;
                Bytes text;
                if (!cur.u8(len) || !cur.bytes(len, text))
                    return "TXT string at offset " + std::to_string(at) + " (length " + std::to_string(len) + ") runs past its RDATA";
                if (len != 0 && rec.texts.size() < kDnsMaxTxtStrings) rec.texts.emplace_back(as_text(text));
            }
            return {};
        default: return {};
    }
}

// The first problem wins: later ones are usually its consequences.
void note_problem(DnsMessage& msg, std::string why) {
    if (msg.problem.empty()) msg.problem = std::move(why);
}

bool read_question(Bytes message, std::size_t& offset, std::size_t index, DnsMessage& msg) {
    const std::size_t start = offset;
    auto name = read_dns_name(message, offset);
    if (!name) {
        note_problem(msg, "question " + std::to_string(index + 1) + ": " + name.error());
        return false;
    }
    ByteCursor cur = cursor_at(message, offset);
    DnsQuestion q;
    q.name = std::move(*name);
    if (!cur.be16(q.type) || !cur.be16(q.klass)) {
        note_problem(msg, "question " + std::to_string(index + 1) + " at offset " + std::to_string(start) + " ends before its type and class");
        return false;
    }
    q.unicast_response = (q.klass & 0x8000) != 0;
    q.klass &= 0x7fff;
    offset = cur.offset();
    msg.questions.push_back(std::move(q));
    return true;
}

bool read_record(Bytes message, std::size_t& offset, DnsSection section, std::size_t index, DnsDialect dialect, DnsMessage& msg) {
    const std::size_t start = offset;
    auto label = [&] { return std::string(section_name(section)) + " " + std::to_string(index + 1); };
    auto name = read_dns_name(message, offset);
    if (!name) {
        note_problem(msg, label() + ": " + name.error());
        return false;
    }
    ByteCursor cur = cursor_at(message, offset);
    DnsRecord rec;
    rec.section = section;
    rec.name = std::move(*name);
    std::uint16_t rdlength = 0;
    if (!cur.be16(rec.type) || !cur.be16(rec.klass) || !cur.be32(rec.ttl) || !cur.be16(rdlength)) {
        note_problem(msg, label() + " at offset " + std::to_string(start) + " ends inside its fixed fields");
        return false;
    }
    rec.cache_flush = (rec.klass & 0x8000) != 0;
    rec.klass &= 0x7fff;
    rec.rdata_offset = cur.offset();
    if (!cur.bytes(rdlength, rec.rdata)) {
        note_problem(msg, label() + " at offset " + std::to_string(start) + ": RDLENGTH " + std::to_string(rdlength) + " but " +
                              std::to_string(cur.remaining()) + " bytes remain");
        return false;
    }
    offset = cur.offset();
    if (dialect == DnsDialect::dns) {
        if (auto why = decode_rdata(message, rec); !why.empty()) note_problem(msg, label() + ": " + why);
    }
    msg.records.push_back(std::move(rec));
    return true;
}

bool is_reverse_name(std::string_view name) {
    auto ends_with = [&](std::string_view suffix) {
        return name.size() >= suffix.size() && iequals(name.substr(name.size() - suffix.size()), suffix);
    };
    return ends_with(".in-addr.arpa") || ends_with(".ip6.arpa");
}

// Distinct values per key, in first-seen order, with per-key limits; emitted in a fixed key order
// so identity and names come before the (more numerous) TXT strings.
class NameSet {
public:
    explicit NameSet(std::size_t limit, bool case_insensitive = true) : limit_(limit), case_insensitive_(case_insensitive) {}
    void add(std::string_view raw) {
        std::string value = bounded_text(raw);
        if (value.empty() || values_.size() >= limit_) return;
        for (const auto& v : values_)
            if (case_insensitive_ ? iequals(v, value) : v == value) return;
        values_.push_back(std::move(value));
    }
    // FieldList::add stops at kMaxFieldsPerObservation.
    void emit(MessageFields& out, const std::string& key) const {
        for (const auto& v : values_) out.add(key, v);
    }

private:
    std::size_t limit_;
    bool case_insensitive_;
    std::vector<std::string> values_;
};

bool same_ipv4(const std::optional<IpAddress>& a, const std::optional<IpAddress>& b) {
    return a && b && a->family == IpAddress::Family::v4 && b->family == IpAddress::Family::v4 && *a == *b;
}

// A TXT string "macaddress=<12 hex digits>": the key Axis cameras (and DoorBird door stations,
// which reuse _axis-video) put their MAC under, e.g. "macaddress=00408CEFE2F1" (avahi-browse of an
// AXIS P1357, idx:2719562272; FantasticFiasco/axis-discovery-bonjour-js@7af6897f src/Mappings.ts
// reads only this key). research/vendor-discovery.md §1.1.
std::optional<MacAddress> txt_mac_address(std::string_view text) {
    constexpr std::string_view kKey = "macaddress=";
    if (!istarts_with(text, kKey)) return std::nullopt;
    auto mac = MacAddress::parse(trim(text.substr(kKey.size())));
    if (!mac || !mac->is_unicast_device()) return std::nullopt;
    return mac;
}

// What an mDNS message says about its sender.
struct MdnsFacts {
    std::optional<IpAddress> own_ipv4;
    NameSet names{kMaxNames};
    NameSet services{kMaxServices};
    NameSet queries{kMaxQueries};
    NameSet txt{kMaxTxtFields, /*case_insensitive=*/false};
    NameSet macs{kMaxTxtMacs};

    // A name the sender claims: a host name, a service instance or a service type.
    void own_name(std::string_view name) {
        if (name.empty() || is_reverse_name(name)) return;
        auto sd = split_dns_sd_name(name);
        if (!sd.is_dns_sd) {
            names.add(name);
            return;
        }
        services.add(sd.service_type);
        if (!sd.instance.empty()) names.add(name);
    }

    void own_record(const DnsRecord& rec, const MessageMeta& meta) {
        switch (rec.type) {
            case kDnsTypeA:
            case kDnsTypeAaaa:
                own_name(rec.name);
                if (rec.type == kDnsTypeA && same_ipv4(rec.address, meta.src_ip)) own_ipv4 = rec.address;
                break;
            case kDnsTypePtr:
                // "_svc._tcp.local PTR instance", "_services._dns-sd._udp.local PTR _svc._tcp.local",
                // "x.in-addr.arpa PTR host.local": own_name sorts each side out.
                own_name(rec.name);
                own_name(rec.target);
                break;
            case kDnsTypeSrv:
                own_name(rec.name);
                own_name(rec.target);
                break;
            case kDnsTypeTxt:
                own_name(rec.name);
                for (const auto& t : rec.texts) {
                    txt.add(t);
                    if (auto mac = txt_mac_address(t)) macs.add(mac->to_string());
                }
                break;
            default: break;
        }
    }

    void emit(MessageFields& out) const {
        if (own_ipv4) out.add("id.ipv4", own_ipv4->to_string());
        macs.emit(out, "id.mac");
        macs.emit(out, "mdns.mac");
        names.emit(out, "mdns.name");
        services.emit(out, "mdns.service");
        queries.emit(out, "mdns.query");
        txt.emit(out, "mdns.txt");
    }
};

bool nbns_request_claims_name(std::uint8_t opcode) {
    // registration, release, refresh (8 and 9), multi-homed registration (RFC 1002 §4.2.1.1)
    return opcode == 5 || opcode == 6 || opcode == 8 || opcode == 9 || opcode == 15;
}

// Workstation (0x00) and server (0x20) names carry the computer's name; other suffixes name the
// workgroup's browser roles or a logged-in user (0x03).
bool is_host_suffix(std::uint8_t suffix) { return suffix == 0x00 || suffix == 0x20; }

struct NbnsFacts {
    std::optional<IpAddress> own_ipv4;
    std::optional<MacAddress> unit_mac;
    NameSet names{kMaxNames};
    NameSet groups{kMaxNames};
    NameSet queries{kMaxQueries};

    void own(const NetbiosName& name, bool group) {
        if (!is_host_suffix(name.suffix) || name.name == "*") return;
        if (group) {
            if (name.suffix == 0x00) groups.add(name.name);
        } else {
            names.add(name.name);
        }
    }

    void emit(MessageFields& out) const {
        if (unit_mac) out.add("id.mac", unit_mac->to_string());
        if (own_ipv4) out.add("id.ipv4", own_ipv4->to_string());
        names.emit(out, "nbns.name");
        groups.emit(out, "nbns.group");
        queries.emit(out, "nbns.query");
    }
};

// NB RDATA (RFC 1002 §4.2.2): entries of NB_FLAGS (G bit 0x8000) and an IPv4 address.
// Returns whether any entry is a group, and sets `own` when an address equals the sender's.
bool read_nb_entries(const DnsRecord& rec, const MessageMeta& meta, std::optional<IpAddress>& own) {
    ByteCursor cur(rec.rdata);
    bool group = false;
    std::uint16_t flags = 0;
    Bytes a;
    while (cur.be16(flags) && cur.bytes(4, a)) {
        group = group || (flags & 0x8000) != 0;
        auto address = IpAddress::v4((std::uint32_t{a[0]} << 24) | (std::uint32_t{a[1]} << 16) | (std::uint32_t{a[2]} << 8) | a[3]);
        if (same_ipv4(address, meta.src_ip)) own = address;
    }
    return group;
}

// NBSTAT RDATA (RFC 1002 §4.2.18): NUM_NAMES, then 18-byte entries (16 raw name bytes, NAME_FLAGS),
// then statistics starting with the 6-byte unit ID (the adapter's MAC on most stacks).
std::string read_node_status(const DnsRecord& rec, NbnsFacts& facts) {
    ByteCursor cur(rec.rdata);
    std::uint8_t count = 0;
    if (!cur.u8(count)) return "NBSTAT RDATA at offset " + std::to_string(rec.rdata_offset) + " is empty";
    for (std::uint8_t i = 0; i < count; ++i) {
        Bytes raw;
        std::uint16_t flags = 0;
        if (!cur.bytes(16, raw) || !cur.be16(flags))
            return "NBSTAT name " + std::to_string(i + 1) + " of " + std::to_string(count) + " runs past the RDATA at offset " +
                   std::to_string(rec.rdata_offset);
        NetbiosName name;
        std::string_view text = as_text(raw.first(15));
        while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
        name.name = std::string(text);
        name.suffix = raw[15];
        facts.own(name, (flags & 0x8000) != 0);
    }
    Bytes unit;
    if (cur.bytes(6, unit)) {
        MacAddress mac;
        std::copy(unit.begin(), unit.end(), mac.octets.begin());
        if (mac.is_unicast_device()) facts.unit_mac = mac;
    }
    return {};
}

}  // namespace

Parsed<std::string> read_dns_name(Bytes message, std::size_t& offset) {
    const std::size_t name_start = offset;
    auto fail = [&](const std::string& why) {
        return Parsed<std::string>::failure("name at offset " + std::to_string(name_start) + ": " + why);
    };
    if (offset > message.size()) return fail("starts past the end of the message");
    ByteCursor walk = cursor_at(message, offset);
    std::size_t limit = offset;  // every pointer must land strictly before this, which then shrinks
    bool jumped = false;
    std::size_t wire_length = 1;  // the terminating zero label
    std::string out;
    for (;;) {
        const std::size_t at = walk.offset();
        std::uint8_t len = 0;
        if (!walk.u8(len)) return fail("runs past the end of the message at offset " + std::to_string(at));
        if (len == 0) break;
        if ((len & 0xc0) == 0xc0) {
            std::uint8_t low = 0;
            if (!walk.u8(low)) return fail("compression pointer at offset " + std::to_string(at) + " is cut off");
            const std::size_t target = (std::size_t{len & 0x3fu} << 8) | low;
            if (target >= limit)
                return fail("compression pointer at offset " + std::to_string(at) + " to offset " + std::to_string(target) +
                            " does not point backwards (loop or forward pointer)");
            if (!jumped) offset = walk.offset();  // the name ends after its first pointer
            jumped = true;
            limit = target;
            walk = cursor_at(message, target);
            continue;
        }
        if ((len & 0xc0) != 0)
            return fail("label length byte " + hex_literal(len, 2) + " at offset " + std::to_string(at) + " is over 63 (extended label type)");
        Bytes label;
        if (!walk.bytes(len, label))
            return fail("label of " + std::to_string(len) + " bytes at offset " + std::to_string(at) + " runs past the end");
        wire_length += 1 + std::size_t{len};
        if (wire_length > kDnsMaxNameWireLength) return fail("longer than 255 bytes");
        if (!out.empty()) out += '.';
        out.append(as_text(label));
    }
    if (!jumped) offset = walk.offset();
    return out;
}

Parsed<std::string> read_uncompressed_dns_name(Bytes data) {
    ByteCursor cur(data);
    std::size_t wire_length = 1;
    std::string out;
    while (!cur.empty()) {
        const std::size_t at = cur.offset();
        std::uint8_t len = 0;
        cur.u8(len);
        if (len == 0) break;
        if ((len & 0xc0) != 0)
            return Parsed<std::string>::failure("label length byte " + hex_literal(len, 2) + " at offset " + std::to_string(at) +
                                                " is over 63 (compression is not allowed here)");
        Bytes label;
        if (!cur.bytes(len, label))
            return Parsed<std::string>::failure("label of " + std::to_string(len) + " bytes at offset " + std::to_string(at) + " runs past the end");
        wire_length += 1 + std::size_t{len};
        if (wire_length > kDnsMaxNameWireLength) return Parsed<std::string>::failure("name longer than 255 bytes");
        if (!out.empty()) out += '.';
        out.append(as_text(label));
    }
    return out;
}

Parsed<DnsMessage> parse_dns(Bytes message, DnsDialect dialect) {
    ByteCursor cur(message);
    DnsMessage msg;
    if (!cur.be16(msg.id) || !cur.be16(msg.flags) || !cur.be16(msg.question_count) || !cur.be16(msg.answer_count) ||
        !cur.be16(msg.authority_count) || !cur.be16(msg.additional_count))
        return Parsed<DnsMessage>::failure("DNS header truncated: " + std::to_string(message.size()) + " of 12 bytes");
    const std::size_t claimed = std::size_t{msg.question_count} + msg.answer_count + msg.authority_count + msg.additional_count;
    if (claimed > kDnsMaxEntries)
        msg.problem = "header claims " + std::to_string(claimed) + " questions and records; at most " + std::to_string(kDnsMaxEntries) +
                      " are read";
    std::size_t budget = std::min(claimed, kDnsMaxEntries);
    std::size_t offset = kHeaderSize;
    for (std::size_t i = 0; i < msg.question_count && budget > 0; ++i, --budget)
        if (!read_question(message, offset, i, msg)) return msg;
    const std::pair<DnsSection, std::uint16_t> sections[] = {
        {DnsSection::answer, msg.answer_count}, {DnsSection::authority, msg.authority_count}, {DnsSection::additional, msg.additional_count}};
    for (auto [section, count] : sections)
        for (std::size_t i = 0; i < count && budget > 0; ++i, --budget)
            if (!read_record(message, offset, section, i, dialect, msg)) return msg;
    return msg;
}

DnsSdName split_dns_sd_name(std::string_view name) {
    // Find the last "_tcp"/"_udp" label preceded by an underscore label: the instance label
    // (left of the service) may itself contain dots or underscores.
    DnsSdName out;
    std::size_t proto_start = std::string_view::npos;
    for (std::size_t pos = 0; pos < name.size();) {
        std::size_t end = name.find('.', pos);
        if (end == std::string_view::npos) end = name.size();
        std::string_view label = name.substr(pos, end - pos);
        if (pos > 0 && (iequals(label, "_tcp") || iequals(label, "_udp"))) proto_start = pos;
        pos = end + 1;
    }
    if (proto_start == std::string_view::npos || proto_start < 2) return out;
    const std::size_t service_end = proto_start - 1;  // the '.' before the protocol label
    const std::size_t dot = name.rfind('.', service_end - 1);
    const std::size_t service_start = dot == std::string_view::npos ? 0 : dot + 1;
    std::string_view service_label = name.substr(service_start, service_end - service_start);
    if (service_label.size() < 2 || service_label.front() != '_') return out;
    out.is_dns_sd = true;
    if (iequals(service_label, "_dns-sd")) return out;  // browsing-domain and service enumeration names
    out.service_type = name.substr(service_start);
    if (service_start == 0) return out;
    std::string_view instance = name.substr(0, service_start - 1);
    if (iequals(instance, "_sub") || (instance.size() > 5 && iequals(instance.substr(instance.size() - 5), "._sub"))) return out;
    out.instance = instance;
    return out;
}

std::optional<NetbiosName> decode_netbios_name(std::string_view encoded) {
    std::string_view first = encoded.substr(0, encoded.find('.'));
    if (first.size() != 32) return std::nullopt;
    std::uint8_t raw[16];
    for (std::size_t i = 0; i < 16; ++i) {
        char hi = first[2 * i], lo = first[2 * i + 1];
        if (hi < 'A' || hi > 'P' || lo < 'A' || lo > 'P') return std::nullopt;
        raw[i] = static_cast<std::uint8_t>(((hi - 'A') << 4) | (lo - 'A'));
    }
    std::string_view text(reinterpret_cast<const char*>(raw), 15);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\0')) text.remove_suffix(1);
    return NetbiosName{std::string(text), raw[15]};
}

std::vector<std::uint8_t> dns_ptr_query(std::span<const std::string_view> names) {
    ByteWriter w;
    w.be16(0).be16(0).be16(0).be16(0).be16(0).be16(0);  // ID, flags, QD/AN/NS/AR counts
    std::uint16_t questions = 0;
    for (std::string_view name : names) {
        ByteWriter question;
        bool valid = !name.empty();
        std::size_t wire_length = 1;
        for (std::size_t pos = 0; valid && pos <= name.size();) {
            std::size_t end = std::min(name.find('.', pos), name.size());
            std::string_view label = name.substr(pos, end - pos);
            wire_length += 1 + label.size();
            valid = !label.empty() && label.size() <= 63 && wire_length <= kDnsMaxNameWireLength;
            question.u8(static_cast<std::uint8_t>(label.size())).text(label);
            pos = end + 1;
        }
        if (!valid) continue;
        question.u8(0).be16(kDnsTypePtr).be16(1);  // QTYPE PTR, QCLASS IN (QM)
        w.bytes(question.view());
        ++questions;
    }
    w.patch_be16(4, questions);
    return w.take();
}

namespace {

std::string read_dns(Bytes message, [[maybe_unused]] const MessageMeta& meta, MessageFields& out) {
    // A response describes the resolver's answer to someone else; only the asking client is
    // described by its questions. Responses are not parsed further.
    ByteCursor header(message);
    std::uint16_t id = 0, flags = 0;
    if (header.be16(id) && header.be16(flags) && (flags & 0x8000) != 0) return {};
    auto msg = parse_dns(message);
    if (!msg) return msg.error();
    if (msg->opcode() != 0) return msg->problem;
    NameSet queries(kMaxQueries);
    for (const auto& q : msg->questions) queries.add(q.name);
    queries.emit(out, "dns.query");
    return msg->problem;
}

std::string read_mdns(Bytes message, [[maybe_unused]] const MessageMeta& meta, MessageFields& out) {
    auto msg = parse_dns(message);
    if (!msg) return msg.error();
    MdnsFacts facts;
    if (msg->is_response()) {
        // Responders only answer with records they own (RFC 6762 §6).
        for (const auto& rec : msg->records) facts.own_record(rec, meta);
    } else {
        // A probe (questions plus the proposed records in the authority section, RFC 6762 §8.1)
        // names what the sender is about to claim. Otherwise the questions are things it looks
        // for, and answers are known answers cached from other hosts.
        bool probing = std::any_of(msg->records.begin(), msg->records.end(),
                                   [](const DnsRecord& r) { return r.section == DnsSection::authority; });
        for (const auto& q : msg->questions) {
            if (probing) facts.own_name(q.name);
            else facts.queries.add(q.name);
        }
        for (const auto& rec : msg->records)
            if (rec.section == DnsSection::authority) facts.own_record(rec, meta);
    }
    facts.emit(out);
    return msg->problem;
}

std::string read_llmnr(Bytes message, [[maybe_unused]] const MessageMeta& meta, MessageFields& out) {
    auto msg = parse_dns(message);
    if (!msg) return msg.error();
    if (!msg->is_response()) {
        NameSet queries(kMaxQueries);
        for (const auto& q : msg->questions) queries.add(q.name);
        queries.emit(out, "llmnr.query");
        return msg->problem;
    }
    // Only the owner of a name answers for it (RFC 4795 §2.1).
    std::optional<IpAddress> own;
    NameSet names(kMaxNames);
    for (const auto& rec : msg->records) {
        if (rec.section != DnsSection::answer || (rec.type != kDnsTypeA && rec.type != kDnsTypeAaaa)) continue;
        names.add(rec.name);
        if (rec.type == kDnsTypeA && same_ipv4(rec.address, meta.src_ip)) own = rec.address;
    }
    if (own) out.add("id.ipv4", own->to_string());
    names.emit(out, "llmnr.name");
    return msg->problem;
}

std::string read_nbns(Bytes message, [[maybe_unused]] const MessageMeta& meta, MessageFields& out) {
    auto msg = parse_dns(message, DnsDialect::netbios);
    if (!msg) return msg.error();
    std::string problem = msg->problem;
    auto note = [&](std::string why) {
        if (problem.empty()) problem = std::move(why);
    };
    auto decode = [&](const std::string& encoded, const char* what) -> std::optional<NetbiosName> {
        auto name = decode_netbios_name(encoded);
        if (!name) note(std::string(what) + " name is not a NetBIOS first-level encoding (32 letters A-P)");
        return name;
    };
    NbnsFacts facts;
    const std::uint8_t opcode = msg->opcode();
    if (!msg->is_response()) {
        if (opcode == 0) {
            for (const auto& q : msg->questions) {
                if (q.type != kNbnsTypeNb) continue;  // NBSTAT queries ask "*" for a node's table
                if (auto name = decode(q.name, "question"); name && name->name != "*") facts.queries.add(name->name);
            }
        } else if (nbns_request_claims_name(opcode)) {
            bool group = false;
            for (const auto& rec : msg->records)
                if (rec.type == kNbnsTypeNb) group = read_nb_entries(rec, meta, facts.own_ipv4) || group;
            for (const auto& q : msg->questions)
                if (auto name = decode(q.name, "question")) facts.own(*name, group);
        }
    } else if (msg->rcode() == 0) {
        for (const auto& rec : msg->records) {
            if (rec.section != DnsSection::answer) continue;
            if (rec.type == kNbnsTypeNbstat) {
                if (auto why = read_node_status(rec, facts); !why.empty()) note(why);
            } else if (rec.type == kNbnsTypeNb && opcode == 0) {
                // A name server may answer for other hosts: only an answer carrying the sender's
                // own address names the sender.
                std::optional<IpAddress> own;
                bool group = read_nb_entries(rec, meta, own);
                if (!own) continue;
                facts.own_ipv4 = own;
                if (auto name = decode(rec.name, "answer")) facts.own(*name, group);
            }
        }
    }
    facts.emit(out);
    return problem;
}

// The DNS-SD service types the prober browses for: makers that announce their cameras only over
// DNS-SD. Axis: AXIS IP Utility asks for these three (a capture of two AXIS M2026-LE Mk II,
// https://bookstack.bluecrow.net/books/application-and-device-behaviors/page/axis-cameras/revisions/161/changes;
// julienblitte/UniversalScanner@1be6e8be:UniversalScanner/Axis.cs browses _axis-nvr and
// _axis-video). research/vendor-discovery.md §1.1.
constexpr std::string_view kBrowsedServiceTypes[] = {"_axis-video._tcp.local", "_axis-nvr._tcp.local", "_axis-bwsc._tcp.local"};

// One standard query with a PTR question per service type, nothing else: ID 0, no flags, no
// answers, no authority or additional records, class IN with the unicast-response bit clear
// (multicast answers, RFC 6762 §5.4). Responders answer with the instances they own; a question
// changes nothing on them.
std::vector<std::uint8_t> build_mdns_browse(const RequestContext&) { return dns_ptr_query(kBrowsedServiceTypes); }

constexpr std::uint16_t kDnsPorts[] = {53};
constexpr std::uint16_t kMdnsPorts[] = {5353};
constexpr std::uint16_t kLlmnrPorts[] = {5355};
constexpr std::uint16_t kNbnsPorts[] = {137};

// A DNS header's flags: any opcode, QR either way; the port decides.
bool looks_like_dns_header(Bytes first) { return first.size() >= 12; }

// The DNS family: one message format on four port sets, told apart by the port.
constexpr ProtocolDescriptor dns_family(std::string_view name, std::span<const std::uint16_t> ports, EvidenceTier tier,
                                        ParseState (*fields_of)(Bytes, const MessageMeta&, MessageFields&), std::string_view summary,
                                        std::vector<std::uint8_t> (*build_request)(const RequestContext&) = nullptr) {
    return protocol_named(name, {.ports = ports, .tier = tier, .looks_like = by_content<looks_like_dns_header>, .fields_of = fields_of,
                                 .build_request = build_request, .summary = summary});
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor mdns = dns_family("mdns", kMdnsPorts, EvidenceTier::banner, fields_of_reader<read_mdns>,
                                                  "Multicast DNS and DNS-SD: names, services and TXT records a host claims",
                                                  build_mdns_browse);
extern const ProtocolDescriptor llmnr =
    dns_family("llmnr", kLlmnrPorts, EvidenceTier::banner, fields_of_reader<read_llmnr>, "LLMNR: names a host asks for and answers for");
extern const ProtocolDescriptor nbns = dns_family("nbns", kNbnsPorts, EvidenceTier::banner, fields_of_reader<read_nbns>,
                                                  "NetBIOS name service: registrations, answers and node status");
extern const ProtocolDescriptor dns = dns_family("dns", kDnsPorts, EvidenceTier::network, fields_of_reader<read_dns>,
                                                 "DNS queries: the names a device resolves (vendor clouds)");
}  // namespace protocols

}  // namespace camsweep
