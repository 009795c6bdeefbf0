// HTTP/1.x and RTSP/1.0 over TCP streams: the message head parser shared by both, the realm and
// <title> extractors, and the two stream dissectors (research/protocols-active.md §1.3, §1.7).
#include "camsweep/dissect/http.hpp"
#include "camsweep/dissect/protocol.hpp"

#include <algorithm>
#include <span>

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kMaxHeaderNameLength = 64;
constexpr std::size_t kMaxMethodLength = 32;
// An RTSP server direction is read for at most this many responses: the OPTIONS reply (Public)
// and the DESCRIBE reply that carries the realm.
constexpr std::size_t kMaxRtspResponses = 2;
// An OPTIONS reply with a body larger than this is not skipped to reach the next response.
constexpr std::size_t kMaxSkippedRtspBody = 64 * 1024;

constexpr std::string_view kHttpMethods[] = {
    "GET",      "HEAD",      "POST",  "PUT",  "DELETE", "CONNECT",   "OPTIONS",     "TRACE",  "PATCH",
    "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE",   "LOCK",      "UNLOCK",      "REPORT", "SEARCH",
    "NOTIFY",   "SUBSCRIBE", "UNSUBSCRIBE",   "M-SEARCH", "M-POST",
};
constexpr std::string_view kRtspMethods[] = {
    "OPTIONS", "DESCRIBE", "ANNOUNCE", "SETUP", "PLAY", "PAUSE", "RECORD", "TEARDOWN", "GET_PARAMETER", "SET_PARAMETER",
    "REDIRECT",
};

bool is_tchar(char c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
    return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_control(char c) {
    auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && b != '\t') || b == 0x7f;
}

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::string hex_byte(char c) { return hex_literal(static_cast<unsigned char>(c), 2); }

// "HTTP/1.1", "RTSP/1.0": a protocol name, a slash, digit.digit.
bool valid_version(std::string_view v) {
    if (v.size() != 8 || !(v.starts_with("HTTP/") || v.starts_with("RTSP/"))) return false;
    return v[5] >= '0' && v[5] <= '9' && v[6] == '.' && v[7] >= '0' && v[7] <= '9';
}

bool contains(std::span<const std::string_view> list, std::string_view s) {
    return std::find(list.begin(), list.end(), s) != list.end();
}

// Case-insensitive search for an ASCII needle.
std::size_t ifind(std::string_view hay, std::string_view needle, std::size_t from = 0) {
    if (needle.empty() || hay.size() < needle.size()) return std::string_view::npos;
    for (std::size_t i = from; i + needle.size() <= hay.size(); ++i)
        if (iequals(hay.substr(i, needle.size()), needle)) return i;
    return std::string_view::npos;
}

MessageHead invalid_head(MessageHead head, std::string why) {
    head.state = ParseState::invalid;
    head.error = std::move(why);
    return head;
}

// Fills the start-line parts; returns "" or what was wrong.
std::string parse_start_line(std::string_view line, MessageHead& head) {
    if (line.starts_with("HTTP/") || line.starts_with("RTSP/")) {
        head.kind = MessageKind::response;
        auto sp = line.find(' ');
        std::string_view version = line.substr(0, sp);
        if (!valid_version(version))
            return "status line at offset 0: version \"" + bounded_text(version, 32) + "\" is not HTTP/d.d or RTSP/d.d";
        head.version = std::string(version);
        if (sp == std::string_view::npos) return "status line at offset 0: no status code after the version";
        std::string_view rest = line.substr(sp + 1);
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        std::size_t status_offset = line.size() - rest.size();
        if (rest.size() < 3 || !std::all_of(rest.begin(), rest.begin() + 3, [](char c) { return c >= '0' && c <= '9'; }) ||
            (rest.size() > 3 && rest[3] != ' '))
            return "status line at offset " + std::to_string(status_offset) + ": status code is not three digits";
        head.status = (rest[0] - '0') * 100 + (rest[1] - '0') * 10 + (rest[2] - '0');
        head.reason = bounded_text(rest.substr(3));
        return {};
    }
    head.kind = MessageKind::request;
    auto first = line.find(' ');
    auto last = line.rfind(' ');
    if (first == std::string_view::npos || first == last)
        return "request line at offset 0: not \"METHOD target VERSION\"";
    std::string_view method = line.substr(0, first);
    if (method.empty() || method.size() > kMaxMethodLength || !std::all_of(method.begin(), method.end(), is_tchar))
        return "request line at offset 0: method \"" + bounded_text(method, 32) + "\" is not a token";
    std::string_view version = line.substr(last + 1);
    if (!valid_version(version))
        return "request line at offset " + std::to_string(last + 1) + ": version \"" + bounded_text(version, 32) +
               "\" is not HTTP/d.d or RTSP/d.d";
    std::string_view target = trim(line.substr(first + 1, last - first - 1));
    if (target.empty()) return "request line at offset " + std::to_string(first + 1) + ": empty target";
    head.method = std::string(method);
    head.target = bounded_text(target);
    head.version = std::string(version);
    return {};
}

// One header line (without its line end). `last_kept` says whether the previous line was stored,
// for obsolete folded continuation lines.
void add_header_line(std::string_view line, MessageHead& head, bool& last_kept) {
    if (is_space(line.front())) {  // obs-fold: continues the previous value
        if (!last_kept) {
            ++head.dropped_lines;
            return;
        }
        std::string& value = head.headers.back().second;
        std::string more = bounded_text(line);
        if (!more.empty() && value.size() < kMaxFieldLength) {
            if (!value.empty()) value += ' ';
            value += more;
            if (value.size() > kMaxFieldLength) value.resize(kMaxFieldLength);
        }
        return;
    }
    last_kept = false;
    auto colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        ++head.dropped_lines;
        return;
    }
    std::string_view name = line.substr(0, colon);
    while (!name.empty() && is_space(name.back())) name.remove_suffix(1);  // "Server :" (lenient)
    if (name.empty() || name.size() > kMaxHeaderNameLength || !std::all_of(name.begin(), name.end(), is_tchar) ||
        head.headers.size() >= kMaxMessageHeaders) {
        ++head.dropped_lines;
        return;
    }
    head.headers.emplace_back(std::string(name), bounded_text(line.substr(colon + 1)));
    last_kept = true;
}

std::optional<std::size_t> content_length(const MessageHead& head) {
    auto v = head.header("Content-Length");
    if (!v) return std::nullopt;
    std::string_view digits = trim(*v);
    if (digits.empty() || digits.size() > 12 || !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    std::size_t n = 0;
    for (char c : digits) n = n * 10 + static_cast<std::size_t>(c - '0');
    return n;
}


// The character a reference "&name;" stands for (name without & and ;), or false to keep it.
bool decode_reference(std::string_view name, std::string& out) {
    static constexpr std::pair<std::string_view, char> kNamed[] = {
        {"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    for (auto [n, c] : kNamed)
        if (name == n) {
            out += c;
            return true;
        }
    if (name.size() < 2 || name[0] != '#') return false;
    bool hex = name[1] == 'x' || name[1] == 'X';
    std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty() || digits.size() > 7) return false;
    std::uint32_t cp = 0;
    for (char c : digits) {
        std::uint32_t d;
        if (c >= '0' && c <= '9') d = static_cast<std::uint32_t>(c - '0');
        else if (hex && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
        else return false;
        cp = cp * (hex ? 16 : 10) + d;
    }
    if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    append_utf8(out, cp);
    return true;
}

enum class StartGuess : std::uint8_t { http, rtsp, neither };

bool rtsp_port(std::uint16_t port) { return port == 554 || port == 8554 || port == 10554; }

// Which protocol a direction starting with `text` speaks, from its first line (which may be
// cut) and, for OPTIONS with no version in sight, the ports.
StartGuess guess_start(const MessageMeta& context, std::string_view text) {
    if (text.starts_with("HTTP/1.")) return StartGuess::http;
    if (text.starts_with("RTSP/1.")) return StartGuess::rtsp;
    auto sp = text.find(' ');
    if (sp == std::string_view::npos || sp == 0 || sp > kMaxMethodLength) return StartGuess::neither;
    std::string_view method = text.substr(0, sp);
    bool http_method = contains(kHttpMethods, method);
    bool rtsp_method = contains(kRtspMethods, method);
    if (!http_method && !rtsp_method) return StartGuess::neither;
    auto eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    if (line.ends_with('\r')) line.remove_suffix(1);
    auto by_version = [&](std::string_view version) {
        if (version.starts_with("RTSP/")) return rtsp_method ? StartGuess::rtsp : StartGuess::neither;
        if (version.starts_with("HTTP/")) return http_method ? StartGuess::http : StartGuess::neither;
        return StartGuess::neither;
    };
    if (eol != std::string_view::npos) return by_version(line.substr(line.rfind(' ') + 1));
    // The request line is cut: look for a version or an rtsp:// target among what is there.
    if (line.find(" RTSP/") != std::string_view::npos) return by_version("RTSP/");
    if (line.find(" HTTP/") != std::string_view::npos) return by_version("HTTP/");
    std::string_view target = line.substr(sp + 1);
    if (istarts_with(target, "rtsp://") || istarts_with(target, "rtsps://") || istarts_with(target, "rtspu://"))
        return by_version("RTSP/");
    if (!http_method) return StartGuess::rtsp;
    if (!rtsp_method) return StartGuess::http;
    return rtsp_port(context.src_port) || rtsp_port(context.dst_port) ? StartGuess::rtsp : StartGuess::http;
}

void add_unique(MessageFields& obs, std::string_view key, std::string value) {
    if (value.empty()) return;
    for (const auto& f : obs.fields)
        if (f.key == key && f.value == value) return;
    obs.add(std::string(key), std::move(value));
}

void add_realms(const MessageHead& head, MessageFields& obs, std::string_view key) {
    for (auto challenge : head.headers_named("WWW-Authenticate"))
        for (auto& realm : auth_realms(challenge)) add_unique(obs, key, std::move(realm));
}

// How much of a response body the <title> is waited for: 0 when the body cannot hold one.
std::size_t title_window(const MessageHead& head, bool& chunked) {
    chunked = false;
    if ((head.status >= 100 && head.status < 200) || head.status == 204 || head.status == 304) return 0;
    if (auto type = head.header("Content-Type"); type && ifind(*type, "html") == std::string_view::npos) return 0;
    if (auto te = head.header("Transfer-Encoding"); te && ifind(*te, "chunked") != std::string_view::npos) {
        chunked = true;
        return kTitleWindowBytes;
    }
    if (auto length = content_length(head)) return std::min(*length, kTitleWindowBytes);
    return kTitleWindowBytes;  // delimited by the connection's end
}

// An XML reply body (an ONVIF SOAP reply, a UPnP description, an ISAPI document) seen on the
// wire is read whole by the registry's body readers, as the prober reads what it fetched: an
// NVR's GetDeviceInformation to its camera names the camera's maker and model. Up to this length
// (the stream keeps 16 KiB per direction, head included); 0 when the body is not such a document.
constexpr std::size_t kMaxXmlBodyBytes = 12 * 1024;

std::size_t xml_body_length(const MessageHead& head) {
    auto type = head.header("Content-Type");
    if (!type || ifind(*type, "xml") == std::string_view::npos) return 0;
    if (auto te = head.header("Transfer-Encoding"); te && ifind(*te, "chunked") != std::string_view::npos) return 0;
    auto length = content_length(head);
    return length && *length <= kMaxXmlBodyBytes ? *length : 0;
}

// Reads `body` with every body reader that recognises it (a SOAP envelope looks like ONVIF to
// the onvif reader whatever its namespace, and HNAP is SOAP too); their fields join the reply's.
void read_xml_body(Bytes body, const MessageMeta& meta, MessageFields& out) {
    static const std::vector<const ProtocolDescriptor*> readers = protocols_carried_by(Carrier::http_body);
    for (const auto* reader : readers) {
        if (!reader->looks_like || !reader->looks_like(meta, body)) continue;
        MessageFields fields;
        reader->fields_of(body, meta, fields);
        for (auto& field : fields.fields) out.add(std::move(field.key), std::move(field.value));
    }
}

// Whether a chunked body's last chunk ("0" size line) is within `body`.
// The path a server answered with content of its own: the request on this connection
// (MessageMeta::request) asked for it and the reply is a success that is not an HTML page (a web
// UI that answers every path with its page, as single-page apps do, proves nothing). Empty
// otherwise. HTTP: any 2xx (a CGI may answer 204); RTSP: a 200 to DESCRIBE, SETUP or PLAY with
// the request's CSeq (OPTIONS is answered whatever the URL).
std::string served_path(const MessageMeta& meta, const MessageHead& reply, bool rtsp) {
    if (meta.request.empty() || reply.status < 200 || reply.status > 299 || (rtsp && reply.status != 200)) return {};
    const MessageHead request = parse_message_head(meta.request);
    if (request.kind != MessageKind::request || request.target.empty()) return {};
    if (rtsp) {
        if (!request.is_rtsp() || (request.method != "DESCRIBE" && request.method != "SETUP" && request.method != "PLAY")) return {};
        auto asked = request.header("CSeq"), answered = reply.header("CSeq");
        if (!asked || !answered || trim(*asked) != trim(*answered)) return {};
    } else {
        if (!request.is_http() || (request.method != "GET" && request.method != "POST")) return {};
        auto type = reply.header("Content-Type");
        if (type && istarts_with(trim(*type), "text/html")) return {};
    }
    std::string_view path = url_path(request.target);
    return path.empty() || path == "/" ? std::string() : bounded_text(path);  // every server serves "/"
}

bool chunked_body_ends(std::string_view body) {
    if (body.starts_with("0\r\n") || body.starts_with("0\n") || body.starts_with("0;")) return true;
    return body.find("\n0\r\n") != std::string_view::npos || body.find("\n0\n") != std::string_view::npos ||
           body.find("\n0;") != std::string_view::npos;
}

}  // namespace

std::optional<std::string_view> MessageHead::header(std::string_view name) const {
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) return std::string_view(v);
    return std::nullopt;
}

std::vector<std::string_view> MessageHead::headers_named(std::string_view name) const {
    std::vector<std::string_view> out;
    for (const auto& [k, v] : headers)
        if (iequals(k, name)) out.emplace_back(v);
    return out;
}

MessageHead parse_message_head(std::string_view text) {
    MessageHead head;
    std::string_view window = text.substr(0, kMaxMessageHeadBytes);
    auto eol = window.find('\n');
    std::string_view start = window.substr(0, eol);
    // A CR is allowed only as the line end (the last byte, when the LF has not arrived yet).
    if (start.ends_with('\r')) start.remove_suffix(1);
    for (std::size_t i = 0; i < start.size(); ++i)
        if (is_control(start[i]))
            return invalid_head(std::move(head), "start line: control byte " + hex_byte(start[i]) + " at offset " + std::to_string(i));
    if (eol == std::string_view::npos) {
        if (text.size() >= kMaxMessageHeadBytes)
            return invalid_head(std::move(head), "start line: no line end within the first " + std::to_string(kMaxMessageHeadBytes) + " bytes");
        return head;  // incomplete
    }
    if (start.empty()) return invalid_head(std::move(head), "start line at offset 0 is empty");
    if (auto why = parse_start_line(start, head); !why.empty()) return invalid_head(std::move(head), why);

    bool last_kept = false;
    std::size_t pos = eol + 1;
    while (true) {
        auto next = window.find('\n', pos);
        if (next == std::string_view::npos) {
            if (text.size() >= kMaxMessageHeadBytes)
                return invalid_head(std::move(head), "head: no blank line within the first " + std::to_string(kMaxMessageHeadBytes) +
                                                         " bytes (header line at offset " + std::to_string(pos) + ")");
            return head;  // incomplete: the parts so far are filled in
        }
        std::string_view line = window.substr(pos, next - pos);
        if (line.ends_with('\r')) line.remove_suffix(1);
        if (line.empty()) {
            head.head_length = next + 1;
            head.state = ParseState::complete;
            return head;
        }
        add_header_line(line, head, last_kept);
        pos = next + 1;
    }
}

std::vector<std::string> auth_realms(std::string_view value) {
    std::vector<std::string> realms;
    value = value.substr(0, kMaxMessageHeadBytes);
    std::size_t i = 0;
    const std::size_t n = value.size();
    while (i < n) {
        while (i < n && (is_space(value[i]) || value[i] == ',')) ++i;
        std::size_t start = i;
        while (i < n && is_tchar(value[i]) && value[i] != '=') ++i;
        std::string_view name = value.substr(start, i - start);
        if (name.empty()) {  // junk (a stray quote, a token68's '=' padding): step over it
            if (i < n) ++i;
            continue;
        }
        std::size_t after_name = i;
        while (i < n && is_space(value[i])) ++i;
        if (i >= n || value[i] != '=') {
            i = after_name;  // an auth scheme ("Digest", "Basic"): its parameters follow
            continue;
        }
        ++i;
        while (i < n && is_space(value[i])) ++i;
        std::string param;
        if (i < n && value[i] == '"') {
            ++i;
            while (i < n && value[i] != '"') {
                if (value[i] == '\\' && i + 1 < n) ++i;
                if (param.size() < kMaxFieldLength) param += value[i];
                ++i;
            }
            if (i < n) ++i;  // closing quote
        } else {
            std::size_t vstart = i;
            while (i < n && value[i] != ',' && !is_space(value[i])) ++i;
            param = std::string(value.substr(vstart, i - vstart));
        }
        if (iequals(name, "realm")) realms.push_back(bounded_text(param));
    }
    return realms;
}

std::optional<std::string> html_title(std::string_view html) {
    std::size_t open = 0;
    while (true) {
        open = ifind(html, "<title", open);
        if (open == std::string_view::npos || open + 6 >= html.size()) return std::nullopt;
        char after = html[open + 6];
        if (after == '>' || after == ' ' || after == '\t' || after == '\r' || after == '\n') break;
        ++open;  // "<titlebar>" and the like
    }
    auto gt = html.find('>', open + 6);
    if (gt == std::string_view::npos) return std::nullopt;
    auto close = ifind(html, "</title", gt + 1);
    if (close == std::string_view::npos) return std::nullopt;
    std::string_view raw = html.substr(gt + 1, close - gt - 1);
    std::string out;
    bool pending_space = false;
    for (std::size_t i = 0; i < raw.size() && out.size() < kMaxFieldLength; ++i) {
        char c = raw[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f') {
            pending_space = true;
            continue;
        }
        if (pending_space && !out.empty()) out += ' ';
        pending_space = false;
        if (c == '&') {
            auto semi = raw.find(';', i + 1);
            if (semi != std::string_view::npos && semi - i <= 10 && decode_reference(raw.substr(i + 1, semi - i - 1), out)) {
                i = semi;
                continue;
            }
        }
        out += c;
    }
    return bounded_text(out);
}

namespace {

bool looks_like_http(const MessageMeta& context, Bytes first_bytes) {
    return guess_start(context, as_text(first_bytes)) == StartGuess::http;
}

bool looks_like_rtsp(const MessageMeta& context, Bytes first_bytes) {
    return guess_start(context, as_text(first_bytes)) == StartGuess::rtsp;
}

ParseState http_fields_of(Bytes prefix, const MessageMeta& meta, MessageFields& out) {
    std::string_view text = as_text(prefix);
    MessageHead head = parse_message_head(text);
    if (head.state == ParseState::incomplete) return ParseState::incomplete;
    if (head.state == ParseState::invalid) {
        return out.invalid("HTTP head: " + head.error);
    }
    if (!head.is_http()) {
        return out.invalid("HTTP head: start line names " + head.version + ", not HTTP");
    }
    static constexpr std::string_view kNamedHeaders[] = {"user-agent", "host", "server", "www-authenticate"};
    if (head.kind == MessageKind::request) {
        out.add("http.method", head.method);
        out.add("http.path", bounded_text(head.target));  // /ISAPI/..., /cgi-bin/magicBox.cgi, ...
        if (auto v = head.header("User-Agent")) out.add("http.user_agent", std::string(*v));
        if (auto v = head.header("Host")) out.add("http.host", std::string(*v));
        add_header_fields(head.headers, "http", kNamedHeaders, out);
        return ParseState::complete;
    }
    out.add("http.status", std::to_string(head.status));
    if (std::string path = served_path(meta, head, false); !path.empty()) out.add("http.served_path", std::move(path));
    if (auto v = head.header("Server")) out.add("http.server", std::string(*v));
    add_realms(head, out, "http.realm");
    add_header_fields(head.headers, "http", kNamedHeaders, out);

    if (std::size_t length = xml_body_length(head)) {
        std::string_view body = text.substr(head.head_length);
        if (body.size() < length && !meta.final) return ParseState::incomplete;
        read_xml_body(as_bytes(body.substr(0, length)), meta, out);
        return ParseState::complete;
    }
    bool chunked = false;
    std::size_t want = title_window(head, chunked);
    if (want == 0) return ParseState::complete;
    std::string_view body = text.substr(head.head_length);
    std::string_view window = body.substr(0, want);
    if (auto title = html_title(window)) {
        out.add("http.title", std::move(*title));
        return ParseState::complete;
    }
    if (body.size() >= want || (chunked && chunked_body_ends(window))) return ParseState::complete;
    return ParseState::incomplete;
}

ParseState rtsp_fields_of(Bytes prefix, const MessageMeta& meta, MessageFields& out) {
    std::string_view text = as_text(prefix);
    std::size_t pos = 0;
    for (std::size_t message = 0; message < kMaxRtspResponses; ++message) {
        std::string_view rest = text.substr(pos);
        if (message > 0 && rest.empty()) return ParseState::incomplete;
        if (message > 0 && rest.front() == '$') return ParseState::complete;  // interleaved RTP/RTCP data
        MessageHead head = parse_message_head(rest);
        if (head.state == ParseState::incomplete) return ParseState::incomplete;
        if (head.state == ParseState::invalid || !head.is_rtsp()) {
            // A later message that does not parse ends the reading; the first one is an error.
            if (message == 0)
                return out.invalid("RTSP head: " + (head.state == ParseState::invalid ? head.error : "start line names " + head.version + ", not RTSP"));
            return ParseState::complete;
        }
        static constexpr std::string_view kNamedHeaders[] = {"user-agent", "server", "public", "www-authenticate", "content-base"};
        if (head.kind == MessageKind::request) {
            if (message > 0) return ParseState::complete;
            out.add("rtsp.method", head.method);
            out.add("rtsp.url", bounded_text(head.target));  // /Streaming/Channels/..., /cam/realmonitor?..., ...
            if (auto v = head.header("User-Agent")) out.add("rtsp.user_agent", std::string(*v));
            add_header_fields(head.headers, "rtsp", kNamedHeaders, out);
            return ParseState::complete;
        }
        if (message == 0)
            if (std::string path = served_path(meta, head, true); !path.empty()) add_unique(out, "rtsp.served_path", std::move(path));
        if (auto v = head.header("Server")) add_unique(out, "rtsp.server", std::string(*v));
        if (auto v = head.header("Public")) add_unique(out, "rtsp.public", std::string(*v));
        // The stream's URL as the server itself states it in a DESCRIBE reply (RFC 2326 §12.11):
        // its path names the firmware's stream API (/Streaming/Channels/101, /cam/realmonitor).
        if (auto v = head.header("Content-Base")) {
            std::string_view path = url_path(*v);
            add_unique(out, "rtsp.served_path", bounded_text(path.empty() ? "/" : path));
        }
        // How the head is written, where values alone cannot tell (header values are trimmed):
        // Hikvision's RTSP server puts two spaces after "Date:" (research/protocols-active.md §1.3).
        if (rest.substr(0, head.head_length).find("\nDate:  ") != std::string_view::npos) add_unique(out, "rtsp.quirk", "date-two-spaces");
        add_realms(head, out, "rtsp.realm");
        if (message == 0) add_header_fields(head.headers, "rtsp", kNamedHeaders, out);
        // Only an OPTIONS reply (Public, no challenge) is worth waiting past: DESCRIBE follows.
        if (head.header("WWW-Authenticate") || !head.header("Public")) return ParseState::complete;
        auto length = content_length(head).value_or(0);
        if (length > kMaxSkippedRtspBody) return ParseState::complete;
        pos += head.head_length + length;
        if (pos > text.size()) return ParseState::incomplete;
    }
    return ParseState::complete;
}

constexpr std::uint16_t kHttpPorts[] = {80, 8000, 8080, 8081, 8888};
constexpr std::uint16_t kRtspPorts[] = {554, 8554, 10554};

}  // namespace

namespace protocols {
extern const ProtocolDescriptor http = protocol_named(
    "http", {.carrier = Carrier::tcp, .claim = Claim::content, .ports = kHttpPorts, .tier = EvidenceTier::banner, .looks_like = looks_like_http,
             .fields_of = http_fields_of, .summary = "HTTP/1.x heads: Server, realms, page title; User-Agent and Host of clients"});
extern const ProtocolDescriptor rtsp = protocol_named(
    "rtsp", {.carrier = Carrier::tcp, .claim = Claim::content, .ports = kRtspPorts, .tier = EvidenceTier::banner, .looks_like = looks_like_rtsp,
             .fields_of = rtsp_fields_of, .summary = "RTSP/1.0 heads: Server, Public, realms; User-Agent of clients"});
}  // namespace protocols

}  // namespace camsweep
