// SSDP (UPnP discovery, UDP 1900): NOTIFY announcements, M-SEARCH queries and their responses.
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dissector.hpp"
#include "camsweep/dissect/parsers.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxHeaders = 64;

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

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
        msg.headers.emplace_back(upper(trim(line.substr(0, colon)).substr(0, 64)),
                                 bounded_text(line.substr(colon + 1)));
    }
    return msg;
}

std::string dissect_ssdp(const DecodedPacket& packet, Observation& obs) {
    auto ssdp = parse_ssdp(as_text(packet.payload));
    if (!ssdp) return ssdp.error();
    obs.add("ssdp.method", ssdp->method);
    static constexpr std::pair<std::string_view, std::string_view> kHeaders[] = {
        {"SERVER", "ssdp.server"}, {"LOCATION", "ssdp.location"}, {"NT", "ssdp.nt"},
        {"ST", "ssdp.st"},         {"USN", "ssdp.usn"},           {"USER-AGENT", "ssdp.user_agent"}};
    for (auto [header, key] : kHeaders)
        if (auto v = ssdp->header(header)) obs.add(std::string(key), std::string(*v));
    // A device's USN starts with its UDN: "uuid:<uuid>[::<type>]". Queries carry no identity.
    if (ssdp->method != "M-SEARCH") {
        if (auto usn = ssdp->header("USN"); usn && istarts_with(*usn, "uuid:")) {
            std::string_view id = usn->substr(5);
            id = id.substr(0, id.find("::"));
            if (!id.empty()) obs.add("id.uuid", to_lower(id));
        }
    }
    return {};
}

}  // namespace camsweep
