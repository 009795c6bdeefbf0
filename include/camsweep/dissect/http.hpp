#pragma once
// HTTP/1.x and RTSP/1.0 message heads over TCP streams (research/protocols-active.md §1.3, §1.7;
// protocols-passive.md §2.9). The parsers are pure: the passive stream dissectors below and the
// (later) active prober call the same functions on the bytes they have.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"

namespace camsweep {

// A head (start line, header lines and the blank line) longer than this is refused: a peer
// cannot make the parser scan or keep more than 16 KiB per message.
inline constexpr std::size_t kMaxMessageHeadBytes = 16 * 1024;
// Header lines kept per message; later ones are counted in `dropped_lines` but not stored.
inline constexpr std::size_t kMaxMessageHeaders = 100;
// Body bytes a response's <title> is looked for in (and waited for).
inline constexpr std::size_t kTitleWindowBytes = 4 * 1024;

enum class MessageKind : std::uint8_t { request, response };

struct MessageHead {
    // complete: start line, headers and the blank line are all present; incomplete: no blank
    // line yet, and the text so far is under kMaxMessageHeadBytes; invalid: not an HTTP/RTSP
    // head, or longer than the cap (`error` says where).
    ParseState state = ParseState::incomplete;
    std::string error;  // set when invalid: what was wrong and at which offset

    MessageKind kind = MessageKind::request;
    // Request line "METHOD target VERSION"; a response's VERSION is in `version` too.
    std::string method, target, version;
    // Status line "VERSION status reason".
    int status = 0;
    std::string reason;
    // Header lines in order: names as sent (match them with header()), values bounded_text.
    std::vector<std::pair<std::string, std::string>> headers;
    std::size_t dropped_lines = 0;  // lines without a colon, bad names, headers past the limit
    // Bytes from the start of the text to just after the blank line (complete heads only):
    // where the body starts.
    std::size_t head_length = 0;

    bool is_rtsp() const { return version.starts_with("RTSP/"); }
    bool is_http() const { return version.starts_with("HTTP/"); }
    // The first header with this name, compared case-insensitively.
    std::optional<std::string_view> header(std::string_view name) const;
    // Every header with this name, in order (WWW-Authenticate may be sent several times).
    std::vector<std::string_view> headers_named(std::string_view name) const;
};

// Parses the head at the start of `text` (an HTTP/1.x or RTSP/1.0 request or response). Lines
// end with CRLF or a bare LF. Never reads past kMaxMessageHeadBytes of `text`.
MessageHead parse_message_head(std::string_view text);

// The realm of every challenge in one WWW-Authenticate value ("Digest qop=\"auth\",
// realm=\"IP Camera(C2183)\", nonce=...", "Basic realm=device", several challenges separated by
// commas), unquoted (backslash escapes removed) and bounded, in order.
std::vector<std::string> auth_realms(std::string_view www_authenticate);

// The text of the first <title>...</title> in `html` (case-insensitive tag names, attributes
// allowed), whitespace runs collapsed to one space and trimmed, bounded. Character references
// are decoded minimally: &amp; &lt; &gt; &quot; &apos; and numeric &#NN; / &#xNN; (to UTF-8);
// any other "&name;" is kept as it is. Nothing when no closing tag is within `html`.
std::optional<std::string> html_title(std::string_view html);

// The http and rtsp descriptors (dissect/protocol.hpp) read a direction starting with an HTTP
// method and a space or "HTTP/1.", or an RTSP method whose request line names RTSP/1.0 or an
// rtsp:// URL, or "RTSP/1." (docs/fields.md). Responses describe the server (their sender):
// http.status, http.server, http.realm, http.title; rtsp.server, rtsp.realm, rtsp.public.
// Requests describe the client: http.user_agent, http.host; rtsp.user_agent. On `incomplete`
// the fields of the head read so far are there, in case the flow ends before the wait is over.

}  // namespace camsweep
