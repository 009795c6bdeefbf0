// A favicon the prober fetched (GET /favicon.ico after GET /): the MD5 of its bytes, as Rapid7
// Recog's xml/favicons.xml and nmap's nselib/data/favicon-db key their entries
// (research/protocols-active.md §1.7.1, §1.7.4). Pages served in its place (a login page for
// every unknown path) are not icons and give no hash.
#include <algorithm>

#include "camsweep/core/md5.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_http.hpp"

namespace camsweep {
namespace {

bool looks_like_markup(std::string_view body) {
    const std::string_view start = trim(body.substr(0, 256));
    if (start.starts_with("\xef\xbb\xbf")) return looks_like_markup(start.substr(3));
    return start.starts_with('<') && !start.starts_with("<svg") && !start.starts_with("<?xml");
}

ParseState favicon_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    const std::string_view body = as_text(message);
    if (body.empty()) return ParseState::complete;
    if (body.size() > kMaxFaviconBytes)
        return out.invalid("favicon of " + std::to_string(body.size()) + " bytes is over the " + std::to_string(kMaxFaviconBytes) +
                           "-byte cap");
    if (looks_like_markup(body)) return ParseState::complete;
    out.add("http.favicon_md5", md5_hex(body));
    return ParseState::complete;
}

// ICO (00 00 01 00), PNG, GIF, JPEG, BMP: the formats browsers accept as /favicon.ico.
bool looks_like_icon(Bytes first) {
    const std::string_view text = as_text(first.first(std::min<std::size_t>(first.size(), 8)));
    return text.starts_with(std::string_view("\0\0\1\0", 4)) || text.starts_with("\x89PNG") || text.starts_with("GIF8") ||
           text.starts_with("\xff\xd8\xff") || text.starts_with("BM");
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor favicon = http_body_reader("favicon", {
    .protocol = "http", .field_prefix = "http", .tier = EvidenceTier::banner, .looks_like = by_content<looks_like_icon>, .fields_of = favicon_fields_of,
    .summary = "the favicon the prober fetches after GET /: MD5 of its bytes (the key of Recog's and nmap's favicon databases)"});
}  // namespace protocols

}  // namespace camsweep
