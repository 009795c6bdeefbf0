#pragma once
// What the prober sends over TCP and how it knows a reply is whole: pure text builders and
// checks, kept apart from the socket code so each is tested on its own. Every request is
// read-only and carries no credentials (docs/scan.md "What is never sent").
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "camsweep/core/address.hpp"
#include "camsweep/dissect/http.hpp"

namespace camsweep::scan {

// The User-Agent of every HTTP and RTSP request: an administrator reading a device's log sees
// who asked.
inline constexpr std::string_view kUserAgent = "camsweep/" CAMSWEEP_VERSION " (read-only inventory scan)";

// How a reply ends: an HTTP/RTSP message (head, then a body by Content-Length, chunks or the
// peer's close), a TLS server flight (up to the certificate or ServerHelloDone), or nothing is
// read (the port is only checked).
enum class ReplyKind : std::uint8_t { message, tls, none };

struct FirstRequest {
    ReplyKind kind = ReplyKind::message;
    std::string_view label;  // "HTTP GET /", "RTSP OPTIONS", "TLS ClientHello", "connect"
    std::string bytes;       // empty: connect only
};

// What is asked first on an open port: RTSP OPTIONS on RTSP ports (554, 8554, 10554), a TLS 1.2
// ClientHello on HTTPS ports (443, 8443), nothing on the vendors' binary service ports (Dahua
// 37777, XiongMai 34567: their protocols start with a login), HTTP GET / elsewhere.
FirstRequest first_request(const IpAddress& host, std::uint16_t port);
// One line per port for --dry-run and docs/scan.md.
std::string follow_up_description(std::uint16_t port);

// "host:port" for a Host header or a URL, IPv6 in brackets.
std::string host_and_port(const IpAddress& host, std::uint16_t port);
std::string http_get(const IpAddress& host, std::uint16_t port, std::string_view path);
// A POST of `envelope` (an ONVIF SOAP request) to `path`.
std::string soap_post(const IpAddress& host, std::uint16_t port, std::string_view path, std::string_view content_type,
                      std::string_view envelope);
// OPTIONS or DESCRIBE of rtsp://host:port/ (no credentials, so a camera answers 401 with its
// realm and Server, or 200 with its SDP).
std::string rtsp_request(std::string_view method, const IpAddress& host, std::uint16_t port, int cseq);

// An http:// URL a device announced (SSDP LOCATION, a WS-Discovery XAddr) whose host is an
// address literal: the prober follows it only when that address is in the scope, and never
// resolves names.
struct HttpUrl {
    IpAddress host;
    std::uint16_t port = 80;
    std::string path = "/";  // with the query, as sent
};
std::optional<HttpUrl> parse_http_url(std::string_view url);

// True when `bytes` hold a whole reply of this kind (a prefix of a longer one is not whole).
bool reply_complete(ReplyKind kind, std::string_view bytes);
// The body of a complete HTTP/RTSP message: by Content-Length, de-chunked, or the rest; at most
// `limit` bytes (a chunk size beyond what was read ends it).
std::string message_body(const MessageHead& head, std::string_view message, std::size_t limit = 256 * 1024);
// A SOAP reply (an ONVIF service, also when it is a fault): a soap Content-Type or an Envelope.
bool looks_like_soap(const MessageHead& head, std::string_view message);

}  // namespace camsweep::scan
