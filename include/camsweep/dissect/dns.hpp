#pragma once
// The DNS message format (RFC 1035) and the protocols that reuse it: unicast DNS (UDP 53),
// multicast DNS / DNS-SD (RFC 6762/6763, UDP 5353), LLMNR (RFC 4795, UDP 5355) and the NetBIOS
// name service (RFC 1002, UDP 137). One pure parser serves all four; the dissectors differ only
// in which names they attribute to the sender.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"

namespace camsweep {

// Bounds against hostile messages: a name's wire form is at most 255 bytes (RFC 1035 §3.1) and
// at most this many questions plus records are read from one message, whatever its header claims.
inline constexpr std::size_t kDnsMaxNameWireLength = 255;
inline constexpr std::size_t kDnsMaxEntries = 128;
// TXT strings kept per record (each is at most 255 bytes on the wire).
inline constexpr std::size_t kDnsMaxTxtStrings = 64;

inline constexpr std::uint16_t kDnsTypeA = 1;
inline constexpr std::uint16_t kDnsTypePtr = 12;
inline constexpr std::uint16_t kDnsTypeTxt = 16;
inline constexpr std::uint16_t kDnsTypeAaaa = 28;
inline constexpr std::uint16_t kDnsTypeSrv = 33;
inline constexpr std::uint16_t kDnsTypeAny = 255;
// NetBIOS reuses the numbering with its own meanings: 0x21 is NBSTAT there, not SRV.
inline constexpr std::uint16_t kNbnsTypeNb = 0x20;
inline constexpr std::uint16_t kNbnsTypeNbstat = 0x21;

// Which protocol's record types the parser decodes.
enum class DnsDialect : std::uint8_t { dns, netbios };

enum class DnsSection : std::uint8_t { answer, authority, additional };

struct DnsQuestion {
    std::string name;  // dotted, no trailing dot, labels kept byte for byte ("" is the root)
    std::uint16_t type = 0;
    std::uint16_t klass = 0;          // without the mDNS unicast-response bit
    bool unicast_response = false;    // mDNS "QU" bit (top bit of the class)
};

struct DnsRecord {
    DnsSection section = DnsSection::answer;
    std::string name;
    std::uint16_t type = 0;
    std::uint16_t klass = 0;          // without the mDNS cache-flush bit
    bool cache_flush = false;
    std::uint32_t ttl = 0;
    std::size_t rdata_offset = 0;     // in the message
    Bytes rdata;                      // points into the parsed bytes
    // Decoded RDATA, by type (dialect dns): A/AAAA -> address; PTR -> target; SRV -> target,
    // priority, weight, port; TXT -> texts (zero-length strings dropped).
    std::optional<IpAddress> address;
    std::string target;
    std::uint16_t priority = 0, weight = 0, port = 0;
    std::vector<std::string> texts;
};

struct DnsMessage {
    std::uint16_t id = 0;
    std::uint16_t flags = 0;
    std::uint16_t question_count = 0, answer_count = 0, authority_count = 0, additional_count = 0;  // as claimed
    std::vector<DnsQuestion> questions;
    std::vector<DnsRecord> records;  // answers, then authority, then additional records
    // Empty when the whole message was read. Otherwise the first problem (naming the offset or
    // record); what was read before it stays in `questions` and `records`.
    std::string problem;

    bool is_response() const { return (flags & 0x8000) != 0; }
    std::uint8_t opcode() const { return static_cast<std::uint8_t>((flags >> 11) & 0x0f); }
    std::uint8_t rcode() const { return static_cast<std::uint8_t>(flags & 0x0f); }
};

// Fails only when the 12-byte header is missing; later problems go to DnsMessage::problem.
Parsed<DnsMessage> parse_dns(Bytes message, DnsDialect dialect = DnsDialect::dns);

// Reads the (possibly compressed) name at `offset` in `message` and moves `offset` past it.
// Compression pointers must point strictly before the name (and each further pointer before the
// previous target), which rules out loops and forward pointers; labels above 63 bytes and names
// above 255 wire bytes fail.
Parsed<std::string> read_dns_name(Bytes message, std::size_t& offset);

// A name in DNS wire format with no compression, as in DHCP FQDN options; a name without the
// terminating zero label (a partial name, RFC 4704 §4.1) is accepted.
Parsed<std::string> read_uncompressed_dns_name(Bytes data);

// DNS-SD naming (RFC 6763 §4.1): "<Instance>.<_service>.<_tcp|_udp>.<domain>".
struct DnsSdName {
    std::string_view instance;      // "D-Link HNAP Service" (may be empty)
    std::string_view service_type;  // "_dhnap._tcp.local"
    bool is_dns_sd = false;         // "<_x>.<_tcp|_udp>" was found (service_type may still be
                                    // empty: enumeration names under "_dns-sd._udp")
};
// Subtypes ("_printer._sub._http._tcp.local") yield the base service type and no instance;
// the enumeration name "_services._dns-sd._udp.local" yields nothing.
DnsSdName split_dns_sd_name(std::string_view name);

// A standard query (ID 0, no flags) holding one PTR question of class IN per name and nothing
// else: a DNS-SD browse for service types over mDNS (RFC 6763 §4.1). Names are dotted, without a
// trailing dot; names with an empty label, a label above 63 bytes or above 255 wire bytes are
// left out.
std::vector<std::uint8_t> dns_ptr_query(std::span<const std::string_view> names);

// The NetBIOS first-level encoding (RFC 1001 §14.1): 32 letters 'A'..'P' carry 16 bytes, the
// 15-byte name (space padded) and a suffix type byte.
struct NetbiosName {
    std::string name;  // trailing spaces and NULs trimmed, bytes kept as they are
    std::uint8_t suffix = 0;
};
// `encoded` is the whole dotted name; a scope ID after the first label is ignored.
std::optional<NetbiosName> decode_netbios_name(std::string_view encoded);

}  // namespace camsweep
