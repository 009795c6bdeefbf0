// SSDP (UPnP discovery, UDP 1900): NOTIFY announcements, M-SEARCH queries and their responses.
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/parsers.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxHeaders = 64;

}  // namespace

std::optional<std::string_view> SsdpMessage::header(std::string_view upper_name) const {
    for (const auto& [k, v] : headers)
        if (k == upper_name) return std::string_view(v);
    return std::nullopt;
}

Parsed<SsdpMessage> parse_ssdp(std::string_view text) {
    SsdpMessage msg;
    auto line_end = text.find('\n');
    std::string_view first = trim(text.substr(0, line_end));
    if (istarts_with(first, "NOTIFY ")) msg.method = "NOTIFY";
    else if (istarts_with(first, "M-SEARCH ")) msg.method = "M-SEARCH";
    else if (istarts_with(first, "HTTP/1.")) msg.method = "RESPONSE";
    else return Parsed<SsdpMessage>::failure("SSDP start line is not NOTIFY, M-SEARCH or an HTTP status");
    while (line_end != std::string_view::npos && msg.headers.size() < kMaxHeaders) {
        text.remove_prefix(line_end + 1);
        line_end = text.find('\n');
        std::string_view line = trim(text.substr(0, line_end));
        if (line.empty()) break;  // end of headers
        auto colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) continue;  // tolerate junk lines
        msg.headers.emplace_back(to_upper(trim(line.substr(0, colon)).substr(0, 64)),
                                 bounded_text(line.substr(colon + 1)));
    }
    return msg;
}

namespace {

ParseState ssdp_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    auto ssdp = parse_ssdp(as_text(message));
    if (!ssdp) return out.invalid(ssdp.error());
    out.add("ssdp.method", ssdp->method);
    static constexpr std::pair<std::string_view, std::string_view> kHeaders[] = {
        {"SERVER", "ssdp.server"}, {"LOCATION", "ssdp.location"}, {"NT", "ssdp.nt"},
        {"ST", "ssdp.st"},         {"USN", "ssdp.usn"},           {"USER-AGENT", "ssdp.user_agent"}};
    for (auto [header, key] : kHeaders)
        if (auto v = ssdp->header(header)) out.add(std::string(key), std::string(*v));
    static constexpr std::string_view kNamedHeaders[] = {"server", "location", "nt", "st", "usn", "user-agent"};
    add_header_fields(ssdp->headers, "ssdp", kNamedHeaders, out);
    // A device's USN starts with its UDN: "uuid:<uuid>[::<type>]". Queries carry no identity.
    if (ssdp->method != "M-SEARCH") {
        if (auto usn = ssdp->header("USN"); usn && istarts_with(*usn, "uuid:")) {
            std::string_view id = usn->substr(5);
            id = id.substr(0, id.find("::"));
            if (!id.empty()) out.add("id.uuid", to_lower(id));
        }
    }
    return ParseState::complete;
}

bool looks_like_ssdp(Bytes first) {
    std::string_view text = as_text(first);
    return istarts_with(text, "NOTIFY ") || istarts_with(text, "M-SEARCH ") || istarts_with(text, "HTTP/1.");
}

// The M-SEARCH of nmap-service-probes UPNP_MSEARCH (research/protocols-active.md §1.2): every
// root device and service answers "ssdp:all". Unicast searches name the target in Host.
std::vector<std::uint8_t> build_msearch(const RequestContext& context) {
    std::string host = "239.255.255.250:1900";
    if (context.target) {
        std::string address = context.target->to_string();
        if (context.target->family == IpAddress::Family::v6) address = "[" + address + "]";
        host = address + ":" + std::to_string(context.target_port ? context.target_port : 1900);
    }
    std::string text = "M-SEARCH * HTTP/1.1\r\nHost: " + host + "\r\nMan: \"ssdp:discover\"\r\nMX: 5\r\nST: ssdp:all\r\n\r\n";
    return {text.begin(), text.end()};
}

constexpr std::uint16_t kPorts[] = {1900};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor ssdp = protocol_named(
    "ssdp", {.ports = kPorts, .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_ssdp>, .fields_of = ssdp_fields_of,
             .build_request = build_msearch, .summary = "UPnP discovery: NOTIFY, M-SEARCH and its responses"});
}  // namespace protocols

}  // namespace camsweep
