// CSV report: one row per device, stable columns (docs/report-format.md). Cells are quoted per
// RFC 4180, and a cell a spreadsheet would run as a formula is neutralised.
#include <algorithm>

#include "camsweep/core/text.hpp"
#include "camsweep/report/sent.hpp"
#include "camsweep/report/writers.hpp"

namespace camsweep {
namespace {

std::string cell(std::string_view raw) {
    // Control characters and invalid UTF-8 become visible \xNN text: a banner cannot smuggle
    // line breaks or terminal escapes into a spreadsheet.
    std::string text = printable(raw);
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t' || text[0] == '\r'))
        text.insert(text.begin(), '\'');
    bool quote = text.find_first_of(",\"\r\n") != std::string::npos;
    if (!quote) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

template <typename List, typename Fn>
std::string joined(const List& list, Fn fn) {
    std::string out;
    for (const auto& item : list) {
        if (!out.empty()) out += " | ";  // citations themselves contain ";"
        out += fn(item);
    }
    return out;
}

// Longest `sent` cell, in bytes after escaping: spreadsheets cut a cell at 32,767 characters
// (Excel), which would hide the tail silently.
constexpr std::size_t kMaxSentCellBytes = 32000;

// The `sent` cell: "field=value" items joined like every list, then "(N more)" for the items
// left out, by the per-device bound (kMaxSentFields) or by the cell length above. A "|" inside an
// item is written as the text \x7c, so " | " in this cell always separates two items (a banner
// cannot forge a second entry).
std::string sent_cell(const Device& d) {
    const SentFields sent = sent_fields(d);
    std::string out;
    std::size_t more = sent.omitted, size = 0;
    for (std::size_t i = 0; i < sent.fields.size(); ++i) {
        std::string item;
        for (char c : sent_text(sent.fields[i])) {
            if (c == '|') item += "\\x7c";
            else item += c;
        }
        // What cell() will make of it: control characters and invalid bytes as \xNN, quotes doubled.
        std::string shown = printable(item);
        std::size_t cost = shown.size() + static_cast<std::size_t>(std::count(shown.begin(), shown.end(), '"')) + 3;
        if (size + cost > kMaxSentCellBytes) {
            more += sent.fields.size() - i;
            break;
        }
        size += cost;
        if (!out.empty()) out += " | ";
        out += item;
    }
    if (more > 0) out += (out.empty() ? "" : " | ") + ("(" + std::to_string(more) + " more)");
    return out;
}

std::string confidence(double v) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

}  // namespace

void write_csv(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db) {
    out << "id,verdict,confidence,purpose_qualified,vendor,brand,model,firmware,device_type,category,serials,macs,ips,"
           "listings,citations,chain,other_listings,reason,first_seen,last_seen,protocols,sent\r\n";
    for (const auto& d : inventory.devices) {
        const Verdict& v = d.verdict;
        std::string vendor = d.best("vendor") ? db.display_name(d.best_value("vendor")) : "";
        std::string brand = d.best("brand") ? db.display_name(d.best_value("brand")) : "";
        std::string listings = joined(v.listings, [](const ListingHit& h) { return h.listing_id; });
        std::string citations = joined(v.listings, [](const ListingHit& h) { return h.citation; });
        std::string chain = joined(v.chain, [](const ChainLink& l) { return l.from + " -" + l.relation + "-> " + l.to; });
        std::string other = joined(v.other_listings, [](const ListingHit& h) { return h.listing_id; });
        const std::string fields[] = {
            d.id, std::string(to_string(v.status)), confidence(v.confidence), v.purpose_qualified ? "yes" : "no", vendor, brand,
            d.best_value("model"), d.best_value("firmware"), d.best_value("device_type"), std::string(to_string(d.category)),
            joined(d.serials, [](const std::string& x) { return x; }),
            joined(d.macs, [](const MacAddress& m) { return m.to_string(); }),
            joined(d.ips, [](const IpAddress& ip) { return ip.to_string(); }), listings, citations, chain, other, v.reason,
            iso8601_utc(d.first_seen), iso8601_utc(d.last_seen), joined(d.protocols, [](const std::string& x) { return x; }),
            sent_cell(d)};
        bool first = true;
        for (const auto& f : fields) {
            if (!first) out << ',';
            out << cell(f);
            first = false;
        }
        out << "\r\n";
    }
}

}  // namespace camsweep
