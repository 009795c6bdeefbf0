// Generic capture of header lines (HTTP, RTSP, SSDP): what a device sends beyond the headers
// that have a named field, so a rule can match any header without C++.
#include <algorithm>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"

namespace camsweep {
namespace {

// Never kept: credentials (a client's Basic Authorization is a password), and values that change
// with every message and say nothing about the maker.
constexpr std::string_view kSkipped[] = {"authorization", "proxy-authorization", "cookie", "set-cookie", "date", "expires",
                                         "last-modified", "etag", "age", "content-length", "cseq", "connection",
                                         "keep-alive", "session", "range", "if-modified-since", "if-none-match"};

bool listed(std::span<const std::string_view> names, std::string_view key) {
    return std::any_of(names.begin(), names.end(), [&](std::string_view n) { return iequals(n, key); });
}

}  // namespace

void add_header_fields(std::span<const std::pair<std::string, std::string>> headers, std::string_view prefix,
                       std::span<const std::string_view> named, MessageFields& out) {
    std::size_t added = 0;
    for (const auto& [name, value] : headers) {
        if (added == kMaxGenericHeaders) break;
        std::string key = to_lower(name);
        if (listed(named, key) || listed(kSkipped, key)) continue;
        // Header names are tokens; anything else becomes '_' so the key stays one plain word.
        for (auto& c : key)
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) c = '_';
        out.add(std::string(prefix) + ".header." + key, bounded_text(value));
        ++added;
    }
}

}  // namespace camsweep
