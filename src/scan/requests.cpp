#include "camsweep/scan/requests.hpp"

#include <algorithm>
#include <charconv>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_http.hpp"

namespace camsweep::scan {
namespace {

bool is_rtsp_port(std::uint16_t port) { return port == 554 || port == 8554 || port == 10554; }
bool is_tls_port(std::uint16_t port) { return port == 443 || port == 8443; }
// Binary services whose first message is a login: nothing is sent, the open port is the finding.
bool is_login_port(std::uint16_t port) { return port == 37777 || port == 34567; }

std::optional<std::size_t> content_length(const MessageHead& head) {
    auto value = head.header("Content-Length");
    if (!value) return std::nullopt;
    std::string_view text = trim(*value);
    std::size_t length = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), length);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return length;
}

bool is_chunked(const MessageHead& head) {
    auto value = head.header("Transfer-Encoding");
    return value && to_lower(*value).find("chunked") != std::string::npos;
}

// A response that has no body whatever its headers say (RFC 9112 §6.3).
bool bodiless(const MessageHead& head) {
    return head.kind == MessageKind::response && ((head.status >= 100 && head.status < 200) || head.status == 204 || head.status == 304);
}

// Walks the chunks of `body`; appends their data to `out` (when given) up to `limit` bytes.
// Returns true when the last chunk (size 0) and its blank line were read.
bool walk_chunks(std::string_view body, std::string* out, std::size_t limit) {
    std::size_t at = 0;
    for (;;) {
        const std::size_t line_end = body.find("\r\n", at);
        if (line_end == std::string_view::npos) return false;
        std::string_view size_text = body.substr(at, line_end - at);
        size_text = size_text.substr(0, size_text.find(';'));  // chunk extensions
        size_text = trim(size_text);
        std::size_t size = 0;
        auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
        if (ec != std::errc{} || end != size_text.data() + size_text.size()) return false;
        at = line_end + 2;
        if (size == 0) return body.find("\r\n", at) != std::string_view::npos;  // trailers end in a blank line
        if (size > body.size() - at) {
            if (out) out->append(body.substr(at, std::min(body.size() - at, limit - std::min(limit, out->size()))));
            return false;
        }
        if (out) out->append(body.substr(at, std::min(size, limit - std::min(limit, out->size()))));
        at += size;
        if (body.substr(at, 2) != "\r\n") return false;
        at += 2;
    }
}

}  // namespace

std::string host_and_port(const IpAddress& host, std::uint16_t port) {
    const std::string address = host.family == IpAddress::Family::v6 ? "[" + host.to_string() + "]" : host.to_string();
    return address + ":" + std::to_string(port);
}

std::string http_get(const IpAddress& host, std::uint16_t port, std::string_view path) {
    return "GET " + std::string(path) + " HTTP/1.1\r\nHost: " + host_and_port(host, port) + "\r\nUser-Agent: " + std::string(kUserAgent) +
           "\r\nAccept: */*\r\nConnection: close\r\n\r\n";
}

std::string http_post(const IpAddress& host, std::uint16_t port, std::string_view path, std::string_view content_type,
                      std::string_view body) {
    return "POST " + std::string(path) + " HTTP/1.1\r\nHost: " + host_and_port(host, port) + "\r\nUser-Agent: " + std::string(kUserAgent) +
           "\r\nContent-Type: " + std::string(content_type) + "\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\nConnection: close\r\n\r\n" + std::string(body);
}

namespace {

// "IP Camera(C2183)": Hikvision's ISAPI and RTSP Digest realm (research/protocols-active.md §1.3, §1.7.1).
bool hikvision_realm(std::string_view realm) {
    if (iequals(realm, "hikvision")) return true;
    constexpr std::string_view kPrefix = "IP Camera(";
    if (!realm.starts_with(kPrefix) || realm.size() != kPrefix.size() + 6 || realm.back() != ')') return false;
    return std::all_of(realm.begin() + static_cast<std::ptrdiff_t>(kPrefix.size()), realm.end() - 1,
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
}

// "Login to 4M0747EPAA1D284", "Login to edbba66a86f75696d122e195153df0a2": Dahua's realm (§1.3, §1.7.2).
bool dahua_realm(std::string_view realm) {
    constexpr std::string_view kPrefix = "Login to ";
    if (!realm.starts_with(kPrefix) || realm.size() < kPrefix.size() + 8 || realm.size() > kPrefix.size() + 32) return false;
    return std::all_of(realm.begin() + static_cast<std::ptrdiff_t>(kPrefix.size()), realm.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'f'); });
}

void set_hint(std::string& hint, std::string why) {
    if (hint.empty()) hint = std::move(why);
}

}  // namespace

void note_vendor_hints(std::string_view protocol, const FieldList& fields, VendorHints& hints) {
    if (protocol == "sadp") set_hint(hints.hikvision, "SADP answered");
    if (protocol == "dhip" || protocol == "dahua5050") set_hint(hints.dahua, std::string(protocol == "dhip" ? "DHIP" : "the 5050 search") + " answered");
    static constexpr std::string_view kHikvisionServers[] = {"App-webs/", "Hikvision-Webs", "DNVRS-Webs", "DVRDVS-Webs"};
    for (const auto& field : fields) {
        if (field.key == "http.server" &&
            std::any_of(std::begin(kHikvisionServers), std::end(kHikvisionServers), [&](std::string_view s) { return iequals(field.value, s); }))
            set_hint(hints.hikvision, "Server: " + field.value);
        if (field.key != "http.realm" && field.key != "rtsp.realm") continue;
        if (hikvision_realm(field.value)) set_hint(hints.hikvision, field.key + " " + field.value);
        if (dahua_realm(field.value)) set_hint(hints.dahua, field.key + " " + field.value);
    }
}

void note_page_hints(std::string_view body, VendorHints& hints) {
    body = body.substr(0, 256 * 1024);
    auto has = [&](std::string_view needle) { return body.find(needle) != std::string_view::npos; };
    if ((has("<title>WEB SERVICE</title>") && has("ui-dialog-content")) || (has("@WebVersion@") && has("t_username") && has(">Login<")) ||
        (has("ui-video-wrap-icon") && has("t_username") && has("slct_userType")))
        set_hint(hints.dahua, "Dahua web UI markers in the page");
    else if (has("/RPC2_Login"))
        set_hint(hints.dahua, "the page names /RPC2_Login");
}

std::vector<VendorRequest> vendor_requests(const VendorHints& hints, const IpAddress& host, std::uint16_t port) {
    std::vector<VendorRequest> out;
    if (!hints.hikvision.empty()) {
        out.push_back({"Hikvision GET /SDK/activateStatus", "isapi", http_get(host, port, kHikvisionActivateStatusPath)});
        out.push_back({"Hikvision GET /ISAPI/Security/sessionLogin/capabilities", "isapi",
                       http_get(host, port, kHikvisionSessionCapabilitiesPath)});
    }
    if (!hints.dahua.empty())
        out.push_back({"Dahua POST /RPC2_Login (step 1, empty password)", "rpc2",
                       http_post(host, port, kDahuaRpc2LoginPath, "application/json", kDahuaRpc2LoginStep1)});
    return out;
}

std::string rtsp_request(std::string_view method, const IpAddress& host, std::uint16_t port, int cseq) {
    std::string request = std::string(method) + " rtsp://" + host_and_port(host, port) + "/ RTSP/1.0\r\nCSeq: " + std::to_string(cseq) +
                          "\r\nUser-Agent: " + std::string(kUserAgent) + "\r\n";
    if (method == "DESCRIBE") request += "Accept: application/sdp\r\n";
    return request + "\r\n";
}

FirstRequest first_request(const IpAddress& host, std::uint16_t port) {
    if (is_login_port(port)) return {ReplyKind::none, "connect", ""};
    if (is_rtsp_port(port)) return {ReplyKind::message, "RTSP OPTIONS", rtsp_request("OPTIONS", host, port, 1)};
    if (is_tls_port(port)) {
        const ProtocolDescriptor* tls = find_protocol("tls");
        const auto hello = tls->build_request({.message_id = "camsweep-tls-hello", .target = host, .target_port = port});
        return {ReplyKind::tls, "TLS ClientHello", std::string(hello.begin(), hello.end())};
    }
    return {ReplyKind::message, "HTTP GET /", http_get(host, port, "/")};
}

std::string follow_up_description(std::uint16_t port) {
    if (is_login_port(port)) return "connect only (a vendor login service: nothing is sent)";
    if (is_rtsp_port(port)) return "RTSP OPTIONS, then DESCRIBE rtsp://host:port/ (no credentials)";
    if (is_tls_port(port))
        return "TLS 1.2 ClientHello, read the server certificate, close; when a TLS server answered, HTTPS GET / and "
               "GET /favicon.ico over a real handshake (no certificate verification, no SNI, no credentials)";
    return "HTTP GET /; when it answers HTTP, GET /favicon.ico (on two ports per host at most), ONVIF "
           "GetSystemDateAndTime, GetCapabilities, GetServices and GetDeviceInformation on /onvif/device_service, and the "
           "vendor endpoints the host's answers call for (Hikvision activateStatus and sessionLogin capabilities, Dahua "
           "RPC2_Login step 1 with an empty password; no credentials)";
}

std::optional<HttpUrl> parse_http_url(std::string_view url) {
    url = trim(url);
    if (!istarts_with(url, "http://")) return std::nullopt;
    url.remove_prefix(7);
    const std::size_t path_start = std::min(url.find('/'), url.size());
    std::string_view authority = url.substr(0, path_start);
    if (authority.find('@') != std::string_view::npos) return std::nullopt;  // user info: never sent anywhere
    HttpUrl out;
    out.path = path_start < url.size() ? std::string(url.substr(path_start)) : "/";
    std::string_view host_text = authority, port_text;
    if (authority.starts_with('[')) {  // [IPv6]:port
        const std::size_t close = authority.find(']');
        if (close == std::string_view::npos) return std::nullopt;
        host_text = authority.substr(1, close - 1);
        if (authority.size() > close + 1) {
            if (authority[close + 1] != ':') return std::nullopt;
            port_text = authority.substr(close + 2);
        }
        if (auto zone = host_text.find('%'); zone != std::string_view::npos) host_text = host_text.substr(0, zone);
    } else if (const std::size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
        host_text = authority.substr(0, colon);
        port_text = authority.substr(colon + 1);
    }
    auto host = IpAddress::parse(host_text);
    if (!host) return std::nullopt;
    out.host = *host;
    if (!port_text.empty()) {
        unsigned port = 0;
        auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
        if (ec != std::errc{} || end != port_text.data() + port_text.size() || port == 0 || port > 65535) return std::nullopt;
        out.port = static_cast<std::uint16_t>(port);
    }
    if (out.path.size() > 1024 || out.path.find_first_of("\r\n ") != std::string::npos) return std::nullopt;
    return out;
}

bool reply_complete(ReplyKind kind, std::string_view bytes) {
    switch (kind) {
    case ReplyKind::none:
        return true;
    case ReplyKind::tls: {
        MessageMeta meta;
        meta.from_client = false;
        meta.final = false;
        MessageFields fields;
        return find_protocol("tls")->fields_of(as_bytes(bytes), meta, fields) != ParseState::incomplete;
    }
    case ReplyKind::message:
        break;
    }
    const MessageHead head = parse_message_head(bytes);
    if (head.state == ParseState::invalid) return true;  // nothing more will make it readable
    if (head.state == ParseState::incomplete) return false;
    if (bodiless(head)) return true;
    const std::string_view body = bytes.substr(head.head_length);
    if (auto length = content_length(head)) return body.size() >= *length;
    if (is_chunked(head)) return walk_chunks(body, nullptr, 0);
    return head.is_rtsp();  // an RTSP message without Content-Length has no body; HTTP reads to close
}

std::string message_body(const MessageHead& head, std::string_view message, std::size_t limit) {
    if (head.state != ParseState::complete || bodiless(head)) return {};
    std::string_view body = message.substr(std::min(head.head_length, message.size()));
    if (is_chunked(head)) {
        std::string out;
        walk_chunks(body, &out, limit);
        return out;
    }
    if (auto length = content_length(head)) body = body.substr(0, *length);
    return std::string(body.substr(0, limit));
}

bool looks_like_soap(const MessageHead& head, std::string_view message) {
    if (auto type = head.header("Content-Type"); type && to_lower(*type).find("soap") != std::string::npos) return true;
    const std::string_view body = message.substr(std::min(head.head_length, message.size()));
    return body.substr(0, 1024).find("Envelope") != std::string_view::npos;
}

}  // namespace camsweep::scan
