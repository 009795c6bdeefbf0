// Report diff: devices matched by MAC, serial, UUID or NVR channel (never by IP or id); new,
// gone and changed devices with their changes; bad reports give one clear line; the writers
// escape what the reports carry.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "camsweep/report/diff.hpp"
#include "camsweep/report/writers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using nlohmann::json;

struct Dev {
    Dev(std::string id_, std::string mac_, std::string ip_, std::string serial_, std::string model_, std::string firmware_,
        std::string status_, double confidence_, std::vector<std::string> listings_)
        : id(std::move(id_)), mac(std::move(mac_)), ip(std::move(ip_)), serial(std::move(serial_)), model(std::move(model_)),
          firmware(std::move(firmware_)), status(std::move(status_)), confidence(confidence_), listings(std::move(listings_)) {}
    std::string id, mac, ip, serial, model, firmware, status;
    double confidence = 0;
    std::vector<std::string> listings;
    std::string vendor = "hikvision", uuid, parent, channel;
};

json device(const Dev& d) {
    auto list = [](const std::string& v) { return v.empty() ? json::array() : json::array({v}); };
    auto value = [](const std::string& v) { return v.empty() ? json(nullptr) : json{{"value", v}, {"confidence", 0.9}}; };
    json listings = json::array();
    for (const auto& id : d.listings) listings.push_back({{"id", id}, {"regime", "section889"}, {"citation", "x"}});
    return json{{"id", d.id},
                {"macs", list(d.mac)},
                {"ips", list(d.ip)},
                {"serials", list(d.serial)},
                {"uuids", list(d.uuid)},
                {"parent", d.parent.empty() ? json(nullptr) : json(d.parent)},
                {"channel", d.channel.empty() ? json(nullptr) : json(d.channel)},
                {"vendor", d.vendor.empty() ? json(nullptr) : json{{"id", d.vendor}, {"name", "Vendor " + d.vendor}, {"confidence", 1.0}}},
                {"brand", nullptr},
                {"model", value(d.model)},
                {"firmware", value(d.firmware)},
                {"device_type", nullptr},
                {"verdict",
                 {{"status", d.status},
                  {"confidence", d.confidence},
                  {"listings", listings},
                  {"chain", json::array()},
                  {"other_listings", json::array()}}}};
}

json report(const std::vector<Dev>& devices, const std::string& audit_date = "2026-11-23") {
    json r{{"format", "camsweep-inventory"}, {"format_version", 1}, {"camsweep_version", "0.1.0"}, {"audit_date", audit_date}};
    r["devices"] = json::array();
    for (const auto& d : devices) r["devices"].push_back(device(d));
    return r;
}

const MatchedDevice* changed_by_mac(const InventoryDiff& diff, const std::string& mac) {
    for (const auto& m : diff.changed)
        if (std::find(m.newer.macs.begin(), m.newer.macs.end(), mac) != m.newer.macs.end()) return &m;
    return nullptr;
}

bool has_change(const MatchedDevice& m, const std::string& field, const std::string& before, const std::string& after) {
    for (const auto& c : m.changes)
        if (c.field == field && c.before == before && c.after == after) return true;
    return false;
}

// Older and newer reports of the same network. Ids are renumbered in the newer one (they are
// per report), so matching by id would pair the wrong devices.
std::pair<json, json> network() {
    Dev a{"dev-001", "58:50:ed:00:00:01", "192.168.10.40", "SN-A", "DS-2CD2385G1-I", "V5.7.1", "covered", 1.0, {"s889-hikvision"}};
    Dev b{"dev-002", "58:50:ed:00:00:02", "192.168.10.41", "", "DS-2CD2043G0-I", "V5.5.0", "covered", 1.0, {"s889-hikvision"}};
    Dev c{"dev-003", "00:1f:54:00:00:03", "192.168.10.42", "", "", "", "unknown", 0.0, {}};
    c.vendor = "lorex";
    Dev d{"dev-004", "ac:cc:8e:00:00:04", "192.168.10.43", "", "P3343", "5.20.3", "not-covered", 0.994, {}};
    d.vendor = "axis";
    Dev e{"dev-005", "08:ed:ed:00:00:05", "192.168.10.44", "6C01E93PAG69A7D", "IPC-HDW1431T1-S4", "2.800", "covered", 1.0, {"s889-dahua"}};
    e.vendor = "dahua";
    Dev f{"dev-006", "b0:c5:54:00:00:06", "192.168.10.45", "", "DCS-935L", "1.10", "not-covered", 0.981, {}};
    f.vendor = "d-link";

    Dev a2 = a;  // firmware upgraded
    a2.id = "dev-002";
    a2.firmware = "V5.7.3";
    Dev b2 = b;  // new DHCP lease
    b2.id = "dev-003";
    b2.ip = "192.168.10.77";
    Dev c2 = c;  // relation now known: verdict changes
    c2.id = "dev-004";
    c2.status = "likely-covered";
    c2.confidence = 0.56;
    c2.listings = {"s889-dahua"};
    Dev e2 = e;  // NIC replaced: new MAC, same serial
    e2.id = "dev-005";
    e2.mac = "08:ed:ed:00:00:99";
    Dev f2 = f;  // unchanged (confidence differs only below the report's 3 decimals)
    f2.id = "dev-006";
    f2.confidence = 0.98101;
    // New device, on the IP address the gone Axis camera had, and with the id "dev-001".
    Dev g{"dev-001", "58:50:ed:00:00:07", "192.168.10.43", "SN-G", "DS-7608NI", "V4.0", "covered", 1.0, {"s889-hikvision"}};
    return {report({a, b, c, d, e, f}, "2021-06-01"), report({g, a2, b2, c2, e2, f2})};
}

TEST(Diff, NewGoneAndChangedDevices) {
    auto [older, newer] = network();
    auto diff = diff_reports(older, newer);
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_EQ(diff->older.audit_date, "2021-06-01");
    EXPECT_EQ(diff->newer.audit_date, "2026-11-23");
    EXPECT_EQ(diff->older.devices, 6u);
    EXPECT_EQ(diff->newer.devices, 6u);

    ASSERT_EQ(diff->new_devices.size(), 1u);
    EXPECT_EQ(diff->new_devices[0].macs[0], "58:50:ed:00:00:07");
    EXPECT_EQ(diff->new_devices[0].id, "dev-001");
    ASSERT_EQ(diff->gone_devices.size(), 1u);  // never matched to the new one by IP
    EXPECT_EQ(diff->gone_devices[0].model, "P3343");
    EXPECT_EQ(diff->unchanged, 1u);
    EXPECT_EQ(diff->changed.size(), 4u);

    const MatchedDevice* fw = changed_by_mac(*diff, "58:50:ed:00:00:01");
    ASSERT_NE(fw, nullptr);
    EXPECT_EQ(fw->matched_by, "mac");
    EXPECT_EQ(fw->older.id, "dev-001");
    EXPECT_EQ(fw->newer.id, "dev-002");
    ASSERT_EQ(fw->changes.size(), 1u);
    EXPECT_TRUE(has_change(*fw, "firmware", "V5.7.1", "V5.7.3"));

    const MatchedDevice* dhcp = changed_by_mac(*diff, "58:50:ed:00:00:02");
    ASSERT_NE(dhcp, nullptr);
    ASSERT_EQ(dhcp->changes.size(), 2u);
    EXPECT_TRUE(has_change(*dhcp, "ip", "", "192.168.10.77"));
    EXPECT_TRUE(has_change(*dhcp, "ip", "192.168.10.41", ""));

    const MatchedDevice* verdict = changed_by_mac(*diff, "00:1f:54:00:00:03");
    ASSERT_NE(verdict, nullptr);
    EXPECT_TRUE(has_change(*verdict, "verdict", "unknown", "likely-covered"));
    EXPECT_TRUE(has_change(*verdict, "confidence", "0.000", "0.560"));
    EXPECT_TRUE(has_change(*verdict, "listing", "", "s889-dahua"));
    EXPECT_EQ(verdict->changes.size(), 3u);

    const MatchedDevice* nic = changed_by_mac(*diff, "08:ed:ed:00:00:99");
    ASSERT_NE(nic, nullptr);
    EXPECT_EQ(nic->matched_by, "serial");
    EXPECT_EQ(nic->key, "6C01E93PAG69A7D");
    EXPECT_TRUE(has_change(*nic, "mac", "", "08:ed:ed:00:00:99"));
    EXPECT_TRUE(has_change(*nic, "mac", "08:ed:ed:00:00:05", ""));
    EXPECT_EQ(nic->changes.size(), 2u);
}

TEST(Diff, IdenticalReportsHaveNoDifferences) {
    auto [older, newer] = network();
    auto diff = diff_reports(newer, newer);
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_TRUE(diff->new_devices.empty());
    EXPECT_TRUE(diff->gone_devices.empty());
    EXPECT_TRUE(diff->changed.empty());
    EXPECT_EQ(diff->unchanged, 6u);
}

TEST(Diff, MatchesByUuidAndByChannelBehindAMatchedRecorder) {
    Dev nvr{"dev-001", "68:6d:bc:00:00:01", "192.168.20.27", "", "DS-7804", "V3.5", "covered", 1.0, {"s889-hikvision"}};
    Dev cam{"dev-002", "", "", "", "DS-2CE16", "V1", "covered", 1.0, {"s889-hikvision"}};
    cam.parent = "dev-001";
    cam.channel = "1";
    Dev upnp{"dev-003", "02:00:00:00:00:03", "", "", "X", "1", "unknown", 0, {}};
    upnp.uuid = "7C2A9E10-55D3-4F21-B6C8-063A9F4412C7";
    // Newer: other ids, the channel camera listed first, the UPnP device on a new random MAC.
    Dev cam2 = cam;
    cam2.id = "dev-001";
    cam2.parent = "dev-002";
    cam2.firmware = "V2";
    Dev nvr2 = nvr;
    nvr2.id = "dev-002";
    Dev upnp2 = upnp;
    upnp2.id = "dev-003";
    upnp2.mac = "02:00:00:00:00:33";
    upnp2.uuid = "7c2a9e10-55d3-4f21-b6c8-063a9f4412c7";
    auto diff = diff_reports(report({nvr, cam, upnp}), report({cam2, nvr2, upnp2}));
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_TRUE(diff->new_devices.empty());
    EXPECT_TRUE(diff->gone_devices.empty());
    ASSERT_EQ(diff->changed.size(), 2u);
    EXPECT_EQ(diff->changed[0].matched_by, "channel");
    EXPECT_EQ(diff->changed[0].key, "1");
    EXPECT_EQ(diff->changed[0].older.id, "dev-002");
    EXPECT_TRUE(has_change(diff->changed[0], "firmware", "V1", "V2"));
    EXPECT_EQ(diff->changed[1].matched_by, "uuid");
    EXPECT_EQ(diff->unchanged, 1u);
}

TEST(Diff, BadReportsGiveOneLineNamingTheProblem) {
    auto good = report({});
    auto check = [&](const json& older, const json& newer, const std::string& expected) {
        auto diff = diff_reports(older, newer);
        ASSERT_FALSE(diff);
        EXPECT_NE(diff.error().find(expected), std::string::npos) << diff.error();
        EXPECT_EQ(diff.error().find('\n'), std::string::npos) << diff.error();
    };
    check(json::array(), good, "older report: not a camsweep report");
    json wrong_format = good;
    wrong_format["format"] = "cyclonedx";
    check(good, wrong_format, "newer report: not a camsweep inventory report (format \"cyclonedx\"");
    json version4 = good;
    version4["format_version"] = 5;
    check(version4, good, "older report: unsupported format_version 5 (this camsweep reads versions 1 to 4)");
    json version_text = good;
    version_text["format_version"] = "2";
    check(good, version_text, "newer report: unsupported format_version \"2\"");
    json no_version = good;
    no_version.erase("format_version");
    check(no_version, good, "unsupported format_version (missing)");
    json no_devices = good;
    no_devices["devices"] = "none";
    check(good, no_devices, "newer report: \"devices\" is not an array");
    json bad_device = good;
    bad_device["devices"] = json::array({json{{"macs", json::array()}}});
    check(good, bad_device, "newer report: devices[0] is not a device");
    // Wrongly typed members read as absent, they do not throw.
    json odd = report({Dev{"dev-001", "aa:bb:cc:dd:ee:ff", "10.0.0.1", "", "M", "1", "covered", 1.0, {}}});
    odd["devices"][0]["macs"].push_back(42);
    odd["devices"][0]["firmware"] = "not an object";
    odd["devices"][0]["verdict"]["confidence"] = "high";
    auto diff = diff_reports(report({Dev{"dev-001", "aa:bb:cc:dd:ee:ff", "10.0.0.1", "", "M", "1", "covered", 1.0, {}}}), odd);
    ASSERT_TRUE(diff) << diff.error();
    ASSERT_EQ(diff->changed.size(), 1u);
    EXPECT_TRUE(has_change(diff->changed[0], "firmware", "1", ""));
}

TEST(Diff, FilesWithBadJsonNameTheFileAndPosition) {
    test::TempDir dir;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir.path() / name, std::ios::binary) << text;
        return (dir.path() / name).string();
    };
    std::string good = write("good.json", report({}).dump());
    std::string broken = write("broken.json", "{\n  \"format\": \"camsweep-inventory\",\n  oops\n}\n");
    std::string empty = write("empty.json", "");
    std::string other = write("other.json", R"({"format": "camsweep-inventory-diff", "format_version": 1})");

    auto diff = diff_report_files(good, broken);
    ASSERT_FALSE(diff);
    EXPECT_NE(diff.error().find("broken.json: not valid JSON: parse error at line 3, column"), std::string::npos) << diff.error();
    EXPECT_EQ(diff.error().find("[json.exception"), std::string::npos) << diff.error();
    EXPECT_EQ(diff.error().find('\n'), std::string::npos) << diff.error();

    diff = diff_report_files(empty, good);
    ASSERT_FALSE(diff);
    EXPECT_NE(diff.error().find("empty.json: not valid JSON"), std::string::npos) << diff.error();

    diff = diff_report_files(good, other);
    ASSERT_FALSE(diff);
    EXPECT_NE(diff.error().find("other.json: not a camsweep inventory report"), std::string::npos) << diff.error();

    diff = diff_report_files((dir.path() / "nosuch.json").string(), good);
    ASSERT_FALSE(diff);
    EXPECT_NE(diff.error().find("nosuch.json: cannot open"), std::string::npos) << diff.error();

    diff = diff_report_files(good, good);
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_EQ(diff->older.source, good);
}

// A report as this camsweep writes it (format_version 4), and the same report as version 1 had
// it (no "sent", "sent_omitted" nor "mac_origins"), as version 2 had it (no "mac_origins") and as
// version 3 had it (no "title", "site" nor "notices").
struct WrittenReports {
    std::string v1, v2, v3, v4;
};
WrittenReports written_reports(const std::string& firmware) {
    Device d;
    d.id = "dev-001";
    d.macs = {test::mac("58:50:ed:1f:e3:85")};
    d.mac_origins = {MacOrigin{test::mac("58:50:ed:1f:e3:85"), {"frame"}}};
    d.ips = {test::ip("192.168.10.40")};
    d.serials = {"DS-2CD2385G1-I20190101AAWRD12345678"};
    d.first_seen = d.last_seen = 1793610000;
    d.protocols = {"http"};
    d.attributes = {{"vendor", {{"hikvision", 0.9}}}, {"firmware", {{firmware, 0.8}}}};
    Observation o;
    o.time = 1793610000;
    o.protocol = "http";
    o.fields = {{"http.server", "Boa/0.94.14rc21"}, {"http.realm", firmware}};
    d.observations = {o};
    Inventory inv;
    inv.devices = {d};
    inv.audit_date = *Date::parse("2026-11-23");
    std::ostringstream out;
    write_json(out, inv, test::hikvision_lts_db());
    json v4 = json::parse(out.str());
    // Version 3: without what version 4 added (title, site, notices, the inputs' window and digest).
    json v3 = v4;
    v3["format_version"] = 3;
    for (const char* key : {"title", "site", "notices"}) v3.erase(key);
    json v2 = v3;
    v2["format_version"] = 2;
    for (auto& device : v2["devices"]) device.erase("mac_origins");
    json v1 = v2;
    v1["format_version"] = 1;
    for (auto& device : v1["devices"]) {
        device.erase("sent");
        device.erase("sent_omitted");
    }
    return {v1.dump(2), v2.dump(2), v3.dump(2), v4.dump(2)};
}

TEST(Diff, ReadsFormatVersionsOneToFour) {
    auto [v1_text, v2_text, v3_text, v4_text] = written_reports("V5.7.3");
    json v4 = json::parse(v4_text);
    ASSERT_EQ(v4["format_version"], 4);
    ASSERT_TRUE(v4.contains("notices"));
    ASSERT_EQ(v4["devices"][0]["sent"].size(), 2u);
    ASSERT_EQ(v4["devices"][0]["mac_origins"].size(), 1u);
    test::TempDir dir;
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir.path() / name, std::ios::binary) << text;
        return (dir.path() / name).string();
    };
    std::string v1 = write("v1.json", v1_text), v2 = write("v2.json", v2_text), v3_file = write("v3.json", v3_text),
                v4_file = write("v4.json", v4_text);
    for (const auto& older : {v1, v2, v3_file, v4_file})
        for (const auto& newer : {v1, v2, v3_file, v4_file}) {
            auto diff = diff_report_files(older, newer);
            ASSERT_TRUE(diff) << diff.error();
            EXPECT_EQ(diff->unchanged, 1u) << older << " vs " << newer;
            EXPECT_TRUE(diff->changed.empty());
            EXPECT_TRUE(diff->new_devices.empty());
            EXPECT_TRUE(diff->gone_devices.empty());
        }
    // A real change between a version 1 and a version 3 report is found; "sent" is not compared.
    std::string upgraded = write("upgraded.json", written_reports("V5.8.0").v4);
    auto diff = diff_report_files(v1, upgraded);
    ASSERT_TRUE(diff) << diff.error();
    ASSERT_EQ(diff->changed.size(), 1u);
    ASSERT_EQ(diff->changed[0].changes.size(), 1u);
    EXPECT_TRUE(has_change(diff->changed[0], "firmware", "V5.7.3", "V5.8.0"));
    // The diff document keeps its own format_version.
    std::ostringstream out;
    write_diff_json(out, *diff);
    EXPECT_EQ(json::parse(out.str())["format_version"], 1);
}

// A changed device whose strings are hostile: long, with terminal escapes and HTML.
InventoryDiff hostile_diff() {
    Dev a{"dev-001", "58:50:ed:00:00:01", "192.168.10.40", "", "DS-2CD", "V5", "covered", 1.0, {"s889-hikvision"}};
    Dev b = a;
    b.model = "<script>alert(1)</script>\x1b[2J" + std::string(300, 'M');
    b.firmware = "V6 \x1b]0;pwned\x07 " + std::string(200, 'F');
    b.ip = "fe80::1:2:3:4:5:6:7";
    Dev n{"dev-002", "58:50:ed:00:00:02", "192.168.10.41", "", "\"quoted\" & <b>bold</b>", "", "unknown", 0, {}};
    auto diff = diff_reports(report({a}), report({b, n}));
    EXPECT_TRUE(diff) << diff.error();
    return diff ? *diff : InventoryDiff{};
}

TEST(DiffWriters, TableFitsAndEscapes) {
    std::ostringstream out;
    write_diff_table(out, hostile_diff());
    const std::string text = out.str();
    EXPECT_EQ(text.find('\x1b'), std::string::npos) << text;
    EXPECT_EQ(text.find('\x07'), std::string::npos) << text;
    EXPECT_NE(text.find("1 new, 0 gone, 1 changed, 0 unchanged"), std::string::npos) << text;
    EXPECT_NE(text.find("firmware: V5 -> V6"), std::string::npos) << text;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        std::size_t columns = 0;
        for (char c : line)
            if ((static_cast<unsigned char>(c) & 0xc0) != 0x80) ++columns;
        EXPECT_LE(columns, 100u) << line;
    }
}

TEST(DiffWriters, JsonDocument) {
    std::ostringstream out;
    write_diff_json(out, hostile_diff());
    json doc;
    ASSERT_NO_THROW(doc = json::parse(out.str())) << out.str();
    EXPECT_EQ(doc["format"], "camsweep-inventory-diff");
    EXPECT_EQ(doc["format_version"], 1);
    EXPECT_EQ(doc["summary"]["new"], 1);
    EXPECT_EQ(doc["summary"]["gone"], 0);
    EXPECT_EQ(doc["summary"]["changed"], 1);
    EXPECT_EQ(doc["summary"]["unchanged"], 0);
    EXPECT_TRUE(doc["older"]["source"].is_null());
    EXPECT_EQ(doc["new"][0]["macs"][0], "58:50:ed:00:00:02");
    EXPECT_TRUE(doc["new"][0]["firmware"].is_null());
    const auto& changed = doc["changed"][0];
    EXPECT_EQ(changed["matched_by"], "mac");
    EXPECT_EQ(changed["key"], "58:50:ed:00:00:01");
    EXPECT_EQ(changed["older"]["model"], "DS-2CD");
    bool saw_ip_removed = false;
    for (const auto& c : changed["changes"])
        if (c["field"] == "ip" && c["before"] == "192.168.10.40" && c["after"].is_null()) saw_ip_removed = true;
    EXPECT_TRUE(saw_ip_removed) << changed.dump();
    EXPECT_EQ(out.str().find('\x1b'), std::string::npos);
}

TEST(DiffWriters, HtmlEscapesEverything) {
    std::ostringstream out;
    write_diff_html(out, hostile_diff());
    const std::string text = out.str();
    EXPECT_EQ(text.rfind("<!DOCTYPE html>", 0), 0u);
    EXPECT_EQ(text.find("<script>"), std::string::npos);
    EXPECT_NE(text.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(text.find("&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find("<link"), std::string::npos);  // self-contained
    EXPECT_EQ(text.find("src="), std::string::npos);
}

}  // namespace
}  // namespace camsweep

// The correlator's identity rule (inventory/identity.hpp) holds in the diff too: a placeholder
// serial or UUID pairs nothing, and neither does a value several devices of one report carry.
namespace camsweep {
namespace {

TEST(DiffIdentity, PlaceholderSerialsAndUuidsMatchNothing) {
    for (const char* placeholder : {"000000000000", "N/A", "unknown", "FFFFFFFF", "****"}) {
        // Two different units that both report the placeholder: one gone, one new.
        Dev old_unit{"dev-001", "3c:ef:8c:00:00:01", "192.168.1.10", placeholder, "IPC-A", "1", "covered", 1.0, {"s889-dahua"}};
        Dev new_unit{"dev-001", "e0:50:8b:11:22:01", "192.168.1.10", placeholder, "IPC-B", "2", "covered", 1.0, {"s889-dahua"}};
        auto diff = diff_reports(report({old_unit}), report({new_unit}));
        ASSERT_TRUE(diff) << diff.error();
        EXPECT_TRUE(diff->changed.empty()) << placeholder << " matched by " << diff->changed[0].matched_by;
        EXPECT_EQ(diff->new_devices.size(), 1u) << placeholder;
        EXPECT_EQ(diff->gone_devices.size(), 1u) << placeholder;
    }
    for (const char* placeholder : {"00000000-0000-0000-0000-000000000000", "uuid:upnp-InternetGatewayDevice-1_0-000000000000",
                                    "2fac1234-31f8-11b4-a222-08002b34c003"}) {
        Dev old_unit{"dev-001", "02:00:00:00:00:03", "", "", "X", "1", "unknown", 0, {}};
        old_unit.uuid = placeholder;
        Dev new_unit{"dev-001", "02:00:00:00:00:33", "", "", "X", "1", "unknown", 0, {}};
        new_unit.uuid = placeholder;
        auto diff = diff_reports(report({old_unit}), report({new_unit}));
        ASSERT_TRUE(diff) << diff.error();
        EXPECT_TRUE(diff->changed.empty()) << placeholder;
        EXPECT_EQ(diff->unchanged, 0u) << placeholder;
        EXPECT_EQ(diff->new_devices.size(), 1u) << placeholder;
    }
    // A placeholder MAC pairs nothing either.
    Dev a{"dev-001", "00:00:00:00:00:00", "", "", "X", "1", "unknown", 0, {}};
    auto diff = diff_reports(report({a}), report({a}));
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_EQ(diff->unchanged, 0u);
    EXPECT_EQ(diff->new_devices.size(), 1u);
}

TEST(DiffIdentity, RealSerialStillPairsAReplacedNic) {
    Dev old_unit{"dev-001", "08:ed:ed:00:00:05", "192.168.10.44", "6C01E93PAG69A7D", "IPC", "1", "covered", 1.0, {"s889-dahua"}};
    Dev new_unit = old_unit;
    new_unit.mac = "08:ed:ed:00:00:99";
    auto diff = diff_reports(report({old_unit}), report({new_unit}));
    ASSERT_TRUE(diff) << diff.error();
    ASSERT_EQ(diff->changed.size(), 1u);
    EXPECT_EQ(diff->changed[0].matched_by, "serial");
}

TEST(DiffIdentity, SerialOnSeveralDevicesOfOneReportMatchesNothing) {
    const std::string cloned = "DS-2CD2385G1-I20200414AAWRE33842150";
    // The correlator listed one cloned serial on two units; in the newer report both have new
    // MACs. Pairing by the serial would be a guess: both old ones are gone, both new ones new.
    Dev a{"dev-001", "58:50:ed:00:00:01", "192.168.10.40", cloned, "DS-2CD2385G1-I", "V5", "covered", 1.0, {"s889-hikvision"}};
    Dev b{"dev-002", "14:2f:fd:00:00:02", "192.168.10.41", cloned, "DS-2CD2385G1-I", "V5", "covered", 1.0, {"s889-hikvision"}};
    Dev a2 = a;
    a2.mac = "58:50:ed:00:00:11";
    Dev b2 = b;
    b2.mac = "14:2f:fd:00:00:12";
    auto diff = diff_reports(report({a, b}), report({b2, a2}));
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_TRUE(diff->changed.empty());
    EXPECT_EQ(diff->unchanged, 0u);
    EXPECT_EQ(diff->new_devices.size(), 2u);
    EXPECT_EQ(diff->gone_devices.size(), 2u);
    // Shared only in the newer report: the one old device cannot be told which it is.
    diff = diff_reports(report({a}), report({b2, a2}));
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_TRUE(diff->changed.empty());
    EXPECT_EQ(diff->gone_devices.size(), 1u);
    // The MACs still pair those that kept theirs.
    diff = diff_reports(report({a, b}), report({b, a}));
    ASSERT_TRUE(diff) << diff.error();
    EXPECT_EQ(diff->unchanged, 2u);
}

TEST(DiffIdentity, MacsCompareInTheirCanonicalForm) {
    Dev a{"dev-001", "58-50-ED-00-00-01", "192.168.10.40", "", "M", "1", "covered", 1.0, {}};
    Dev b = a;
    b.mac = "58:50:ed:00:00:01";
    auto diff = diff_reports(report({a}), report({b}));
    ASSERT_TRUE(diff) << diff.error();
    ASSERT_EQ(diff->changed.size(), 1u);  // the text of the address changed, not the device
    EXPECT_EQ(diff->changed[0].matched_by, "mac");
    EXPECT_EQ(diff->changed[0].key, "58:50:ed:00:00:01");
}

}  // namespace
}  // namespace camsweep
