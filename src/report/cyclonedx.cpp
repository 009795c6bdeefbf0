// CycloneDX 1.5 JSON export (docs/report-format.md, "CycloneDX"). CycloneDX 1.5 components have
// no `manufacturer` or `serialNumber` field (both arrived in 1.6), so the maker goes to `author`,
// the label it is sold under to `supplier`, and everything else to "camsweep:" properties. Every
// string from a device goes through utf8_or_escaped, as in the JSON report.
#include "camsweep/report/notices.hpp"
#include "camsweep/report/cyclonedx.hpp"

#include <array>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "camsweep/core/text.hpp"
#include "camsweep/report/sent.hpp"

namespace camsweep {
namespace {

using nlohmann::ordered_json;

// Namespace of camsweep's name-based BOM serial numbers (a random UUID, fixed forever: changing
// it changes every serial number).
constexpr std::array<std::uint8_t, 16> kBomNamespace = {0xc6, 0x85, 0xd7, 0x6c, 0xd2, 0xc4, 0x4d, 0x16,
                                                        0x8c, 0xde, 0xfe, 0x49, 0x53, 0x0b, 0xd2, 0x1d};

// SHA-1 (FIPS 180-4), only for RFC 4122 version 5 UUIDs: nothing here relies on its collision
// resistance.
class Sha1 {
public:
    void update(const std::uint8_t* data, std::size_t size) {
        for (std::size_t i = 0; i < size; ++i) {
            block_[filled_++] = data[i];
            if (filled_ == 64) compress();
        }
        length_ += size;
    }
    std::array<std::uint8_t, 20> finish() {
        std::uint64_t bits = length_ * 8;
        std::uint8_t pad = 0x80;
        update(&pad, 1);
        std::uint8_t zero = 0;
        while (filled_ != 56) update(&zero, 1);
        for (int i = 7; i >= 0; --i) {
            std::uint8_t b = static_cast<std::uint8_t>(bits >> (8 * i));
            update(&b, 1);
        }
        std::array<std::uint8_t, 20> digest{};
        for (std::size_t i = 0; i < 20; ++i) digest[i] = static_cast<std::uint8_t>(h_[i / 4] >> (24 - 8 * (i % 4)));
        return digest;
    }

private:
    static std::uint32_t rotl(std::uint32_t v, int n) { return (v << n) | (v >> (32 - n)); }
    void compress() {
        std::uint32_t w[80];
        for (int t = 0; t < 16; ++t)
            w[t] = static_cast<std::uint32_t>(block_[4 * t]) << 24 | static_cast<std::uint32_t>(block_[4 * t + 1]) << 16 |
                   static_cast<std::uint32_t>(block_[4 * t + 2]) << 8 | static_cast<std::uint32_t>(block_[4 * t + 3]);
        for (int t = 16; t < 80; ++t) w[t] = rotl(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
        std::uint32_t a = h_[0], b = h_[1], c = h_[2], d = h_[3], e = h_[4];
        for (int t = 0; t < 80; ++t) {
            std::uint32_t f, k;
            if (t < 20) {
                f = (b & c) | (~b & d);
                k = 0x5a827999;
            } else if (t < 40) {
                f = b ^ c ^ d;
                k = 0x6ed9eba1;
            } else if (t < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8f1bbcdc;
            } else {
                f = b ^ c ^ d;
                k = 0xca62c1d6;
            }
            std::uint32_t next = rotl(a, 5) + f + e + k + w[t];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = next;
        }
        h_[0] += a;
        h_[1] += b;
        h_[2] += c;
        h_[3] += d;
        h_[4] += e;
        filled_ = 0;
    }

    std::array<std::uint32_t, 5> h_ = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    std::array<std::uint8_t, 64> block_{};
    std::size_t filled_ = 0;
    std::uint64_t length_ = 0;
};

std::string s(std::string_view text) { return utf8_or_escaped(text); }

std::string three_decimals(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", v);
    return buf;
}

void add_property(ordered_json& properties, std::string_view name, std::string_view value) {
    if (value.empty()) return;  // absent, as in the JSON report
    properties.push_back(ordered_json{{"name", std::string(name)}, {"value", s(value)}});
}

// "<listing id> (<regime><paragraph>): <citation>", e.g.
// "s889-hikvision (section889 (f)(3)(B)): Pub. L. 115-232 §889(f)(3)(B); FAR 52.204-25(a)".
std::string listing_text(const ListingHit& h) {
    std::string regime = h.regime + (h.paragraph.empty() ? "" : " " + h.paragraph);
    return h.listing_id + " (" + regime + "): " + h.citation;
}

std::string chain_text(const std::vector<ChainLink>& chain) {
    std::string text;
    for (const auto& link : chain) text += (text.empty() ? "" : " | ") + link.from + " -" + link.relation + "-> " + link.to;
    return text;
}

ordered_json component_json(const Device& d, const SignatureDatabase& db) {
    const std::string maker_id = d.best_value("vendor");
    const std::string brand_id = d.best_value("brand");
    const std::string maker = maker_id.empty() ? "" : db.display_name(maker_id);
    const std::string brand = brand_id.empty() ? "" : db.display_name(brand_id);
    const std::string model = d.best_value("model");
    const std::string firmware = d.best_value("firmware");

    ordered_json c;
    c["type"] = "device";
    c["bom-ref"] = s(d.id);
    // The organisation that put the device on the market: the brand when it differs from the
    // maker (LTS, Amcrest), otherwise the maker itself.
    if (!brand.empty() && brand_id != maker_id) {
        c["supplier"] = ordered_json{{"name", s(brand)}};
    } else if (!maker.empty()) {
        c["supplier"] = ordered_json{{"name", s(maker)}};
    }
    if (!maker.empty()) c["author"] = s(maker);
    c["name"] = model.empty() ? std::string("unidentified device") : s(model);
    if (!firmware.empty()) c["version"] = s(firmware);

    const Verdict& v = d.verdict;
    auto properties = ordered_json::array();
    add_property(properties, "camsweep:verdict", to_string(v.status));
    add_property(properties, "camsweep:confidence", three_decimals(v.confidence));
    add_property(properties, "camsweep:purpose_qualified", v.purpose_qualified ? "true" : "false");
    add_property(properties, "camsweep:purpose_qualifier", v.purpose_qualifier);
    add_property(properties, "camsweep:reason", v.reason);
    add_property(properties, "camsweep:producer", v.producer);
    for (const auto& h : v.listings) add_property(properties, "camsweep:listing", listing_text(h));
    add_property(properties, "camsweep:chain", chain_text(v.chain));
    for (const auto& h : v.other_listings) add_property(properties, "camsweep:other_listing", listing_text(h));
    add_property(properties, "camsweep:manufacturer", maker);
    add_property(properties, "camsweep:vendor", maker_id);
    add_property(properties, "camsweep:brand", brand_id);
    add_property(properties, "camsweep:device_type", d.best_value("device_type"));
    add_property(properties, "camsweep:category", std::string(to_string(d.category)));
    for (const auto& m : d.macs) add_property(properties, "camsweep:mac", m.to_string());
    for (const auto& ip : d.ips) add_property(properties, "camsweep:ip", ip.to_string());
    for (const auto& serial : d.serials) add_property(properties, "camsweep:serial", serial);
    for (const auto& uuid : d.uuids) add_property(properties, "camsweep:uuid", uuid);
    add_property(properties, "camsweep:parent", d.parent_id);
    add_property(properties, "camsweep:channel", d.channel);
    add_property(properties, "camsweep:first_seen", iso8601_utc(d.first_seen));
    add_property(properties, "camsweep:last_seen", iso8601_utc(d.last_seen));
    // What the device sent, as "field=value" (protocol and first_seen are in the JSON report).
    const SentFields sent = sent_fields(d);
    for (const auto& f : sent.fields) add_property(properties, "camsweep:sent", sent_text(f));
    if (sent.omitted > 0) add_property(properties, "camsweep:sent_omitted", std::to_string(sent.omitted));
    c["properties"] = properties;
    return c;
}

}  // namespace

std::string cyclonedx_content_uuid(std::string_view content) {
    Sha1 sha;
    sha.update(kBomNamespace.data(), kBomNamespace.size());
    sha.update(reinterpret_cast<const std::uint8_t*>(content.data()), content.size());
    auto digest = sha.finish();
    digest[6] = static_cast<std::uint8_t>((digest[6] & 0x0f) | 0x50);  // version 5
    digest[8] = static_cast<std::uint8_t>((digest[8] & 0x3f) | 0x80);  // RFC 4122 variant
    static constexpr char kHex[] = "0123456789abcdef";
    std::string uuid;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) uuid += '-';
        uuid += kHex[digest[i] >> 4];
        uuid += kHex[digest[i] & 0x0f];
    }
    return uuid;
}

void write_cyclonedx(std::ostream& out, const Inventory& inventory, const SignatureDatabase& db) {
    const auto handler = nlohmann::json::error_handler_t::replace;
    auto components = ordered_json::array();
    for (const auto& d : inventory.devices) components.push_back(component_json(d, db));

    auto run = ordered_json::array();
    add_property(run, "camsweep:audit_date", inventory.audit_date.year ? inventory.audit_date.to_string() : "");
    add_property(run, "camsweep:vendors_as_of", inventory.vendors_as_of);
    add_property(run, "camsweep:listings_as_of", inventory.listings_as_of);
    add_property(run, "camsweep:title", inventory.title);
    add_property(run, "camsweep:site", inventory.site);
    for (const auto& in : inventory.inputs) {
        add_property(run, "camsweep:input", in.path);
        add_property(run, "camsweep:input_sha256", in.sha256);
    }
    for (const auto& notice : report_notices(inventory)) add_property(run, "camsweep:notice", notice.text);

    std::string content = run.dump(-1, ' ', false, handler) + "\n" + components.dump(-1, ' ', false, handler);

    ordered_json doc;
    doc["$schema"] = "http://cyclonedx.org/schema/bom-1.5.schema.json";
    doc["bomFormat"] = "CycloneDX";
    doc["specVersion"] = "1.5";
    doc["serialNumber"] = "urn:uuid:" + cyclonedx_content_uuid(content);
    doc["version"] = 1;
    ordered_json metadata;
    // The audit date is the moment the verdicts speak for; capture times are per device.
    if (inventory.audit_date.year) metadata["timestamp"] = inventory.audit_date.to_string() + "T00:00:00Z";
    metadata["tools"] = ordered_json{
        {"components", ordered_json::array({ordered_json{{"type", "application"}, {"name", "camsweep"}, {"version", CAMSWEEP_VERSION}}})}};
    metadata["properties"] = run;
    doc["metadata"] = metadata;
    doc["components"] = components;
    out << doc.dump(2, ' ', false, handler) << '\n';
}

}  // namespace camsweep
