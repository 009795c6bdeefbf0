// HTML report (docs/report-format.md §4). One self-contained document: inline CSS, inline SVG
// charts, one small inline script admitted by its SHA-256 hash in a strict CSP, and the data
// the script sorts and filters on in a JSON block. Without script everything is shown (details
// start open); the script collapses them and adds sorting and filtering.
//
// Escaping: every string that is not a constant of this file goes through html_escape() (text
// and attribute values alike); the JSON block goes through json_for_script(). Nothing else
// writes device text.
#include "camsweep/report/html.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <utility>
#include <vector>

#include "camsweep/core/text.hpp"
#include "camsweep/report/notices.hpp"
#include "camsweep/report/sent.hpp"
#include "camsweep/report/sha256.hpp"
#include "report_text.hpp"

namespace camsweep {
namespace {

// Bidirectional controls (U+200E/F, U+202A..E, U+2066..9) can make a banner display in an order
// that hides what it says: they are shown as \uXXXX text instead.
std::string visible(std::string_view raw) {
    std::string text = printable(raw);
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        auto b = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
        if (b(i) == 0xe2 && i + 2 < text.size()) {
            unsigned code = ((b(i) & 0x0fu) << 12) | ((b(i + 1) & 0x3fu) << 6) | (b(i + 2) & 0x3fu);
            bool bidi = code == 0x200e || code == 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
            if (bidi) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04X", code);
                out += buf;
                i += 2;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// JSON for a <script type="application/json"> block: the HTML parser ends a script element at
// "</script" and treats "<!--" specially, so < > & never appear literally; U+2028/2029 are
// escaped too (line terminators to older JavaScript parsers).
std::string json_for_script(const nlohmann::ordered_json& j) {
    std::string raw = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else if (static_cast<unsigned char>(c) == 0xe2 && i + 2 < raw.size() && static_cast<unsigned char>(raw[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(raw[i + 2]) == 0xa8 || static_cast<unsigned char>(raw[i + 2]) == 0xa9)) {
            out += static_cast<unsigned char>(raw[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029";
            i += 2;
        } else out += c;
    }
    return out;
}

std::string fixed(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}


const VerdictStatus kStatuses[] = {VerdictStatus::covered, VerdictStatus::likely_covered, VerdictStatus::not_covered,
                                   VerdictStatus::unknown};

const char* label_of(VerdictStatus s) {
    switch (s) {
        case VerdictStatus::covered: return "Covered";
        case VerdictStatus::likely_covered: return "Likely covered";
        case VerdictStatus::not_covered: return "Not covered";
        default: return "Unknown";
    }
}

// Sort order of the verdict column: most urgent first; unknown before not-covered (never clean).
int rank_of(VerdictStatus s) {
    switch (s) {
        case VerdictStatus::covered: return 0;
        case VerdictStatus::likely_covered: return 1;
        case VerdictStatus::unknown: return 2;
        default: return 3;
    }
}

std::string badge(VerdictStatus s) {
    std::string status(to_string(s));
    return "<span class=\"badge v-" + status + "\">" + label_of(s) + "</span>";
}

// A URL becomes a link only when it is http(s); anything else (javascript:, data:, ...) stays text.
std::string url_html(std::string_view url) {
    if (url.empty()) return "";
    bool web = url.starts_with("https://") || url.starts_with("http://");
    if (!web) return "<span class=\"mono\">" + html_escape(url) + "</span>";
    std::string u = html_escape(url);
    return "<a class=\"ext\" href=\"" + u + "\" rel=\"noreferrer noopener\">" + u + "</a>";
}

std::string vendor_html(std::string_view id, const SignatureDatabase& db) {
    if (id.empty()) return "";
    return html_escape(db.display_name(id)) + " <span class=\"vid\">(" + html_escape(id) + ")</span>";
}

template <typename List, typename Fn>
std::string joined(const List& list, Fn fn, std::string_view separator = "<br>") {
    std::string out;
    for (const auto& item : list) {
        if (!out.empty()) out += separator;
        out += fn(item);
    }
    return out;
}

std::string or_dash(const std::string& html) { return html.empty() ? "<span class=\"none\">&#8212;</span>" : html; }

// From the first packet of any input to the last packet of any: when the network was watched.
std::string capture_window_html(const Inventory& inventory) {
    double first = 0, last = 0;
    for (const auto& in : inventory.inputs) {
        if (in.first_packet_time > 0 && (first == 0 || in.first_packet_time < first)) first = in.first_packet_time;
        if (in.last_packet_time > last) last = in.last_packet_time;
    }
    if (first == 0) return or_dash("");
    return html_escape(iso8601_utc(first)) + " to " + html_escape(iso8601_utc(last));
}

// ---- charts -------------------------------------------------------------------------------

// Cuts display text to `max` characters (not bytes) with an ellipsis.
std::string shorten(const std::string& text, std::size_t max) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xc0) == 0x80) continue;
        if (chars == max - 1) {
            std::size_t rest = 0;
            for (std::size_t k = i; k < text.size(); ++k) rest += (static_cast<unsigned char>(text[k]) & 0xc0) != 0x80;
            if (rest > 1) return text.substr(0, i) + "\u2026";
        }
        ++chars;
    }
    return text;
}

struct Bar {
    std::string label;  // display text (not yet escaped)
    int count = 0;
    std::string css;    // extra class for the bar (verdict colours)
};

void bar_chart(std::ostringstream& h, const std::string& id, const std::string& title, const std::vector<Bar>& bars) {
    const int label_w = 150, bar_w = 170, row_h = 22, width = label_w + bar_w + 40;
    int max = 1;
    for (const auto& b : bars) max = std::max(max, b.count);
    int height = row_h * static_cast<int>(std::max<std::size_t>(bars.size(), 1)) + 4;
    h << "<figure class=\"chart\" id=\"" << id << "\"><figcaption>" << title << "</figcaption>"
      << "<svg viewBox=\"0 0 " << width << ' ' << height << "\" width=\"" << width << "\" height=\"" << height
      << "\" role=\"img\" aria-label=\"" << title << "\">";
    if (bars.empty()) h << "<text x=\"0\" y=\"15\" class=\"lbl\">no devices</text>";
    int y = 2;
    for (const auto& b : bars) {
        int w = b.count == 0 ? 0 : std::max(2, b.count * bar_w / max);
        std::string label = html_escape(b.label);
        h << "<g class=\"bar\" data-count=\"" << b.count << "\"><title>" << label << ": " << b.count << "</title>"
          << "<text x=\"0\" y=\"" << y + 14 << "\" class=\"lbl\">" << html_escape(shorten(visible(b.label), 22)) << "</text>"
          << "<rect x=\"" << label_w << "\" y=\"" << y + 2 << "\" width=\"" << w << "\" height=\"" << row_h - 6 << "\" class=\"fill"
          << (b.css.empty() ? "" : " " + b.css) << "\"/>"
          << "<text x=\"" << label_w + w + 5 << "\" y=\"" << y + 14 << "\" class=\"num\">" << b.count << "</text></g>";
        y += row_h;
    }
    h << "</svg></figure>";
}

// Counts by label, largest first, at most `keep` bars plus one for the rest.
std::vector<Bar> tally(const std::vector<std::string>& labels, std::size_t keep, const char* rest_label) {
    std::map<std::string, int> counts;
    for (const auto& l : labels) ++counts[l];
    std::vector<Bar> bars;
    for (const auto& [label, n] : counts) bars.push_back({label, n, ""});
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.count > b.count; });
    if (bars.size() > keep) {
        int rest = 0;
        std::size_t groups = bars.size() - keep;
        for (std::size_t i = keep; i < bars.size(); ++i) rest += bars[i].count;
        bars.resize(keep);
        bars.push_back({std::string(rest_label) + " (" + std::to_string(groups) + ")", rest, "rest"});
    }
    return bars;
}

// ---- the device table and its details ----------------------------------------------------

std::string maker_of(const Device& d, const SignatureDatabase& db) {
    return d.best("vendor") ? db.display_name(d.best_value("vendor")) : "";
}
std::string brand_of(const Device& d, const SignatureDatabase& db) {
    const ScoredValue* brand = d.best("brand");
    if (!brand || brand->value == d.best_value("vendor")) return "";
    return db.display_name(brand->value);
}

std::string listings_table(const std::vector<ListingHit>& hits) {
    std::ostringstream h;
    h << "<table class=\"sub listings\"><thead><tr><th>Regime</th><th>Listed entity</th><th>Citation</th><th>Status</th>"
         "<th>Source</th><th>Consequence</th></tr></thead><tbody>";
    for (const auto& l : hits) {
        h << "<tr><td>" << html_escape(l.regime_name) << (l.paragraph.empty() ? "" : html_escape(l.paragraph))
          << " <span class=\"vid\">(" << html_escape(l.listing_id) << ")</span></td><td>" << html_escape(l.entity)
          << " <span class=\"vid\">(" << html_escape(l.entity_ref) << ")</span></td><td class=\"citation\">" << html_escape(l.citation)
          << "</td><td>" << html_escape(l.status) << "</td><td class=\"url\">" << or_dash(url_html(l.url)) << "</td><td>"
          << or_dash(html_escape(l.consequence)) << "</td></tr>";
    }
    h << "</tbody></table>";
    return h.str();
}

std::string edge_notes(const ChainLink& l) {
    std::string notes = "certainty " + html_escape(l.certainty);
    if (!l.status.empty()) notes += ", status " + html_escape(l.status);
    if (!l.since.empty()) notes += ", since " + html_escape(l.since);
    if (!l.until.empty()) notes += ", until " + html_escape(l.until);
    return notes;
}

std::string edges_table(const std::vector<ChainLink>& links, const SignatureDatabase& db) {
    std::ostringstream h;
    h << "<table class=\"sub edges\"><thead><tr><th>From</th><th>Relation</th><th>To</th><th>Certainty / status / dates</th>"
         "<th>Source</th></tr></thead><tbody>";
    for (const auto& l : links)
        h << "<tr><td>" << vendor_html(l.from, db) << "</td><td class=\"mono\">" << html_escape(l.relation) << "</td><td>"
          << vendor_html(l.to, db) << "</td><td>" << edge_notes(l) << "</td><td>" << or_dash(html_escape(l.source)) << "</td></tr>";
    h << "</tbody></table>";
    return h.str();
}

// brand → produced_by → producer → relation → ... → listed entity → regimes.
std::string chain_html(const Device& d, const SignatureDatabase& db) {
    const Verdict& v = d.verdict;
    if (v.listings.empty()) return "";
    auto node = [&](std::string_view id, const char* role) {
        return "<span class=\"node\">" + vendor_html(id, db) + (role[0] ? std::string(" <span class=\"role\">") + role + "</span>" : "") +
               "</span>";
    };
    auto edge = [](const std::string& relation, const std::string& notes) {
        return "<span class=\"edge\">&#8594; <span class=\"mono\">" + relation + "</span>" +
               (notes.empty() ? "" : " <span class=\"notes\">(" + notes + ")</span>") + " &#8594;</span>";
    };
    std::string start = v.chain.empty() ? v.producer : v.chain.front().from;
    std::string h = "<div class=\"chain\">";
    const ScoredValue* brand = d.best("brand");
    if (brand && !start.empty() && brand->value != start) {
        h += node(brand->value, "brand");
        h += edge("produced_by", "firmware / protocol fingerprint");
    }
    if (!start.empty()) h += node(start, v.chain.empty() ? "producer, listed" : (brand && brand->value == start ? "brand" : "maker"));
    for (const auto& l : v.chain) {
        h += edge(html_escape(l.relation), edge_notes(l));
        h += node(l.to, "");
    }
    // The listed entity (as the listings name it), then the regimes that list it.
    std::vector<std::string> entities;
    for (const auto& l : v.listings)
        if (std::find(entities.begin(), entities.end(), l.entity) == entities.end()) entities.push_back(l.entity);
    h += edge("listed as", "");
    h += "<span class=\"node entity\">" + joined(entities, [](const std::string& e) { return html_escape(e); }, "; ") +
         " <span class=\"role\">listed entity</span></span>";
    h += edge("on", "");
    h += "<span class=\"node regime\">" +
         joined(v.listings,
                [](const ListingHit& l) {
                    return html_escape(l.regime_name) + (l.paragraph.empty() ? "" : html_escape(l.paragraph)) +
                           " <span class=\"citation\">[" + html_escape(l.citation) + "]</span>";
                },
                "; ") +
         "</span></div>";
    return h;
}

std::string evidence_table(const Device& d) {
    std::ostringstream h;
    h << "<table class=\"sub evidence\"><thead><tr><th>Rule</th><th>Field</th><th>Value</th><th>Weight</th><th>Claims</th>"
         "<th>Protocol</th><th>Where</th><th>References</th></tr></thead><tbody>";
    for (const auto& e : d.evidence) {
        std::string claims = joined(e.claims, [](const auto& c) { return html_escape(c.first) + " = " + html_escape(c.second); });
        std::string where = html_escape(e.where) + (e.time > 0 ? "<br><span class=\"vid when\">" + html_escape(iso8601_utc(e.time)) + "</span>" : "");
        h << "<tr><td class=\"mono\">" << html_escape(e.rule_id) << "</td><td class=\"mono\">" << html_escape(e.field)
          << "</td><td class=\"value\">" << html_escape(e.value) << "</td><td class=\"numcell\">" << fixed(e.weight, 3) << "</td><td>"
          << or_dash(claims) << "</td><td>" << html_escape(e.protocol) << "</td><td>" << where << "</td><td class=\"refs\">"
          << or_dash(joined(e.references, [](const std::string& r) { return html_escape(r); })) << "</td></tr>";
    }
    h << "</tbody></table>";
    return h.str();
}

// "What it sent": every field value of the device's observations (report/sent.hpp), with the
// rules that matched it; an unmatched row is marked, so what no signature explains stands out.
std::string sent_html(const Device& d) {
    const SentFields sent = sent_fields(d);
    std::ostringstream h;
    if (sent.fields.empty()) {
        h << "<p class=\"muted\">No field values were decoded from this device's messages beyond its addresses and identifiers.</p>";
    } else {
        h << "<table class=\"sub sent\"><thead><tr><th>Protocol</th><th>Field</th><th>Value</th><th>First seen</th>"
             "<th>Matched by</th></tr></thead><tbody>";
        for (const auto& f : sent.fields) {
            std::vector<std::string> rules;
            for (const auto& e : d.evidence)
                if (e.field == f.field && e.value == f.value && std::find(rules.begin(), rules.end(), e.rule_id) == rules.end())
                    rules.push_back(e.rule_id);
            h << "<tr class=\"" << (rules.empty() ? "unmatched" : "matched") << "\"><td>" << html_escape(f.protocol)
              << "</td><td class=\"mono\">" << html_escape(f.field) << "</td><td class=\"value\">" << html_escape(f.value)
              << "</td><td class=\"vid\">" << html_escape(iso8601_utc(f.first_seen)) << "</td><td class=\"mono\">"
              << (rules.empty() ? "<span class=\"none\">no rule</span>"
                                : joined(rules, [](const std::string& r) { return html_escape(r); }))
              << "</td></tr>";
        }
        h << "</tbody></table>";
    }
    if (sent.omitted > 0)
        h << "<p class=\"muted sent-omitted\">" << sent.omitted << " further distinct value(s) not shown (at most " << kMaxSentFields
          << " per device, the earliest first).</p>";
    return h.str();
}

// A MAC with where it came from (Device::mac_origins): "frame", "payload:sadp", "ipv6:eui64", ...
std::string mac_html(const Device& d, const MacAddress& mac) {
    std::string out = html_escape(mac.to_string());
    for (const auto& o : d.mac_origins)
        if (o.mac == mac)
            out += "<span class=\"vid mac-origin\">" + joined(o.sources, [](const std::string& x) { return html_escape(x); }, ", ") +
                   "</span>";
    return out;
}

std::string candidate_html(const Device& d, const char* attribute, const SignatureDatabase& db, bool vendor) {
    const ScoredValue* best = d.best(attribute);
    if (!best) return "<span class=\"none\">not established</span>";
    return (vendor ? vendor_html(best->value, db) : html_escape(best->value)) + " <span class=\"vid\">(confidence " +
           fixed(best->confidence, 3) + ")</span>";
}

// What the producer carries beyond the verdict: its other listings and related parties.
void producer_tables(std::ostringstream& h, const Verdict& v, const SignatureDatabase& db) {
    if (!v.other_listings.empty())
        h << "<h4>Other listings of the producer</h4><p class=\"muted\">Flags with their own consequences; never a covered verdict.</p>"
          << listings_table(v.other_listings);
    if (!v.related.empty())
        h << "<h4>Related</h4><p class=\"muted\">Component suppliers and alleged ties: reported, not part of the verdict.</p>"
          << edges_table(v.related, db);
}

void device_details(std::ostringstream& h, const Device& d, const SignatureDatabase& db) {
    const Verdict& v = d.verdict;
    h << "<details class=\"device-detail\" data-collapse open><summary>Why " << html_escape(d.id) << " is " << html_escape(to_string(v.status))
      << ": verdict basis and evidence</summary><div class=\"detail-body\">";
    h << "<p class=\"reason\">" << badge(v.status) << " <span class=\"conf\">confidence " << fixed(v.confidence, 3) << "</span> "
      << html_escape(v.reason) << ".";
    if (!v.producer.empty()) h << " Producer the verdict rests on: " << vendor_html(v.producer, db) << ".";
    h << "</p>";
    if (v.purpose_qualified)
        h << "<p class=\"purpose\"><strong>Purpose-qualified listing (§889(f)(3)(B)):</strong> covered "
          << html_escape(v.purpose_qualifier)
          << ". A scanner cannot see the purpose of use; federal guidance treats such equipment as covered by default.</p>";

    h << "<h4>Relation chain</h4>";
    std::string chain = chain_html(d, db);
    if (chain.empty())
        h << "<p class=\"muted\">No path from this device's maker or brand to a §889 or FCC Covered List entity.</p>";
    else
        h << chain;
    if (!v.chain.empty()) h << "<div class=\"edges-block\"><h5>Edges walked</h5>" << edges_table(v.chain, db) << "</div>";

    if (!v.listings.empty()) h << "<h4>Listings that make it covered</h4>" << listings_table(v.listings);
    // The same for every device of one producer: printed once, in the producers' appendix.
    h << "<div class=\"producer-block\">";
    producer_tables(h, v, db);
    h << "</div>";

    h << "<h4>Evidence</h4>";
    if (d.evidence.empty())
        h << "<p class=\"muted\">No rule or MAC prefix matched anything this device sent.</p>";
    else
        h << evidence_table(d);
    h << "<div class=\"sent-block\"><h4>What it sent</h4>" << sent_html(d) << "</div>";

    h << "<div class=\"identity-block\"><h4>Identity</h4><dl class=\"identity\">"
      << "<dt>Maker</dt><dd>" << candidate_html(d, "vendor", db, true) << "</dd>"
      << "<dt>Brand</dt><dd>" << candidate_html(d, "brand", db, true) << "</dd>"
      << "<dt>Model</dt><dd>" << candidate_html(d, "model", db, false) << "</dd>"
      << "<dt>Firmware</dt><dd>" << candidate_html(d, "firmware", db, false) << "</dd>"
      << "<dt>Device type</dt><dd>" << candidate_html(d, "device_type", db, false) << "</dd>"
      << "<dt>UUIDs</dt><dd class=\"mono\">" << or_dash(joined(d.uuids, [](const std::string& u) { return html_escape(u); }))
      << "</dd><dt>Protocols</dt><dd>" << or_dash(joined(d.protocols, [](const std::string& p) { return html_escape(p); }, ", "))
      << "</dd><dt>Seen</dt><dd>" << html_escape(iso8601_utc(d.first_seen)) << " to " << html_escape(iso8601_utc(d.last_seen)) << ", "
      << d.observation_count << " observation(s)</dd>";
    std::vector<MacAddress> routers;
    for (const auto& o : d.mac_origins)
        if (!o.identifies_device()) routers.push_back(o.mac);
    if (!routers.empty())
        h << "<dt>Routed through</dt><dd class=\"mono routers\">"
          << joined(routers, [&](const MacAddress& m) { return mac_html(d, m); })
          << "<span class=\"vid\">the source MACs of its frames that came through a router: the router's, not the device's</span></dd>";
    if (!d.peers.empty()) {
        h << "<dt>Remote peers</dt><dd class=\"peers\"><span class=\"vid\">public addresses that sent it messages through a "
             "router: not devices of this network, and not evidence about this device</span><ul>";
        for (const auto& p : d.peers)
            h << "<li><span class=\"mono\">" << html_escape(p.ip.to_string()) << "</span> " << html_escape(p.protocol) << ", "
              << p.messages << " message(s)" << (p.said.empty() ? "" : ": <span class=\"value\">" + html_escape(p.said) + "</span>")
              << "</li>";
        h << "</ul></dd>";
    }
    if (!d.parent_id.empty())
        h << "<dt>Behind recorder</dt><dd>" << html_escape(d.parent_id) << ", channel " << html_escape(d.channel) << "</dd>";
    h << "</dl></div></div></details>";
}

constexpr std::string_view kStyle = R"CSS(
:root{--covered:#b3261e;--likely:#9a5b00;--clear:#1d6b33;--unknown:#6a3d9a;--line:#c9ccd1;--muted:#5b6168;--bg2:#f3f4f6}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#16181b;margin:0 auto;padding:16px 20px 32px;max-width:1500px}
h1{font-size:1.5em;margin:0 0 4px}h2{font-size:1.2em;margin:24px 0 8px;border-bottom:2px solid #16181b}
h4{margin:14px 0 4px;font-size:1em}h5{margin:10px 0 4px;font-size:.92em}
.mono,.value,td.macs,td.serials{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:.9em}
.value,.serials,.citation,.url{overflow-wrap:anywhere}
.muted,.vid,.notes,.role{color:var(--muted)}.vid,.notes,.role{font-size:.85em}
.none{color:var(--muted)}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:8px 0}
dl.meta dt,dl.identity dt{font-weight:600}dl.meta dd,dl.identity dd{margin:0}
dl.identity{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:8px 0 12px}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:130px}
.card .n{font-size:1.8em;font-weight:700;display:block;line-height:1.1}
.card.v-covered{border:3px solid var(--covered)}.card.v-likely-covered{border:3px dashed var(--likely)}
.card.v-not-covered{border:1px solid var(--clear)}.card.v-unknown{border:2px dotted var(--unknown)}
.charts{display:flex;flex-wrap:wrap;gap:18px}
figure.chart{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 10px}
figure.chart figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#16181b}
svg rect.fill{fill:#4a5360}svg rect.rest{fill:#9aa1a9}
svg rect.v-covered{fill:var(--covered)}svg rect.v-likely-covered{fill:var(--likely)}
svg rect.v-not-covered{fill:var(--clear)}svg rect.v-unknown{fill:var(--unknown)}
.badge{display:inline-block;padding:1px 7px;border-radius:4px;font-weight:700;font-size:.85em;white-space:nowrap;letter-spacing:.02em}
.badge.v-covered{background:var(--covered);color:#fff;border:2px solid var(--covered)}
.badge.v-likely-covered{background:#fff;color:var(--likely);border:2px dashed var(--likely)}
.badge.v-not-covered{background:#fff;color:var(--clear);border:1px solid var(--clear);font-weight:600}
.badge.v-unknown{background:#fff;color:var(--unknown);border:2px dotted var(--unknown);font-style:italic}
.badge.v-covered::before{content:"\25A0  "}.badge.v-likely-covered::before{content:"\25B2  "}
.badge.v-not-covered::before{content:"\25CB  "}.badge.v-unknown::before{content:"?  "}
#controls{display:flex;flex-wrap:wrap;gap:10px 18px;align-items:center;margin:8px 0;padding:8px 10px;background:var(--bg2);border-radius:6px}
#controls input[type=search]{font:inherit;padding:4px 8px;min-width:260px;border:1px solid #8a9099;border-radius:4px}
#controls label{white-space:nowrap}#controls button{font:inherit;padding:3px 10px}
#shown-count{color:var(--muted)}
table{border-collapse:collapse;width:100%}
table.devices>thead th{white-space:nowrap;background:#fff;border-bottom:2px solid #16181b;text-align:left;padding:5px 6px;vertical-align:bottom;z-index:1}
table.devices>thead th button{all:unset;cursor:default;font-weight:700}
.js table.devices>thead th button{cursor:pointer}
.js table.devices>thead th button::after{content:" \2195";color:var(--muted);font-weight:400}
.js table.devices>thead th[aria-sort=ascending] button::after{content:" \25B2";color:#16181b}
.js table.devices>thead th[aria-sort=descending] button::after{content:" \25BC";color:#16181b}
table.devices>thead th button:focus-visible{outline:2px solid #1a5fb4}
tbody.device>tr.row>td{padding:5px 6px;border-top:1px solid var(--line);vertical-align:top}
tbody.device>tr.detail>td{padding:0 6px 6px 24px}
td.numcell,td.conf{text-align:right;font-variant-numeric:tabular-nums}
td.id,td.ips,td.macs,td.conf{white-space:nowrap}
.mac-origin{display:block;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
details.device-detail>summary{cursor:pointer;color:#1a4f8f;font-size:.9em;padding:2px 0}
.detail-body{border-left:3px solid var(--line);padding:2px 0 6px 12px;margin:2px 0 6px}
.purpose{background:#fff7e0;border:1px solid #e0c068;padding:5px 8px;border-radius:4px}
.chain{display:flex;flex-wrap:wrap;align-items:center;gap:4px;margin:4px 0}
.chain .node{border:1px solid #6b727b;border-radius:4px;padding:2px 7px;background:#fff}
.chain .node.entity{border-width:2px}.chain .node.regime{border:2px solid var(--covered)}
.chain .edge{color:#303540;padding:0 2px}
table.sub{margin:4px 0 8px;font-size:.9em}
table.sub th,table.sub td{border:1px solid var(--line);padding:3px 6px;text-align:left;vertical-align:top}
tr.detail>td,table.sub td,.chain .node,dl.identity dd,.reason{overflow-wrap:anywhere}
tr.row>td{overflow-wrap:break-word}
.chain .node{max-width:100%}
table.sub th,table.devices th{overflow-wrap:normal}
table.sub th{background:var(--bg2)}
table.sent tr.unmatched td{background:#fffbe6}
a.ext{color:#1a4f8f}
table.inputs{width:auto}.inputs td,.inputs th{padding:2px 14px 2px 0;text-align:left}
.print-only{display:none}
@media screen and (max-width:900px){
body{padding:10px 12px 24px}
dl.meta{grid-template-columns:minmax(0,1fr)}dl.meta dd{margin-bottom:4px;min-width:0}
table.inputs,table.sub{display:block;overflow-x:auto;max-width:100%}
#controls input[type=search]{min-width:0;width:100%}
table.devices>thead{display:none}
table.devices,table.devices>tbody,table.devices>tbody>tr,table.devices>tbody>tr>td{display:block;width:auto}
tbody.device{border-top:2px solid var(--line);padding:6px 0}
tbody.device>tr.row>td{border:0;padding:1px 6px;white-space:normal;text-align:left}
tbody.device>tr.row>td::before{font-weight:600;color:var(--muted);margin-right:.5em}
td.verdict::before{content:"Verdict"}td.conf::before{content:"Confidence"}td.maker::before{content:"Maker"}
td.model::before{content:"Model"}td.firmware::before{content:"Firmware"}td.type::before{content:"Type"}
td.ips::before{content:"IP"}td.macs::before{content:"MAC"}td.serials::before{content:"Serial"}
tbody.device>tr.detail>td{padding:0 6px 6px}
.chain{flex-direction:column;align-items:flex-start}
}
#notices{border:3px solid var(--covered);background:#fdecea;border-radius:6px;padding:6px 14px;margin:0 0 14px}
#notices .notice{margin:6px 0;font-size:1.05em}
.subtitle{margin:0 0 6px;color:var(--muted)}
td.sha256{overflow-wrap:anywhere;max-width:18em}
footer{margin-top:28px;border-top:1px solid var(--line);padding-top:8px;color:var(--muted);font-size:.9em}
@page{size:landscape;margin:12mm}
@media print{
body{font-size:8.5pt;padding:0;max-width:none}
#controls,.no-print,.sent-block,.charts,.producer-block,.identity-block,.edges-block,.detail-body p.muted{display:none!important}
table.evidence th:nth-child(n+6),table.evidence td:nth-child(n+6){display:none}
table.sub{font-size:.8em}
table.evidence .when{display:none}
.print-only{display:block}
tbody.device[hidden]{display:table-row-group!important}
details::details-content{content-visibility:visible;display:block}
details>summary{list-style:none;color:#16181b;font-weight:600}
details>summary::-webkit-details-marker{display:none}
tr.row{break-inside:avoid;break-after:avoid}
table.sub tr,.chain,.reason,.purpose,figure.chart,.card{break-inside:avoid}
h2,h4,h5{break-after:avoid}
.js table.devices>thead th button::after{content:none}
.badge,svg rect,.card,.purpose,#notices{print-color-adjust:exact;-webkit-print-color-adjust:exact}
a.ext{color:inherit;text-decoration:none}
}
)CSS";

constexpr std::string_view kScript = R"JS(
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.classList.add("js");
  var data = JSON.parse(doc.getElementById("report-data").textContent);
  var table = doc.getElementById("device-table");
  var bodies = Array.prototype.slice.call(table.tBodies);
  var devices = data.devices;
  devices.forEach(function (d) {
    d.search = [d.id, d.verdict, d.verdictLabel, d.maker, d.brand, d.model, d.firmware, d.type]
      .concat(d.ips, d.macs, d.serials).join("\n").toLowerCase();
  });
  function deviceOf(tbody) { return devices[Number(tbody.getAttribute("data-index"))]; }
  // Without script every details element stays open; with it, they start collapsed.
  var allDetails = Array.prototype.slice.call(doc.querySelectorAll("details[data-collapse]"));
  allDetails.forEach(function (el) { el.open = false; });

  var controls = doc.getElementById("controls");
  controls.hidden = false;
  var filter = doc.getElementById("filter");
  var boxes = Array.prototype.slice.call(controls.querySelectorAll("input[data-verdict]"));
  var shown = doc.getElementById("shown-count");
  function apply() {
    var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    var on = {};
    boxes.forEach(function (b) { on[b.getAttribute("data-verdict")] = b.checked; });
    var n = 0;
    bodies.forEach(function (tb) {
      var d = deviceOf(tb);
      var ok = on[d.verdict] && words.every(function (w) { return d.search.indexOf(w) >= 0; });
      tb.hidden = !ok;
      if (ok) n += 1;
    });
    shown.textContent = n + " of " + bodies.length + " devices shown";
  }
  filter.addEventListener("input", apply);
  boxes.forEach(function (b) { b.addEventListener("change", apply); });
  doc.getElementById("expand-all").addEventListener("click", function () {
    allDetails.forEach(function (el) { el.open = true; });
  });
  doc.getElementById("collapse-all").addEventListener("click", function () {
    allDetails.forEach(function (el) { el.open = false; });
  });

  function ipKey(ip) {
    var m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
    if (!m) return "1" + ip.toLowerCase();
    return "0" + m.slice(1).map(function (o) { return ("00" + o).slice(-3); }).join(".");
  }
  var LAST = "\uffff";
  function keyOf(d, key) {
    if (key === "verdict") return d.rank;
    if (key === "confidence") return d.confidence;
    if (key === "id") return d.id;
    if (key === "ips") return d.ips.length ? ipKey(d.ips[0]) : LAST;
    if (key === "macs" || key === "serials") return d[key].length ? d[key][0].toLowerCase() : LAST;
    return d[key] ? d[key].toLowerCase() : LAST;
  }
  var headers = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-sort]"));
  var sortKey = null, sortDir = 1;
  function sortBy(key) {
    sortDir = sortKey === key ? -sortDir : 1;
    sortKey = key;
    var order = bodies.slice().sort(function (a, b) {
      var x = keyOf(deviceOf(a), key), y = keyOf(deviceOf(b), key);
      if ((x === LAST) !== (y === LAST)) return x === LAST ? 1 : -1;  // missing values last either way
      var c = typeof x === "number" ? x - y : (x < y ? -1 : (x > y ? 1 : 0));
      if (c !== 0) return c * sortDir;
      return Number(a.getAttribute("data-index")) - Number(b.getAttribute("data-index"));
    });
    order.forEach(function (tb) { table.appendChild(tb); });
    headers.forEach(function (h) {
      h.setAttribute("aria-sort", h.getAttribute("data-sort") === key ? (sortDir > 0 ? "ascending" : "descending") : "none");
    });
  }
  headers.forEach(function (h) {
    h.querySelector("button").addEventListener("click", function () { sortBy(h.getAttribute("data-sort")); });
  });

  // Printing shows every detail; what was closed closes again afterwards.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    reopened = allDetails.filter(function (el) { return !el.open; });
    reopened.forEach(function (el) { el.open = true; });
  });
  window.addEventListener("afterprint", function () {
    reopened.forEach(function (el) { el.open = false; });
    reopened = [];
  });
  apply();
})();
)JS";

}  // namespace

std::string html_escape(std::string_view raw) { return escape_html_entities(visible(raw)); }

std::string_view html_report_script() { return kScript; }

void write_html(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db) {
    std::ostringstream h;
    const std::string audit = inventory.audit_date.to_string();
    int counts[4] = {0, 0, 0, 0};
    for (const auto& d : inventory.devices) ++counts[static_cast<int>(d.verdict.status)];

    h << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '"
      << csp_sha256_source(kScript) << "'; base-uri 'none'; form-action 'none'\">\n"
      << "<meta name=\"referrer\" content=\"no-referrer\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"camsweep " << html_escape(CAMSWEEP_VERSION) << "\">\n"
      << "<title>" << html_escape(inventory.title.empty() ? "camsweep device inventory" : inventory.title)
      << (inventory.site.empty() ? "" : ", " + html_escape(inventory.site)) << ", audit date " << html_escape(audit) << "</title>\n"
      << "<style>" << kStyle << "</style>\n</head>\n<body>\n";

    // ---- notices: before anything else, so that nobody reads the devices without them
    if (const auto notices = report_notices(inventory); !notices.empty()) {
        h << "<div id=\"notices\" role=\"alert\">";
        for (const auto& n : notices)
            h << "<p class=\"notice\" data-kind=\"" << to_string(n.kind) << "\"><strong>Warning:</strong> " << html_escape(n.text) << "</p>";
        h << "</div>\n";
    }

    // ---- header
    h << "<header>";
    if (inventory.title.empty()) h << "<h1 id=\"report-title\">Surveillance device inventory and NDAA §889 / FCC Covered List verdicts</h1>";
    else
        h << "<h1 id=\"report-title\">" << html_escape(inventory.title)
          << "</h1><p class=\"subtitle\">Surveillance device inventory and NDAA §889 / FCC Covered List verdicts</p>";
    h << "<dl class=\"meta\">";
    if (!inventory.site.empty()) h << "<dt>Site</dt><dd id=\"site\">" << html_escape(inventory.site) << "</dd>";
    h << "<dt>Audit date</dt><dd id=\"audit-date\">" << html_escape(audit) << "</dd>"
      << "<dt>Listings as of</dt><dd id=\"listings-as-of\">" << html_escape(inventory.listings_as_of) << "</dd>"
      << "<dt>Vendors as of</dt><dd>" << html_escape(inventory.vendors_as_of) << "</dd>"
      << "<dt>camsweep version</dt><dd id=\"camsweep-version\">" << html_escape(CAMSWEEP_VERSION) << "</dd>"
      << "<dt>Capture window</dt><dd id=\"capture-window\">" << capture_window_html(inventory) << "</dd>"
      << "<dt>Inputs</dt><dd>";
    if (inventory.inputs.empty()) h << "<span class=\"none\">none</span>";
    else {
        // File names only: the auditor's local directories are not the reader's business.
        h << "<table class=\"inputs\"><thead><tr><th>Capture</th><th>Format</th><th>Packets</th><th>Bytes</th><th>Observations</th>"
             "<th>Malformed</th><th>Complete</th><th>First packet</th><th>Last packet</th><th>SHA-256</th></tr></thead><tbody>";
        for (const auto& in : inventory.inputs)
            h << "<tr><td class=\"mono\">" << html_escape(input_display_name(in.path)) << "</td><td>" << or_dash(html_escape(in.format))
              << "</td><td>" << in.packets << "</td><td>" << in.bytes << "</td><td>" << in.observations << "</td><td>" << in.malformed
              << "</td><td>" << (in.complete ? "yes" : "<strong>no</strong>: " + html_escape(in.error)) << "</td><td>"
              << or_dash(in.first_packet_time > 0 ? html_escape(iso8601_utc(in.first_packet_time)) : "") << "</td><td>"
              << or_dash(in.last_packet_time > 0 ? html_escape(iso8601_utc(in.last_packet_time)) : "") << "</td><td class=\"mono sha256\">"
              << or_dash(html_escape(in.sha256)) << "</td></tr>";
        h << "</tbody></table>";
    }
    h << "</dd></dl>";
    if (!inventory.warnings.empty()) {
        h << "<details class=\"warnings\" data-collapse open><summary>" << inventory.warnings.size()
          << " capture warning(s)</summary><ul>";
        for (const auto& w : inventory.warnings) h << "<li class=\"mono\">" << html_escape(w) << "</li>";
        h << "</ul></details>";
    }
    h << "</header>\n";

    // ---- summary
    h << "<section id=\"summary\"><h2>Summary</h2><div class=\"cards\">"
      << "<div class=\"card\"><span class=\"n\" id=\"count-devices\">" << inventory.devices.size() << "</span>devices found</div>";
    for (auto s : kStatuses) {
        std::string status(to_string(s));
        h << "<div class=\"card v-" << status << "\"><span class=\"n\" id=\"count-" << status << "\">" << counts[static_cast<int>(s)]
          << "</span>" << badge(s) << "</div>";
    }
    h << "</div><p class=\"muted\">Covered: a path to a §889 or FCC Covered List entity with confidence at least 0.8. "
         "Likely covered: a weaker path; handle as covered until shown otherwise. Unknown is not a clean result: inspect "
         "these devices by hand.</p><div class=\"charts\">";
    std::vector<Bar> verdict_bars;
    for (auto s : kStatuses)
        verdict_bars.push_back({label_of(s), counts[static_cast<int>(s)], "v-" + std::string(to_string(s))});
    bar_chart(h, "chart-verdict", "By verdict", verdict_bars);
    std::vector<std::string> makers, types;
    for (const auto& d : inventory.devices) {
        std::string maker = maker_of(d, db);
        makers.push_back(maker.empty() ? "maker not identified" : maker);
        types.push_back(type_label(d));
    }
    bar_chart(h, "chart-vendor", "By maker", tally(makers, 10, "other makers"));
    bar_chart(h, "chart-type", "By device type", tally(types, 10, "other types"));
    h << "</div></section>\n";

    // ---- device table
    h << "<section id=\"devices\"><h2>Devices</h2><p class=\"print-only muted\">Most severe first. What each device sent, "
         "field by field, is in the report on screen and in <span class=\"mono\">--format json</span>.</p>"
      << "<div id=\"controls\" hidden><label>Filter <input type=\"search\" id=\"filter\" placeholder=\"maker, model, IP, MAC, serial…\" "
         "autocomplete=\"off\"></label><span>";
    for (auto s : kStatuses) {
        std::string status(to_string(s));
        h << "<label><input type=\"checkbox\" data-verdict=\"" << status << "\" id=\"show-" << status << "\" checked> " << label_of(s)
          << "</label> ";
    }
    h << "</span><span><button type=\"button\" id=\"expand-all\">Expand all</button> "
         "<button type=\"button\" id=\"collapse-all\">Collapse all</button></span><span id=\"shown-count\"></span></div>";
    h << "<table class=\"devices\" id=\"device-table\"><thead><tr>";
    const std::pair<const char*, const char*> columns[] = {{"id", "ID"},         {"verdict", "Verdict"}, {"confidence", "Confidence"},
                                                           {"maker", "Maker / brand"}, {"model", "Model"},     {"firmware", "Firmware"},
                                                           {"type", "Type"},     {"ips", "IPs"},         {"macs", "MACs"},
                                                           {"serials", "Serials"}};
    for (const auto& [key, title] : columns)
        h << "<th data-sort=\"" << key << "\" aria-sort=\"none\"><button type=\"button\">" << title << "</button></th>";
    h << "</tr></thead>\n";

    // Most severe first: covered, likely covered, unknown (never clean), then not covered; the
    // surest verdicts first within each, then by id.
    std::vector<std::size_t> order(inventory.devices.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Verdict &va = inventory.devices[a].verdict, &vb = inventory.devices[b].verdict;
        if (rank_of(va.status) != rank_of(vb.status)) return rank_of(va.status) < rank_of(vb.status);
        return round3(va.confidence) > round3(vb.confidence);  // as shown, so that equal-looking ones keep id order
    });
    nlohmann::ordered_json data_devices = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < order.size(); ++i) {
        const Device& d = inventory.devices[order[i]];
        const Verdict& v = d.verdict;
        std::string status(to_string(v.status));
        std::string maker = maker_of(d, db), brand = brand_of(d, db);
        std::vector<std::string> ips, macs;
        for (const auto& ip : d.ips) ips.push_back(ip.to_string());
        for (const auto& m : d.macs) macs.push_back(m.to_string());
        auto list = [](const std::vector<std::string>& items) { return or_dash(joined(items, [](const std::string& x) { return html_escape(x); })); };

        h << "<tbody class=\"device\" id=\"" << html_escape(d.id) << "\" data-index=\"" << i << "\" data-verdict=\"" << status << "\">"
          << "<tr class=\"row\"><td class=\"id mono\">" << html_escape(d.id) << "</td><td class=\"verdict\">" << badge(v.status)
          << (v.purpose_qualified ? "<br><span class=\"vid\">purpose-qualified</span>" : "") << "</td><td class=\"conf\">"
          << fixed(v.confidence, 2) << "</td><td class=\"maker\">"
          << (maker.empty() ? "<span class=\"none\">not identified</span>" : html_escape(maker))
          << (brand.empty() ? "" : "<br><span class=\"vid\">brand</span> " + html_escape(brand)) << "</td><td class=\"model\">"
          << or_dash(html_escape(d.best_value("model"))) << "</td><td class=\"firmware\">" << or_dash(html_escape(d.best_value("firmware")))
          << "</td><td class=\"type\">" << html_escape(type_label(d)) << "</td><td class=\"ips mono\">" << list(ips)
          << "</td><td class=\"macs\">" << or_dash(joined(d.macs, [&](const MacAddress& m) { return mac_html(d, m); })) << "</td><td class=\"serials\">" << list(d.serials) << "</td></tr>"
          << "<tr class=\"detail\"><td colspan=\"10\">";
        device_details(h, d, db);
        h << "</td></tr></tbody>\n";

        // The same display text as the cells, for the script's sorting and filtering.
        auto shown_list = [](const std::vector<std::string>& items) {
            auto a = nlohmann::ordered_json::array();
            for (const auto& x : items) a.push_back(visible(x));
            return a;
        };
        data_devices.push_back(nlohmann::ordered_json{{"id", visible(d.id)},
                                                      {"verdict", status},
                                                      {"verdictLabel", label_of(v.status)},
                                                      {"rank", rank_of(v.status)},
                                                      {"confidence", round3(v.confidence)},
                                                      {"maker", visible(maker)},
                                                      {"brand", visible(brand)},
                                                      {"model", visible(d.best_value("model"))},
                                                      {"firmware", visible(d.best_value("firmware"))},
                                                      {"type", visible(type_label(d))},
                                                      {"ips", shown_list(ips)},
                                                      {"macs", shown_list(macs)},
                                                      {"serials", shown_list(d.serials)}});
    }
    h << "</table>";
    if (inventory.devices.empty()) h << "<p class=\"muted\">No devices were found in the inputs.</p>";
    h << "</section>\n";

    // ---- print only: each producer's other listings and related parties, once
    std::vector<std::string> producers;
    std::ostringstream appendix;
    for (std::size_t i : order) {
        const Verdict& v = inventory.devices[i].verdict;
        if (v.producer.empty() || (v.other_listings.empty() && v.related.empty()) ||
            std::find(producers.begin(), producers.end(), v.producer) != producers.end())
            continue;
        producers.push_back(v.producer);
        appendix << "<h3>" << vendor_html(v.producer, db) << "</h3>";
        producer_tables(appendix, v, db);
    }
    if (!producers.empty())
        h << "<section id=\"producers\" class=\"print-only\"><h2>Producers: other listings and related parties</h2>" << appendix.str()
          << "</section>\n";

    // ---- footer, data, script
    h << "<footer><p><strong>A technical aid, not legal advice.</strong> Verdicts rest on passively observed network traffic and on "
         "the listings and vendor relations as of the dates above; confirm covered status with counsel or the contracting officer "
         "before acting on it. Unknown is never a clean result.</p><p>Written by camsweep "
      << html_escape(CAMSWEEP_VERSION) << ". Complete record with every field: <span class=\"mono\">--format json</span>.</p></footer>\n";
    nlohmann::ordered_json data{{"audit_date", audit}, {"devices", data_devices}};
    h << "<script type=\"application/json\" id=\"report-data\">" << json_for_script(data) << "</script>\n"
      << "<script>" << kScript << "</script>\n</body>\n</html>\n";
    // No local directory of the auditor's in the hand-over: an input named by its path also
    // appears in evidence ("/home/alice/site.pcap:frame 12"), everywhere as its file name.
    std::string document = h.str();
    for (const auto& in : inventory.inputs) {
        const std::string shown = input_display_name(in.path);
        for (const std::string& path : {in.path, html_escape(in.path)}) {
            if (path.find('/') == std::string::npos) continue;
            for (std::size_t at = document.find(path); at != std::string::npos; at = document.find(path, at + shown.size()))
                document.replace(at, path.size(), shown);
        }
    }
    out << document;
}

}  // namespace camsweep
