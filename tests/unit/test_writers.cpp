// Report writers: JSON stays valid with hostile bytes, CSV neutralises formulas, the table
// escapes control sequences and keeps within 108 columns; what each device sent (sent_fields)
// is listed, matched or not, bounded and escaped in JSON and CSV.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "camsweep/core/text.hpp"
#include "camsweep/report/sent.hpp"
#include "camsweep/report/writers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

const SignatureDatabase& empty_db() { return hikvision_lts_db(); }

Device hostile_device() {
    Device d;
    d.id = "dev-001";
    d.macs = {mac("58:50:ed:1f:e3:85")};
    d.ips = {ip("192.168.124.40"), ip("fe80::5a50:edff:fe1f:e385")};
    d.serials = {"SN\xff\xfe" "1"};
    d.uuids = {"aa85c000-6324-11b3-819e-5850ed1fe385"};
    d.first_seen = 1500000000.5;
    d.last_seen = 1500000100;
    d.protocols = {"sadp", "wsd"};
    d.observation_count = 3;
    d.attributes = {{"vendor", {{"hikvision", 0.97}}},
                    {"brand", {{"lts", 0.6}}},
                    {"model", {{"DS-2CD\x1b[2J\x1b]0;pwned\x07\xc2\x9b" "31m\xff", 0.9}}},
                    {"firmware", {{"V5.6.2build 190701", 0.8}}}};
    Evidence e;
    e.rule_id = "hikvision.sadp.device-sn";
    e.field = "sadp.device_sn";
    e.value = "DS-2CD2385G1-I\xc0\xaf";
    e.weight = 0.9;
    e.claims = {{"model", "DS-2CD2385G1-I\xe6\xb5"}};
    e.protocol = "sadp";
    e.time = 1500000000.5;
    e.where = "caps/\xfe.pcap:frame 12";
    d.evidence.push_back(e);
    Verdict& v = d.verdict;
    v.status = VerdictStatus::covered;
    v.confidence = 0.97;
    v.producer = "hikvision";
    v.listings = {section889_hikvision_hit()};
    v.purpose_qualified = true;
    v.purpose_qualifier = "public safety";
    v.reason = "Produced by a listed entity: Hikvision (confidence 0.97) \xff";
    return d;
}

Inventory inventory_of(std::vector<Device> devices) {
    Inventory inv = audited_inventory(std::move(devices), "caps/\xfe\xff.pcap");
    inv.inputs[0].link_types = {1};
    inv.inputs[0].packets = 10;
    inv.warnings = {"caps/x.pcap:frame 3: SADP XML invalid \xff"};
    return inv;
}

TEST(WriteJson, ValidJsonWithInvalidUtf8EscapedNotDropped) {
    std::ostringstream out;
    write_json(out, inventory_of({hostile_device()}), empty_db());
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(out.str())) << out.str();
    EXPECT_EQ(doc["format"], "camsweep-inventory");
    EXPECT_EQ(doc["audit_date"], "2026-11-23");
    ASSERT_EQ(doc["devices"].size(), 1u);
    const auto& d = doc["devices"][0];
    EXPECT_EQ(d["serials"][0], "SN\\xff\\xfe1");
    EXPECT_EQ(d["model"]["value"], "DS-2CD\x1b[2J\x1b]0;pwned\x07\xc2\x9b" "31m\\xff");
    EXPECT_EQ(d["evidence"][0]["value"], "DS-2CD2385G1-I\\xc0\\xaf");
    EXPECT_EQ(d["evidence"][0]["claims"]["model"], "DS-2CD2385G1-I\\xe6\\xb5");
    EXPECT_EQ(d["evidence"][0]["where"], "caps/\\xfe.pcap:frame 12");
    EXPECT_EQ(d["verdict"]["reason"], "Produced by a listed entity: Hikvision (confidence 0.97) \\xff");
    EXPECT_EQ(d["verdict"]["status"], "covered");
    EXPECT_EQ(d["verdict"]["purpose_qualified"], true);
    EXPECT_EQ(d["verdict"]["listings"][0]["citation"], "Pub. L. 115-232 §889(f)(3)(B); FAR 52.204-25(a)");
    EXPECT_EQ(d["vendor"]["id"], "hikvision");
    EXPECT_EQ(d["vendor"]["name"], "Hikvision");
    EXPECT_EQ(d["macs"][0], "58:50:ed:1f:e3:85");
    EXPECT_EQ(d["ips"][1], "fe80::5a50:edff:fe1f:e385");
    EXPECT_EQ(d["first_seen"], "2017-07-14T02:40:00.500000Z");
    EXPECT_TRUE(d["parent"].is_null());
    EXPECT_EQ(doc["inputs"][0]["path"], "caps/\\xfe\\xff.pcap");
    EXPECT_EQ(doc["warnings"][0], "caps/x.pcap:frame 3: SADP XML invalid \\xff");
    EXPECT_EQ(doc["summary"]["devices"], 1);
    EXPECT_EQ(doc["summary"]["by_verdict"]["covered"], 1);
    EXPECT_EQ(doc["summary"]["by_verdict"]["unknown"], 0);
    // The raw text has no raw ESC byte: JSON escapes it.
    EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
}

TEST(WriteJson, MacOriginsSayWhereEachMacCameFromRoutersIncluded) {
    Device d = hostile_device();
    d.macs = {mac("58:50:ed:1f:e3:85"), mac("58:50:ed:1f:e3:86")};
    d.mac_origins = {MacOrigin{mac("58:50:ed:1f:e3:85"), {"frame", "payload:sadp"}},
                     MacOrigin{mac("00:b5:6d:06:08:ba"), {"frame:routed"}},
                     MacOrigin{mac("58:50:ed:1f:e3:86"), {"ipv6:eui64"}}};
    std::ostringstream out;
    write_json(out, inventory_of({d, Device{}}), empty_db());
    auto doc = nlohmann::ordered_json::parse(out.str());
    EXPECT_EQ(doc["format_version"], 4);
    const auto& j = doc["devices"][0];
    // Right after macs, in the order seen, one entry per MAC with its sources in order.
    std::vector<std::string> keys;
    for (const auto& [k, v] : j.items()) keys.push_back(k);
    ASSERT_GE(keys.size(), 4u);
    EXPECT_EQ(keys[1], "macs");
    EXPECT_EQ(keys[2], "mac_origins");
    EXPECT_EQ(keys[3], "ips");
    auto want = nlohmann::ordered_json::parse(R"([
      {"mac": "58:50:ed:1f:e3:85", "sources": ["frame", "payload:sadp"]},
      {"mac": "00:b5:6d:06:08:ba", "sources": ["frame:routed"]},
      {"mac": "58:50:ed:1f:e3:86", "sources": ["ipv6:eui64"]}])");
    EXPECT_EQ(j["mac_origins"], want) << j["mac_origins"].dump();
    // The router's MAC is provenance only, never one of the device's MACs.
    EXPECT_EQ(j["macs"], nlohmann::ordered_json::parse(R"(["58:50:ed:1f:e3:85", "58:50:ed:1f:e3:86"])"));
    // A device without MACs has an empty list, never null.
    EXPECT_TRUE(doc["devices"][1]["mac_origins"].is_array());
    EXPECT_TRUE(doc["devices"][1]["mac_origins"].empty());
}

TEST(WriteJson, ChannelAndParentAndEmptyInventory) {
    Device nvr = hostile_device();
    Device cam;
    cam.id = "dev-002";
    cam.parent_id = "dev-001";
    cam.channel = "3\xff";
    std::ostringstream out;
    write_json(out, inventory_of({nvr, cam}), empty_db());
    auto doc = nlohmann::json::parse(out.str());
    EXPECT_EQ(doc["devices"][1]["parent"], "dev-001");
    EXPECT_EQ(doc["devices"][1]["channel"], "3\\xff");
    EXPECT_TRUE(doc["devices"][1]["vendor"].is_null());
    EXPECT_EQ(doc["devices"][1]["verdict"]["status"], "unknown");

    std::ostringstream empty;
    write_json(empty, inventory_of({}), empty_db());
    auto e = nlohmann::json::parse(empty.str());
    EXPECT_TRUE(e["devices"].empty());
    EXPECT_EQ(e["summary"]["devices"], 0);
}

// RFC 4180 reader for the test: rows of cells, CRLF line ends, "" inside quotes.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, in_quotes = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                in_quotes = false;
            } else {
                cell += c;
            }
        } else if (c == '"' && cell.empty() && !quoted) {
            in_quotes = quoted = true;
        } else if (c == ',') {
            row.push_back(cell);
            cell.clear();
            quoted = false;
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            row.push_back(cell);
            rows.push_back(row);
            row.clear();
            cell.clear();
            quoted = false;
            ++i;
        } else {
            EXPECT_FALSE(quoted) << "text after a closing quote at " << i;
            EXPECT_NE(c, '\n') << "bare newline outside quotes at " << i;
            EXPECT_NE(c, '"') << "quote inside an unquoted cell at " << i;
            cell += c;
        }
    }
    EXPECT_FALSE(in_quotes) << "unterminated quoted cell";
    EXPECT_TRUE(row.empty() && cell.empty()) << "last line without CRLF";
    return rows;
}

TEST(WriteCsv, FormulasAreNeutralisedAndSpecialCharactersQuoted) {
    Device d = hostile_device();
    d.attributes = {{"vendor", {{"hikvision", 0.97}}},
                    {"model", {{"=HYPERLINK(\"http://evil.example/\",\"click\")", 0.9}}},
                    {"firmware", {{"-2+3", 0.5}}},
                    {"device_type", {{"@SUM(A1:A9)", 0.5}}}};
    d.serials = {"+cmd|' /C calc'!A0"};
    d.verdict.reason = "line one\nline two, with \"quotes\"";
    Device tab;
    tab.id = "dev-002";
    tab.attributes = {{"model", {{"\t=1+1", 0.5}}}};
    std::ostringstream out;
    write_csv(out, inventory_of({d, tab}), empty_db());
    auto rows = parse_csv(out.str());
    ASSERT_EQ(rows.size(), 3u) << out.str();
    const auto& header = rows[0];
    ASSERT_EQ(header.size(), 22u);
    auto col = [&](std::string_view name) {
        auto it = std::find(header.begin(), header.end(), name);
        EXPECT_NE(it, header.end()) << name;
        return static_cast<std::size_t>(it - header.begin());
    };
    for (const auto& row : rows) EXPECT_EQ(row.size(), 22u);
    const auto& r = rows[1];
    EXPECT_EQ(r[col("id")], "dev-001");
    EXPECT_EQ(r[col("verdict")], "covered");
    EXPECT_EQ(r[col("purpose_qualified")], "yes");
    EXPECT_EQ(r[col("vendor")], "Hikvision");
    EXPECT_EQ(r[col("model")], "'=HYPERLINK(\"http://evil.example/\",\"click\")");
    EXPECT_EQ(r[col("firmware")], "'-2+3");
    EXPECT_EQ(r[col("device_type")], "'@SUM(A1:A9)");
    EXPECT_EQ(r[col("category")], "unidentified");  // built here, never classified
    EXPECT_EQ(r[col("serials")], "'+cmd|' /C calc'!A0");
    // Line breaks become visible escapes; the quotes and the comma survive RFC 4180 quoting.
    EXPECT_EQ(r[col("reason")], "line one\\x0aline two, with \"quotes\"");
    EXPECT_EQ(r[col("macs")], "58:50:ed:1f:e3:85");
    EXPECT_NE(r[col("ips")].find("192.168.124.40"), std::string::npos);
    EXPECT_NE(r[col("ips")].find("fe80::5a50:edff:fe1f:e385"), std::string::npos);
    EXPECT_EQ(r[col("listings")], "s889-hikvision");
    // A leading tab is escaped, so the cell no longer starts a formula.
    EXPECT_EQ(rows[2][col("model")], "\\x09=1+1");
    // No cell of any row starts with a formula trigger.
    for (std::size_t i = 1; i < rows.size(); ++i)
        for (const auto& cell : rows[i])
            if (!cell.empty()) {
                EXPECT_EQ(std::string("=+-@\t\r").find(cell[0]), std::string::npos) << cell;
            }
}

TEST(WriteCsv, InvalidUtf8IsEscaped) {
    Device d = hostile_device();
    std::ostringstream out;
    write_csv(out, inventory_of({d}), empty_db());
    EXPECT_EQ(utf8_or_escaped(out.str()), out.str()) << "CSV output is not valid UTF-8";
    EXPECT_NE(out.str().find("SN\\xff\\xfe1"), std::string::npos);
}

// Display columns of one line: UTF-8 code points (ASCII escapes are 1 column each).
std::size_t columns(std::string_view line) {
    std::size_t n = 0;
    for (unsigned char c : line)
        if ((c & 0xc0) != 0x80) ++n;
    return n;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

Device long_device() {
    Device d = hostile_device();
    d.ips = {ip("2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff")};
    d.attributes[2].second[0].value = "DS-2CD" + std::string(200, 'X') + "海康威视海康威视海康威视";
    d.verdict.reason = "Produced by a listed entity: " + std::string(300, 'W') + " and then a long explanation " +
                       std::string(40, 'y') + " 海康威视" + std::string(120, 'z') + " end";
    ListingHit fcc = d.verdict.listings[0];
    fcc.listing_id = "fcc-hikvision";
    fcc.citation = "FCC PSHSB Public Notice, WC Docket 18-89 (Mar. 12, 2021); 47 CFR 1.50002";
    d.verdict.listings.push_back(fcc);
    ListingHit el = fcc;
    el.regime_name = "Commerce Entity List";
    d.verdict.other_listings = {el, el};
    d.parent_id = "dev-009";
    d.channel = "12";
    return d;
}

TEST(WriteTable, EscapesControlSequences) {
    std::ostringstream out;
    write_table(out, inventory_of({hostile_device()}), empty_db(), TableOptions{false, 2});
    const std::string text = out.str();
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\x07'), std::string::npos);
    EXPECT_EQ(text.find("\xc2\x9b"), std::string::npos);
    EXPECT_NE(text.find("\\x1b[2J"), std::string::npos) << text;
    EXPECT_NE(text.find("Hikvision / LTS"), std::string::npos) << text;
    EXPECT_NE(text.find("COVERED"), std::string::npos);
    for (char c : text) {
        unsigned char u = static_cast<unsigned char>(c);
        EXPECT_TRUE(u >= 0x20 || c == '\n') << "control byte " << static_cast<int>(u);
    }
}

TEST(WriteTable, ColourOnlyFromTheWriterItself) {
    std::ostringstream out;
    write_table(out, inventory_of({hostile_device()}), empty_db(), TableOptions{true, 1});
    std::string text = out.str();
    // Remove the writer's own SGR sequences; nothing control-like may remain.
    for (const char* sgr : {"\033[1;31m", "\033[33m", "\033[32m", "\033[35m", "\033[0m"})
        for (auto pos = text.find(sgr); pos != std::string::npos; pos = text.find(sgr)) text.erase(pos, std::string(sgr).size());
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
}

TEST(WriteTable, NeverWiderThan108ColumnsNormalVerbosity) {
    std::ostringstream out;
    std::vector<Device> devices;
    for (int i = 0; i < 12; ++i) {
        Device d = long_device();
        d.id = "dev-" + std::to_string(100 + i);
        d.verdict.status = static_cast<VerdictStatus>(i % 4);
        devices.push_back(d);
    }
    write_table(out, inventory_of(devices), empty_db(), TableOptions{false, 1});
    for (const auto& line : lines_of(out.str())) EXPECT_LE(columns(line), 108u) << "[" << line << "]";
}

TEST(WriteTable, NeverWiderThan108ColumnsVerbose) {
    std::ostringstream out;
    write_table(out, inventory_of({long_device()}), empty_db(), TableOptions{false, 2});
    for (const auto& line : lines_of(out.str())) EXPECT_LE(columns(line), 108u) << "[" << line << "]";
}

TEST(WriteTable, OutputIsValidUtf8) {
    std::ostringstream out;
    write_table(out, inventory_of({long_device()}), empty_db(), TableOptions{false, 2});
    EXPECT_EQ(utf8_or_escaped(out.str()), out.str()) << "a multi-byte character was cut";
}

TEST(WriteTable, QuietPrintsOnlyTheSummary) {
    std::ostringstream out;
    write_table(out, inventory_of({hostile_device()}), empty_db(), TableOptions{false, 0});
    auto lines = lines_of(out.str());
    ASSERT_EQ(lines.size(), 1u) << out.str();
    EXPECT_NE(lines[0].find("1 devices: 1 covered, 0 likely-covered, 0 not-covered, 0 unknown"), std::string::npos) << lines[0];
}

// ---- what each device sent --------------------------------------------------------------------

Observation observed(double time, std::string protocol, std::vector<std::pair<std::string, std::string>> fields) {
    Observation o = test::observed(time, std::move(protocol), std::move(fields));
    o.where = "x.pcap:frame 1";
    return o;
}

// A camera whose HTTP Server header and realm matched no rule: nothing in its evidence.
Device unmatched_http_device() {
    Device d;
    d.id = "dev-001";
    d.macs = {mac("02:11:22:33:44:55")};
    d.ips = {ip("192.168.10.90")};
    d.first_seen = 1793610000;
    d.last_seen = 1793610020;
    d.protocols = {"arp", "http"};
    d.observation_count = 3;
    d.observations = {observed(1793610020, "http", {{"http.server", "Boa/0.94.14rc21"}, {"http.realm", "IPCamera Login"}}),
                      observed(1793610000, "arp", {{"arp.op", "reply"}, {"id.mac", "02:11:22:33:44:55"}})};
    return d;
}

TEST(SentFields, DeduplicatedOrderedWithoutIdentityKeys) {
    Device d = unmatched_http_device();
    // The same banner again, earlier (a second capture): one entry, first seen at the earlier time.
    d.observations.push_back(observed(1793609990, "http", {{"http.server", "Boa/0.94.14rc21"}, {"http.status", "401"}}));
    // The same field and value from another protocol is another entry; an empty value is none.
    d.observations.push_back(observed(1793610030, "rtsp", {{"http.server", "Boa/0.94.14rc21"}, {"rtsp.server", ""}}));
    d.observations.push_back(observed(1793610040, "sadp", {{"id.serial", "SN1"}, {"id.uuid", "u"}, {"id.ipv4", "1.2.3.4"},
                                                           {"id.channel", "2"}, {"sadp.device_sn", "SN1"}}));
    SentFields sent = sent_fields(d);
    std::vector<std::string> got;
    for (const auto& f : sent.fields) got.push_back(f.protocol + " " + f.field + "=" + f.value + " @" + iso8601_utc(f.first_seen));
    std::vector<std::string> want = {
        "http http.server=Boa/0.94.14rc21 @2026-11-02T08:59:50.000000Z",
        "http http.status=401 @2026-11-02T08:59:50.000000Z",
        "arp arp.op=reply @2026-11-02T09:00:00.000000Z",
        "http http.realm=IPCamera Login @2026-11-02T09:00:20.000000Z",
        "rtsp http.server=Boa/0.94.14rc21 @2026-11-02T09:00:30.000000Z",
        "sadp sadp.device_sn=SN1 @2026-11-02T09:00:40.000000Z",
    };
    EXPECT_EQ(got, want);
    EXPECT_EQ(sent.omitted, 0u);
    EXPECT_TRUE(is_identity_field("id.mac"));
    EXPECT_FALSE(is_identity_field("ipv6.eui64_mac"));
    EXPECT_EQ(sent_text(sent.fields[0]), "http.server=Boa/0.94.14rc21");
}

// A device sending 250 distinct values (a hostile one could send thousands).
Device chatty_device(std::size_t distinct, const std::string& filler = "") {
    Device d = unmatched_http_device();
    d.observations.clear();
    for (std::size_t i = 0; i < distinct; ++i)
        d.observations.push_back(observed(1793610000 + static_cast<double>(distinct - i), "ssdp",
                                          {{"ssdp.server", "server-" + std::to_string(i) + filler}}));
    return d;
}

TEST(SentFields, BoundedWithACountOfTheRest) {
    SentFields sent = sent_fields(chatty_device(250));
    ASSERT_EQ(sent.fields.size(), kMaxSentFields);
    EXPECT_EQ(kMaxSentFields, 200u);
    EXPECT_EQ(sent.omitted, 50u);
    // The earliest are kept: the observations were appended latest first.
    EXPECT_EQ(sent.fields.front().value, "server-249");
    EXPECT_EQ(sent.fields.back().value, "server-50");
    SentFields small = sent_fields(chatty_device(5), 3);
    EXPECT_EQ(small.fields.size(), 3u);
    EXPECT_EQ(small.omitted, 2u);
    EXPECT_TRUE(sent_fields(Device{}).fields.empty());
}

TEST(WriteJson, UnmatchedBannerIsInSent) {
    std::ostringstream out;
    write_json(out, inventory_of({unmatched_http_device()}), empty_db());
    auto doc = nlohmann::ordered_json::parse(out.str());
    EXPECT_EQ(doc["format_version"], 4);
    const auto& d = doc["devices"][0];
    EXPECT_TRUE(d["evidence"].empty());
    // Key order: the two keys of version 2 come last, after evidence.
    std::vector<std::string> keys;
    for (const auto& [k, v] : d.items()) keys.push_back(k);
    ASSERT_GE(keys.size(), 3u);
    EXPECT_EQ(keys[keys.size() - 3], "evidence");
    EXPECT_EQ(keys[keys.size() - 2], "sent");
    EXPECT_EQ(keys[keys.size() - 1], "sent_omitted");
    nlohmann::ordered_json want = nlohmann::ordered_json::parse(R"([
      {"protocol": "arp", "field": "arp.op", "value": "reply", "first_seen": "2026-11-02T09:00:00.000000Z"},
      {"protocol": "http", "field": "http.server", "value": "Boa/0.94.14rc21", "first_seen": "2026-11-02T09:00:20.000000Z"},
      {"protocol": "http", "field": "http.realm", "value": "IPCamera Login", "first_seen": "2026-11-02T09:00:20.000000Z"}])");
    EXPECT_EQ(d["sent"], want) << d["sent"].dump();
    EXPECT_EQ(d["sent_omitted"], 0);
}

Device hostile_sender() {
    Device d = unmatched_http_device();
    d.observations = {observed(1793610000, "http",
                               {{"http.server", "=HYPERLINK(\"http://evil.example/\",\"x\")"},
                                {"http.realm", "<script>alert(1)</script>\"'&"},
                                {"http.title", "a\x1b[2J\x07\r\nb\x7f\xc2\x9b" "c"},
                                {"http.user_agent", "bad \xff\xfe utf8 \xc0\xaf"},
                                {"http.host", "+cmd|' /C calc'!A0 | http.server=App-webs/"},
                                {"http.status", "-2+3"},
                                {"http.x", "@SUM(A1)"}})};
    return d;
}

TEST(WriteJson, HostileSentValuesAreEscaped) {
    std::ostringstream out;
    write_json(out, inventory_of({hostile_sender()}), empty_db());
    nlohmann::json doc;
    ASSERT_NO_THROW(doc = nlohmann::json::parse(out.str())) << out.str();
    EXPECT_EQ(utf8_or_escaped(out.str()), out.str()) << "not valid UTF-8";
    EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
    const auto& sent = doc["devices"][0]["sent"];
    ASSERT_EQ(sent.size(), 7u);
    EXPECT_EQ(sent[0]["value"], "=HYPERLINK(\"http://evil.example/\",\"x\")");
    EXPECT_EQ(sent[1]["value"], "<script>alert(1)</script>\"'&");
    EXPECT_EQ(sent[2]["value"], "a\x1b[2J\x07\r\nb\x7f\xc2\x9b" "c");  // kept, JSON-escaped (C0 as \u00XX)
    EXPECT_EQ(sent[3]["value"], "bad \\xff\\xfe utf8 \\xc0\\xaf");      // invalid bytes as \xNN text
    EXPECT_NE(out.str().find("a\\u001b[2J\\u0007\\r\\nb"), std::string::npos);
}

TEST(WriteJson, SentIsBoundedPerDevice) {
    std::ostringstream out;
    write_json(out, inventory_of({chatty_device(250), unmatched_http_device()}), empty_db());
    auto doc = nlohmann::json::parse(out.str());
    EXPECT_EQ(doc["devices"][0]["sent"].size(), 200u);
    EXPECT_EQ(doc["devices"][0]["sent_omitted"], 50);
    EXPECT_EQ(doc["devices"][0]["sent"][0]["value"], "server-249");
    EXPECT_EQ(doc["devices"][1]["sent"].size(), 3u);
    EXPECT_EQ(doc["devices"][1]["sent_omitted"], 0);
}

std::size_t csv_column(const std::vector<std::string>& header, std::string_view name) {
    auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << name;
    return static_cast<std::size_t>(it - header.begin());
}

TEST(WriteCsv, SentColumnListsUnmatchedBanners) {
    std::ostringstream out;
    write_csv(out, inventory_of({unmatched_http_device()}), empty_db());
    auto rows = parse_csv(out.str());
    ASSERT_EQ(rows.size(), 2u) << out.str();
    ASSERT_EQ(rows[0].size(), 22u);
    EXPECT_EQ(rows[0].back(), "sent");
    EXPECT_EQ(rows[1][csv_column(rows[0], "sent")], "arp.op=reply | http.server=Boa/0.94.14rc21 | http.realm=IPCamera Login");
}

TEST(WriteCsv, HostileSentValuesAreEscaped) {
    // Formula prefixes, markup, quotes, control characters, invalid UTF-8 and a forged separator.
    std::ostringstream out;
    write_csv(out, inventory_of({hostile_sender(), chatty_device(250)}), empty_db());
    auto rows = parse_csv(out.str());
    ASSERT_EQ(rows.size(), 3u) << out.str();
    for (const auto& row : rows) EXPECT_EQ(row.size(), 22u);
    const std::string cell = rows[1][csv_column(rows[0], "sent")];
    EXPECT_EQ(cell,
              "http.server==HYPERLINK(\"http://evil.example/\",\"x\") | http.realm=<script>alert(1)</script>\"'& | "
              "http.title=a\\x1b[2J\\x07\\x0d\\x0ab\\x7f\\xc2\\x9bc | http.user_agent=bad \\xff\\xfe utf8 \\xc0\\xaf | "
              "http.host=+cmd\\x7c' /C calc'!A0 \\x7c http.server=App-webs/ | http.status=-2+3 | http.x=@SUM(A1)");
    // Splitting on the separator gives exactly the seven entries: the forged one stays inside.
    std::size_t items = 1;
    for (auto pos = cell.find(" | "); pos != std::string::npos; pos = cell.find(" | ", pos + 1)) ++items;
    EXPECT_EQ(items, 7u);
    for (char c : cell) {
        unsigned char u = static_cast<unsigned char>(c);
        EXPECT_TRUE(u >= 0x20 && u != 0x7f) << "control byte " << static_cast<int>(u);
    }
    EXPECT_EQ(utf8_or_escaped(out.str()), out.str());
    EXPECT_EQ(std::string("=+-@\t\r").find(cell[0]), std::string::npos);
    // The bound: 200 entries, then "(50 more)".
    const std::string chatty = rows[2][csv_column(rows[0], "sent")];
    EXPECT_EQ(chatty.rfind("ssdp.server=server-249 | ssdp.server=server-248 | ", 0), 0u) << chatty.substr(0, 80);
    EXPECT_TRUE(chatty.ends_with(" | ssdp.server=server-50 | (50 more)")) << chatty.substr(chatty.size() - 60);
}

TEST(WriteCsv, SentCellStaysWithinSpreadsheetLimits) {
    // 200 values of 400 control bytes each: 1600 characters apiece once escaped.
    Device d = chatty_device(200, std::string(400, '\x01'));
    std::ostringstream out;
    write_csv(out, inventory_of({d}), empty_db());
    auto rows = parse_csv(out.str());
    ASSERT_EQ(rows.size(), 2u);
    const std::string cell = rows[1][csv_column(rows[0], "sent")];
    EXPECT_LE(cell.size(), 32767u);
    EXPECT_GT(cell.size(), 30000u);
    std::size_t shown = 0;
    for (auto pos = cell.find("ssdp.server="); pos != std::string::npos; pos = cell.find("ssdp.server=", pos + 1)) ++shown;
    EXPECT_LT(shown, 200u);
    EXPECT_EQ(cell.substr(cell.rfind(" | ") + 3), "(" + std::to_string(200 - shown) + " more)");
}

TEST(Writers, VerdictCounts) {
    std::vector<Device> devices(5);
    devices[0].verdict.status = VerdictStatus::covered;
    devices[1].verdict.status = VerdictStatus::covered;
    devices[2].verdict.status = VerdictStatus::likely_covered;
    devices[3].verdict.status = VerdictStatus::unknown;
    devices[4].verdict.status = VerdictStatus::unknown;
    EXPECT_EQ(verdict_counts(inventory_of(devices)), "2 covered, 1 likely-covered, 0 not-covered, 2 unknown");
}

}  // namespace
}  // namespace camsweep
