// HTML report: SHA-256 against the FIPS 180-2 vectors, the CSP hash of the inline script,
// escaping of hostile device strings in every field, the JSON data block, links, stability.
// (The browser-side checks are tests/browser/html_report.mjs, run by tests/e2e/html_report.sh.)
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <regex>
#include <sstream>
#include <string>

#include "camsweep/core/text.hpp"
#include "camsweep/report/html.hpp"
#include "camsweep/report/sha256.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// ---- SHA-256 --------------------------------------------------------------------------------

TEST(Sha256, Fips180Vectors) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(sha256_hex(std::string(1000000, 'a')), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, PaddingBoundaries) {
    // 55 bytes fit the length in the same block, 56..63 need a second padding block.
    EXPECT_EQ(sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(sha256_hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256, Base64AndCspSource) {
    const std::uint8_t bytes[] = {'f', 'o', 'o', 'b', 'a', 'r'};
    EXPECT_EQ(base64(bytes, 0), "");
    EXPECT_EQ(base64(bytes, 1), "Zg==");
    EXPECT_EQ(base64(bytes, 2), "Zm8=");
    EXPECT_EQ(base64(bytes, 3), "Zm9v");
    EXPECT_EQ(base64(bytes, 6), "Zm9vYmFy");
    // The CSP example of the W3C spec: alert('Hello, world.');
    EXPECT_EQ(csp_sha256_source("alert('Hello, world.');"), "sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng=");
}

// ---- the report -------------------------------------------------------------------------------

const char* const kScriptTag = "<script>alert(1)</script>";
const char* const kImgTag = "\"><img src=x onerror=alert(1)>";
const char* const kTitleBreak = "</title><script>alert(3)</script>";
const char* const kScriptEnd = "</script><script>alert(4)</script>";
const char* const kBadUtf8 = "\xff\xfe<x";
const char* const kLineSep = "a\u2028b\u2029c";

const SignatureDatabase& db() { return hikvision_lts_db(); }

// A device whose every device-controlled string is hostile.
Device hostile_device() {
    Device d;
    d.id = "dev-001";
    d.macs = {mac("14:2f:fd:08:4c:21")};
    d.ips = {ip("192.168.10.41")};
    d.serials = {kImgTag, kBadUtf8};
    d.uuids = {kScriptEnd};
    d.first_seen = 1793610004;
    d.last_seen = 1793610010;
    d.protocols = {"sadp"};
    d.observation_count = 2;
    d.channel = kTitleBreak;
    d.parent_id = "dev-002";
    d.attributes = {{"vendor", {{"hikvision", 1.0}}},
                    {"brand", {{"lts", 0.6}}},
                    {"model", {{kScriptTag, 0.9}}},
                    {"firmware", {{kScriptEnd, 0.9}}},
                    {"device_type", {{kLineSep, 0.9}}}};
    Evidence e;
    e.rule_id = "hikvision.sadp.device-description";
    e.field = "sadp.device_description";
    e.value = std::string(kScriptTag) + kImgTag + kTitleBreak + kScriptEnd + kBadUtf8 + kLineSep + "\x1b[31m";
    e.weight = 0.9;
    e.claims = {{"vendor", "hikvision"}, {"model", kScriptTag}};
    e.protocol = "sadp";
    e.time = 1793610010.001;
    e.where = std::string("caps/") + kImgTag + ".pcap:frame 13";
    e.references = {kTitleBreak};
    d.evidence.push_back(e);

    Verdict& v = d.verdict;
    v.status = VerdictStatus::covered;
    v.confidence = 1.0;
    v.producer = "hikvision";
    v.purpose_qualified = true;
    v.purpose_qualifier = "to the extent it is used for public safety";
    v.reason = std::string("Produced by a listed entity: Hikvision ") + kScriptTag;
    ListingHit h = section889_hikvision_hit();
    h.entity = "Hangzhou Hikvision Digital Technology Company";
    h.entity_ref = "hikvision";
    h.paragraph = "(f)(3)(B)";
    h.url = "https://www.acquisition.gov/far/52.204-25";
    h.status = "V1";
    v.listings = {h};
    ListingHit other = h;
    other.listing_id = "el-hikvision-2019";
    other.regime = "entity_list";
    other.regime_name = "Commerce Entity List";
    other.url = "javascript:alert(5)";  // never a link
    other.citation = kImgTag;
    v.other_listings = {other};
    ChainLink related{"hikvision", "component_supplier", "hisilicon", "medium", "V2", kScriptTag, "", ""};
    v.related = {related};
    return d;
}

Device lorex_like() {
    Device d;
    d.id = "dev-002";
    d.macs = {mac("00:1f:54:7d:20:9b")};
    d.ips = {ip("192.168.10.71")};
    d.first_seen = d.last_seen = 1793610036;
    d.protocols = {"dhcp"};
    d.observation_count = 1;
    d.attributes = {{"vendor", {{"lts", 0.7}}}};
    Verdict& v = d.verdict;
    v.status = VerdictStatus::likely_covered;
    v.confidence = 0.56;
    v.producer = "lts";
    v.reason = "Probably produced by a listed entity";
    v.chain = {ChainLink{"lts", "oem_of", "hikvision", "medium", "V2", "court filing", "2022-11-24", ""}};
    ListingHit h;
    h.listing_id = "s889-hikvision";
    h.regime_name = "NDAA FY2019 §889";
    h.entity = "Hangzhou Hikvision Digital Technology Company";
    h.entity_ref = "hikvision";
    h.citation = "Pub. L. 115-232 §889(f)(3)(B)";
    h.url = "https://www.acquisition.gov/far/52.204-25";
    h.status = "V2";
    v.listings = {h};
    return d;
}

Inventory inventory() {
    Inventory inv = audited_inventory({hostile_device(), lorex_like()}, std::string("caps/") + kTitleBreak + ".pcap");
    inv.inputs[0].packets = 10;
    inv.warnings = {std::string("caps/x.pcap:frame 3: ") + kScriptTag};
    return inv;
}

std::string render(const Inventory& inv) {
    std::ostringstream out;
    write_html(out, inv, db());
    return out.str();
}

// Text between the first `open` after `from` and the next `close`.
std::string between(const std::string& doc, const std::string& open, const std::string& close, std::size_t from = 0) {
    auto start = doc.find(open, from);
    if (start == std::string::npos) return "";
    start += open.size();
    auto end = doc.find(close, start);
    return end == std::string::npos ? "" : doc.substr(start, end - start);
}

std::size_t count(const std::string& doc, const std::string& what) {
    std::size_t n = 0;
    for (auto pos = doc.find(what); pos != std::string::npos; pos = doc.find(what, pos + 1)) ++n;
    return n;
}

TEST(HtmlReport, EscapeFunction) {
    EXPECT_EQ(html_escape("<a href=\"x\">&'</a>"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    EXPECT_EQ(html_escape("A\xff" "B"), "A\\xffB");                  // invalid UTF-8: visible \xNN
    EXPECT_EQ(html_escape("\x1b[2J\x07"), "\\x1b[2J\\x07");          // control characters too
    EXPECT_EQ(html_escape("ab\u202ecd"), "ab\\u202Ecd");               // bidi override shown, not obeyed
    EXPECT_EQ(html_escape("Hikvision \u00e9\u4e2d"), "Hikvision \u00e9\u4e2d");  // valid text unchanged
}

TEST(HtmlReport, HostileStringsNeverFormMarkup) {
    std::string doc = render(inventory());
    // The only elements are the report's own: exactly two script elements, one of them data.
    EXPECT_EQ(count(doc, "<script"), 2u);
    EXPECT_EQ(count(doc, "</script>"), 2u);
    EXPECT_EQ(count(doc, "<script type=\"application/json\" id=\"report-data\">"), 1u);
    std::string head = between(doc, "<head>", "</head>");
    EXPECT_EQ(count(head, "<title>"), 1u);
    EXPECT_EQ(count(head, "</title>"), 1u);
    EXPECT_EQ(count(doc, "<title>camsweep device inventory"), 1u);
    EXPECT_EQ(doc.find("<img"), std::string::npos);
    EXPECT_EQ(doc.find("\"><img"), std::string::npos);
    EXPECT_NE(doc.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(doc.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
    EXPECT_NE(doc.find("&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"), std::string::npos);
    // Invalid UTF-8 and controls as visible escapes; the document is valid UTF-8.
    EXPECT_NE(doc.find("\\xff\\xfe&lt;x"), std::string::npos);
    EXPECT_NE(doc.find("\\x1b[31m"), std::string::npos);
    EXPECT_EQ(doc.find('\xff'), std::string::npos);
    EXPECT_EQ(doc.find('\x1b'), std::string::npos);
    EXPECT_EQ(utf8_or_escaped(doc), doc);
    // Every field the hostile device fills appears escaped: model, firmware, type, serials,
    // uuid, channel, evidence value/where/references, reason, citation, related source, input
    // path, warning.
    EXPECT_GE(count(doc, "&lt;script&gt;alert(1)&lt;/script&gt;"), 6u);
    EXPECT_GE(count(doc, "&lt;/script&gt;&lt;script&gt;alert(4)&lt;/script&gt;"), 3u);
    EXPECT_GE(count(doc, "&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;"), 3u);
    EXPECT_GE(count(doc, "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), 3u);
}

TEST(HtmlReport, TagsCarryNoHostileAttributes) {
    std::string doc = render(inventory());
    std::string body = doc.substr(doc.find("</style>"));
    std::regex tag("<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    std::regex handler("\\son[a-z]+\\s*=", std::regex::icase);
    for (auto it = std::sregex_iterator(body.begin(), body.end(), tag); it != std::sregex_iterator(); ++it) {
        std::string name = (*it)[1], attributes = (*it)[2];
        EXPECT_FALSE(std::regex_search(attributes, handler)) << it->str();
        EXPECT_EQ(attributes.find("src="), std::string::npos) << it->str();
        EXPECT_EQ(attributes.find("style="), std::string::npos) << it->str();
        if (attributes.find("href=") != std::string::npos) {
            EXPECT_EQ(name, "a");
            EXPECT_EQ(attributes.rfind(" class=\"ext\" href=\"https://", 0), 0u) << it->str();
        }
    }
}

TEST(HtmlReport, NoUrlOutsideListingLinks) {
    std::string doc = render(inventory());
    // Every URL in the document is a listing's: the link's href and its text.
    std::size_t links = count(doc, "<a class=\"ext\" href=\"https://www.acquisition.gov/far/52.204-25\"");
    EXPECT_EQ(links, 2u);  // one listing on each device
    EXPECT_EQ(count(doc, "https://") + count(doc, "http://"), 2 * links);
    EXPECT_EQ(count(doc, "http"), 2 * links + 1);  // and http-equiv
    // A javascript: URL stays text.
    EXPECT_NE(doc.find("<span class=\"mono\">javascript:alert(5)</span>"), std::string::npos);
    EXPECT_EQ(doc.find("href=\"javascript"), std::string::npos);
    std::string style = between(doc, "<style>", "</style>");
    EXPECT_EQ(style.find("url("), std::string::npos);
    EXPECT_EQ(style.find("@import"), std::string::npos);
    EXPECT_EQ(doc.find("<link"), std::string::npos);
}

TEST(HtmlReport, CspAdmitsExactlyTheInlineScript) {
    std::string doc = render(inventory());
    std::string csp = between(doc, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">");
    ASSERT_FALSE(csp.empty());
    // The CSP comes before any style or script.
    EXPECT_LT(doc.find("Content-Security-Policy"), doc.find("<style>"));
    EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
    EXPECT_NE(csp.find("style-src 'unsafe-inline'"), std::string::npos);
    EXPECT_EQ(csp.find("script-src 'unsafe-inline'"), std::string::npos);
    std::string script = between(doc, "<script>", "</script>");
    EXPECT_EQ(script, html_report_script());
    EXPECT_NE(csp.find("script-src '" + csp_sha256_source(script) + "'"), std::string::npos) << csp;
    // The hash is of the script's exact text: what the page carries, byte for byte.
    EXPECT_EQ(csp_sha256_source(html_report_script()).size(), 7u + 44u);
}

TEST(HtmlReport, JsonDataBlockIsInertAndComplete) {
    std::string doc = render(inventory());
    std::string block = between(doc, "<script type=\"application/json\" id=\"report-data\">", "</script>");
    ASSERT_FALSE(block.empty());
    for (char c : {'<', '>', '&'}) EXPECT_EQ(block.find(c), std::string::npos) << c;
    EXPECT_EQ(block.find("\u2028"), std::string::npos);
    EXPECT_EQ(block.find("\u2029"), std::string::npos);
    EXPECT_NE(block.find("\\u2028"), std::string::npos);
    auto data = nlohmann::json::parse(block);
    ASSERT_EQ(data["devices"].size(), 2u);
    const auto& d = data["devices"][0];
    EXPECT_EQ(d["model"], kScriptTag);  // the text as shown, for sorting and filtering
    EXPECT_EQ(d["firmware"], kScriptEnd);
    EXPECT_EQ(d["type"], kLineSep);
    EXPECT_EQ(d["serials"][0], kImgTag);
    EXPECT_EQ(d["serials"][1], "\\xff\\xfe<x");
    EXPECT_EQ(d["verdict"], "covered");
    EXPECT_EQ(d["maker"], "Hikvision");
    EXPECT_EQ(d["brand"], "LTS");
    EXPECT_EQ(data["devices"][1]["verdict"], "likely-covered");
}

TEST(HtmlReport, SummaryChainAndEvidence) {
    std::string doc = render(inventory());
    EXPECT_NE(doc.find("<span class=\"n\" id=\"count-devices\">2</span>"), std::string::npos);
    EXPECT_NE(doc.find("<span class=\"n\" id=\"count-covered\">1</span>"), std::string::npos);
    EXPECT_NE(doc.find("<span class=\"n\" id=\"count-likely-covered\">1</span>"), std::string::npos);
    EXPECT_NE(doc.find("<span class=\"n\" id=\"count-not-covered\">0</span>"), std::string::npos);
    EXPECT_NE(doc.find("<span class=\"n\" id=\"count-unknown\">0</span>"), std::string::npos);
    for (const char* chart : {"chart-verdict", "chart-vendor", "chart-type"}) EXPECT_NE(doc.find(chart), std::string::npos);
    // The LTS-branded device: brand -> produced_by -> Hikvision -> listed entity -> §889.
    std::string first = between(doc, "<tbody class=\"device\" id=\"dev-001\"", "</details></td></tr></tbody>");
    std::string chain = between(first, "<div class=\"chain\">", "</div>");
    auto brand = chain.find("LTS"), produced = chain.find("produced_by"), hik = chain.find("Hikvision"),
         entity = chain.find("Hangzhou Hikvision Digital Technology Company"), regime = chain.find("NDAA FY2019 §889(f)(3)(B)");
    EXPECT_LT(brand, produced);
    EXPECT_LT(produced, hik);
    EXPECT_LT(hik, entity);
    EXPECT_LT(entity, regime);
    EXPECT_NE(chain.find("Pub. L. 115-232 §889(f)(3)(B); FAR 52.204-25(a)"), std::string::npos);
    EXPECT_NE(first.find("Purpose-qualified"), std::string::npos);
    EXPECT_NE(first.find("hikvision.sadp.device-description"), std::string::npos);
    EXPECT_NE(first.find("Other listings"), std::string::npos);
    EXPECT_NE(first.find("component_supplier"), std::string::npos);
    // The OEM device: oem_of with its certainty and date.
    std::string second = between(doc, "<tbody class=\"device\" id=\"dev-002\"", "</details></td></tr></tbody>");
    EXPECT_NE(second.find("oem_of"), std::string::npos);
    EXPECT_NE(second.find("since 2022-11-24"), std::string::npos);
    // Readable without script: every device's details start open.
    EXPECT_EQ(count(doc, "<details class=\"device-detail\" data-collapse open>"), 2u);
    EXPECT_NE(doc.find("not legal advice"), std::string::npos);
    EXPECT_NE(doc.find("@media print"), std::string::npos);
}

// ---- what each device sent ----------------------------------------------------------------

// One camera whose Server header matched a rule and whose other banners matched none (one of
// them hostile), and one that sent 230 distinct values.
Inventory senders() {
    Device cam;
    cam.id = "dev-001";
    cam.macs = {mac("02:11:22:33:44:55")};
    cam.first_seen = 1793610000;
    cam.last_seen = 1793610010;
    cam.protocols = {"http", "ssdp"};
    cam.observations = {
        observed(1793610000, "http", {{"http.server", "App-webs/"}, {"http.realm", "Boa/0.94.14rc21"}, {"id.mac", "02:11:22:33:44:55"}}),
        observed(1793610010, "ssdp",
                 {{"ssdp.server", std::string("Linux ") + kScriptTag + kImgTag + kBadUtf8 + "\x1b[31m\u202e" + kLineSep}})};
    Evidence e;
    e.rule_id = "hikvision.http.server-app-webs";
    e.field = "http.server";
    e.value = "App-webs/";
    e.weight = 0.6;
    e.protocol = "http";
    cam.evidence = {e};
    Device chatty;
    chatty.id = "dev-002";
    for (int i = 0; i < 230; ++i)
        chatty.observations.push_back(observed(1793610000 + i, "mdns", {{"mdns.name", "host-" + std::to_string(i) + ".local"}}));
    Inventory inv;
    inv.devices = {cam, chatty};
    inv.audit_date = *Date::parse("2026-11-23");
    return inv;
}

TEST(HtmlReport, WhatItSentShowsMatchedAndUnmatchedValues) {
    std::string doc = render(senders());
    std::string first = between(doc, "<tbody class=\"device\" id=\"dev-001\"", "</details></td></tr></tbody>");
    // Under the evidence, before the identity.
    auto evidence = first.find("<h4>Evidence</h4>"), sent = first.find("<h4>What it sent</h4>"), identity = first.find("<h4>Identity</h4>");
    ASSERT_NE(sent, std::string::npos);
    EXPECT_LT(evidence, sent);
    EXPECT_LT(sent, identity);
    std::string table = between(first, "<table class=\"sub sent\">", "</table>");
    EXPECT_NE(table.find("<tr class=\"matched\"><td>http</td><td class=\"mono\">http.server</td><td class=\"value\">App-webs/</td>"
                         "<td class=\"vid\">2026-11-02T09:00:00.000000Z</td><td class=\"mono\">hikvision.http.server-app-webs</td>"),
              std::string::npos)
        << table;
    EXPECT_NE(table.find("<tr class=\"unmatched\"><td>http</td><td class=\"mono\">http.realm</td><td class=\"value\">Boa/0.94.14rc21</td>"),
              std::string::npos)
        << table;
    EXPECT_EQ(count(table, "<tr class="), 3u);  // id.mac is not listed
    EXPECT_EQ(table.find("id.mac"), std::string::npos);
    // The hostile SSDP SERVER: text, never markup.
    EXPECT_NE(table.find("<td class=\"value\">Linux &lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
                         "\\xff\\xfe&lt;x\\x1b[31m\\u202E"),
              std::string::npos)
        << table;
    EXPECT_EQ(doc.find("<img"), std::string::npos);
    EXPECT_EQ(count(doc, "<script"), 2u);
    EXPECT_EQ(doc.find('\x1b'), std::string::npos);
    EXPECT_EQ(doc.find("\u202e"), std::string::npos);
    EXPECT_EQ(utf8_or_escaped(doc), doc);
    // The CSP still admits exactly the inline script.
    std::string csp = between(doc, "<meta http-equiv=\"Content-Security-Policy\" content=\"", "\">");
    EXPECT_NE(csp.find("script-src '" + csp_sha256_source(between(doc, "<script>", "</script>")) + "'"), std::string::npos);
    // The bound: 200 rows and a count of the rest.
    std::string second = between(doc, "<tbody class=\"device\" id=\"dev-002\"", "</details></td></tr></tbody>");
    EXPECT_EQ(count(between(second, "<table class=\"sub sent\">", "</table>"), "<tr class=\"unmatched\">"), 200u);
    EXPECT_NE(second.find("host-199.local"), std::string::npos);
    EXPECT_EQ(second.find("host-200.local"), std::string::npos);
    EXPECT_NE(second.find("<p class=\"muted sent-omitted\">30 further distinct value(s) not shown"), std::string::npos);
    EXPECT_EQ(first.find("sent-omitted"), std::string::npos);
}

TEST(HtmlReport, EachMacShowsWhereItCameFromAndRoutersAreApart) {
    Inventory inv = inventory();
    Device& d = inv.devices[0];
    d.macs = {mac("14:2f:fd:08:4c:21"), mac("14:2f:fd:08:4c:22")};
    d.mac_origins = {MacOrigin{mac("14:2f:fd:08:4c:21"), {"frame", "payload:sadp"}},
                     MacOrigin{mac("00:b5:6d:06:08:ba"), {"frame:routed"}},
                     MacOrigin{mac("14:2f:fd:08:4c:22"), {"ipv6:eui64"}}};
    std::string doc = render(inv);
    std::string first = between(doc, "<tbody class=\"device\" id=\"dev-001\"", "</details></td></tr></tbody>");
    // In the table, next to each of the device's MACs; the router's MAC is not one of them.
    std::string cell = between(first, "<td class=\"macs\">", "</td>");
    EXPECT_EQ(cell,
              "14:2f:fd:08:4c:21<span class=\"vid mac-origin\">frame, payload:sadp</span><br>"
              "14:2f:fd:08:4c:22<span class=\"vid mac-origin\">ipv6:eui64</span>");
    // Under Identity, the router's MAC, said to be the router's.
    std::string routers = between(first, "<dt>Routed through</dt><dd class=\"mono routers\">", "</dd>");
    EXPECT_EQ(routers.rfind("00:b5:6d:06:08:ba<span class=\"vid mac-origin\">frame:routed</span>", 0), 0u) << routers;
    EXPECT_NE(routers.find("the router's, not the device's"), std::string::npos);
    // A device seen through no router has no such entry; the filter data holds the MACs only.
    std::string second = between(doc, "<tbody class=\"device\" id=\"dev-002\"", "</details></td></tr></tbody>");
    EXPECT_EQ(second.find("Routed through"), std::string::npos);
    auto data = nlohmann::json::parse(between(doc, "<script type=\"application/json\" id=\"report-data\">", "</script>"));
    EXPECT_EQ(data["devices"][0]["macs"], nlohmann::json::parse(R"(["14:2f:fd:08:4c:21", "14:2f:fd:08:4c:22"])"));
}

TEST(HtmlReport, StableAndSelfContained) {
    Inventory inv = inventory();
    std::string a = render(inv), b = render(inv);
    EXPECT_EQ(a, b);
    EXPECT_EQ(a.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(a.substr(a.size() - 8), "</html>\n");
    Inventory empty;
    empty.audit_date = *Date::parse("2026-11-23");
    std::string none = render(empty);
    EXPECT_NE(none.find("id=\"count-devices\">0<"), std::string::npos);
    EXPECT_NE(none.find("No devices were found"), std::string::npos);
}

}  // namespace
}  // namespace camsweep
