// The recognition benchmark (docs/performance.md "Recognition"): every record of the evaluation
// corpus (bench/recognition/*.yaml, real device output from public sources, each with its
// source and labels) is placed in its protocol envelope by the project's generators (src/synth),
// read by the same protocol parsers as both front ends, merged by the one InventoryBuilder and
// judged. Each record is its own device: a locally administered MAC (no OUI, so the verdict rests
// on what the record says) and its own address.
//   camsweep-recognition SIGNATURES AUDIT_DATE CORPUS.yaml... [--misses FILE]
// Prints covered recall, false covered, wrong clean verdicts and makers named; exit 1 when a
// corpus file cannot be read.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/http.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/synth/frames.hpp"
#include "camsweep/synth/payloads.hpp"

using namespace camsweep;

namespace {

struct Label {
    std::string maker, brand, model;
    bool covered = false, covered_known = false, certain = false;
};

struct Record {
    std::string id, source, envelope, file;
    // Why the record carries nothing that names a maker (a stock SDK banner, an OPTIONS reply),
    // as its labeller judged; empty when it does.
    std::string anonymous;
    YAML::Node node;
    Label label;
};

// One message of a record: the protocol that reads it and the ports it travels between.
struct Envelope {
    std::string protocol;
    std::string bytes;
    std::uint16_t src_port = 0, dst_port = 0;
    std::string request;  // the client's request the reply answers (MessageMeta::request), when the record gives it
};

std::string text_of(const YAML::Node& node, const char* key) {
    return node[key] && node[key].IsScalar() ? node[key].as<std::string>() : "";
}

// Sources quote headers with "\n" line ends; on the wire they are "\r\n", and the head ends
// with an empty line.
std::string wire_head(std::string text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
        out += text[i];
    }
    while (out.ends_with("\r\n\r\n\r\n")) out.resize(out.size() - 2);
    if (!out.ends_with("\r\n")) out += "\r\n";
    if (!out.ends_with("\r\n\r\n")) out += "\r\n";
    return out;
}

// "C=CN, O=Hikvision, CN=192.0.0.64" or "/C=CN/O=Hikvision/CN=..." -> attribute pairs in the
// certificate's (DER) order. Sources print names both ways: openssl's one-line form in DER order
// (C first), RFC 4514 most specific first (CN first); a name that starts with CN is reversed.
synth::DistinguishedName parse_dn(const std::string& text) {
    synth::DistinguishedName dn;
    std::vector<std::string> parts;
    std::string current;
    const bool slashes = text.starts_with("/");
    for (std::size_t i = slashes ? 1 : 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\\' && i + 1 < text.size()) {
            current += text[++i];
        } else if ((slashes && c == '/') || (!slashes && (c == ',' || c == '+'))) {
            parts.push_back(current);
            current.clear();
        } else {
            current += c;
        }
    }
    parts.push_back(current);
    for (auto part : parts) {
        while (!part.empty() && part.front() == ' ') part.erase(part.begin());
        auto eq = part.find('=');
        if (eq == std::string::npos) continue;
        std::string key = part.substr(0, eq);
        for (auto& ch : key) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (key == "S") key = "ST";
        dn.emplace_back(key, part.substr(eq + 1));
    }
    if (!dn.empty() && dn.front().first == "CN" && dn.size() > 1) std::reverse(dn.begin(), dn.end());
    return dn;
}

std::vector<std::string> list_of(const YAML::Node& node) {
    std::vector<std::string> out;
    if (node && node.IsSequence())
        for (const auto& item : node) out.push_back(item.as<std::string>());
    else if (node && node.IsScalar())
        out.push_back(node.as<std::string>());
    return out;
}

// Sources often quote only some header lines of a reply: the envelope gets the start line it
// lacks (a 401 when a challenge is quoted), never a header the source did not show.
std::string with_start_line(std::string text, std::string_view protocol_version) {
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r' || text.front() == ' ')) text.erase(text.begin());
    std::string_view first(text);
    first = first.substr(0, first.find('\n'));
    bool has_start = first.starts_with("HTTP/") || first.starts_with("RTSP/") || first.starts_with("NOTIFY ") ||
                     first.starts_with("M-SEARCH ") || first.starts_with("GET ") || first.starts_with("POST ");
    if (has_start) return text;
    bool challenge = text.find("WWW-Authenticate") != std::string::npos || text.find("WWW-AUTHENTICATE") != std::string::npos;
    std::string start = std::string(protocol_version) + (challenge ? " 401 Unauthorized\n" : " 200 OK\n");
    if (protocol_version == "RTSP/1.0" && text.find("CSeq") == std::string::npos && text.find("CSEQ") == std::string::npos)
        start += "CSeq: 1\n";
    return start + text;
}

// The request a reply answered, as its source states it: HTTP `path` (method GET unless
// `method` says otherwise); RTSP `url` with the `method` the source names (no method, no request:
// an OPTIONS reply says nothing of its URL), carrying the reply's CSeq. Only when the source
// quotes the reply's status line: a status the envelope had to supply vouches for nothing.
std::string request_of(const Record& r, const std::string& response) {
    const YAML::Node& n = r.node;
    const std::string quoted = text_of(n, "response");
    if (!quoted.starts_with("HTTP/") && !quoted.starts_with("RTSP/")) return {};
    std::string method = text_of(n, "method");
    if (r.envelope == "http") {
        std::string path = text_of(n, "path");
        if (path.empty()) return {};
        return wire_head((method.empty() ? "GET" : method) + " " + path + " HTTP/1.1\nHost: 10.200.0.1\n");
    }
    std::string url = text_of(n, "url");
    if (url.empty() || method.empty()) return {};
    const MessageHead reply = parse_message_head(response);  // header() views into it
    auto cseq = reply.header("CSeq");
    return wire_head(method + " rtsp://10.200.0.1:554" + url + " RTSP/1.0\nCSeq: " + std::string(cseq ? *cseq : "1") + "\n");
}

std::vector<Envelope> envelopes_of(const Record& r, std::size_t index, const MacAddress& mac, const IpAddress& ip) {
    const YAML::Node& n = r.node;
    const std::string& e = r.envelope;
    if (e == "http" && (text_of(n, "response").starts_with("NOTIFY ") || text_of(n, "response").starts_with("M-SEARCH ")))
        return {{"ssdp", wire_head(text_of(n, "response")), 1900, 1900}};  // an SSDP datagram quoted as HTTP
    if (e == "http" || e == "rtsp") {
        std::string response = wire_head(with_start_line(text_of(n, "response"), e == "http" ? "HTTP/1.1" : "RTSP/1.0")) + text_of(n, "body");
        return {{e, response, static_cast<std::uint16_t>(e == "http" ? 80 : 554), 50000, request_of(r, response)}};
    }
    if (e == "tls") {
        std::string subject = text_of(n, "subject"), issuer = text_of(n, "issuer");
        if (issuer.empty()) issuer = subject;
        return {{"tls", synth::tls_server_flight(synth::certificate_with(parse_dn(subject), parse_dn(issuer))), 443, 50000}};
    }
    if (e == "ssdp") return {{"ssdp", wire_head(with_start_line(text_of(n, "message"), "HTTP/1.1")), 1900, 1900}};
    if (e == "upnp") {
        // A quoted fragment (the <device> element alone) goes inside the document's root.
        std::string description = text_of(n, "description");
        if (description.find("<root") == std::string::npos && description.find(":root") == std::string::npos)
            description = "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">" + description + "</root>";
        return {{"upnp", description, 49152, 50000}};
    }
    if (e == "wsd") {
        std::string scopes;
        for (const auto& s : list_of(n["scopes"])) scopes += (scopes.empty() ? "" : " ") + s;
        char uuid[64];
        std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012zx", index);
        return {{"wsd", synth::wsd_hello(uuid, text_of(n, "types"), scopes), 3702, 3702}};
    }
    if (e == "mdns") {
        std::string service = text_of(n, "service");
        if (service.ends_with(".")) service.pop_back();
        return {{"mdns", synth::mdns_service_response(service, text_of(n, "instance"), "host-" + std::to_string(index) + ".local", 80,
                                                      list_of(n["txt"]), ip),
                 5353, 5353}};
    }
    if (e == "dhcp") {
        std::vector<synth::DhcpOption> options;
        if (auto v = text_of(n, "vendor_class"); !v.empty()) options.push_back(synth::dhcp_text_option(60, v));
        if (auto h = text_of(n, "hostname"); !h.empty()) options.push_back(synth::dhcp_text_option(12, h));
        return {{"dhcp", synth::dhcp_message(1, 0x1000 + static_cast<std::uint32_t>(index), mac, ip, synth::kZero,
                                             synth::with_type(3, options)),
                 68, 67}};
    }
    if (e == "onvif")
        return {{"onvif",
                 synth::onvif_device_information(text_of(n, "manufacturer"), text_of(n, "model"), text_of(n, "firmware"),
                                                 text_of(n, "serial"), text_of(n, "hardware_id")),
                 80, 50000}};
    return {};
}

// Label names and vendor ids compared without case or punctuation ("TP-Link" = "tp-link").
bool names_maker(const SignatureDatabase& db, const std::string& vendor_id, const std::string& maker) {
    if (vendor_id.empty()) return false;
    std::string want = alnum_folded(maker);
    if (alnum_folded(vendor_id) == want) return true;
    const Vendor* v = db.vendor(vendor_id);
    if (!v) return false;
    if (alnum_folded(v->display) == want || alnum_folded(v->name) == want) return true;
    return std::any_of(v->aliases.begin(), v->aliases.end(), [&](const std::string& a) { return alnum_folded(a) == want; });
}

bool flagged(VerdictStatus s) { return s == VerdictStatus::covered || s == VerdictStatus::likely_covered; }

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> files;
    std::string misses_path;
    if (argc < 4) {
        std::cerr << "usage: camsweep-recognition SIGNATURES AUDIT_DATE CORPUS.yaml... [--misses FILE]\n";
        return 2;
    }
    for (int i = 3; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--misses" && i + 1 < argc) misses_path = argv[++i];
        else files.push_back(a);
    }
    SignatureLoad load = load_signatures(argv[1]);
    for (const auto& e : load.errors) std::cerr << e << '\n';
    if (!load.ok()) return 3;
    const SignatureDatabase& db = load.database;
    auto audit = Date::parse(argv[2]);
    if (!audit) {
        std::cerr << "camsweep-recognition: bad audit date '" << argv[2] << "'\n";
        return 2;
    }

    std::vector<Record> records;
    for (const auto& file : files) {
        YAML::Node root;
        try {
            root = YAML::LoadFile(file);
        } catch (const YAML::Exception& ex) {
            std::cerr << file << ": " << ex.what() << '\n';
            return 1;
        }
        const YAML::Node list = root["records"];
        for (std::size_t k = 0; k < list.size(); ++k) {
            const YAML::Node node = list[k];
            Record r;
            r.id = text_of(node, "id");
            r.source = text_of(node, "source");
            r.envelope = text_of(node, "envelope");
            r.file = file;
            r.node = node;
            const YAML::Node& l = node["label"];
            r.label.maker = alnum_folded(text_of(l, "maker")) == "unknown" ? "" : text_of(l, "maker");
            r.label.brand = text_of(l, "brand");
            r.label.model = text_of(l, "model");
            if (l["covered"]) {
                r.label.covered_known = true;
                r.label.covered = l["covered"].as<bool>();
            }
            r.label.certain = l["certain"] && l["certain"].as<bool>();
            r.anonymous = text_of(node, "anonymous");
            records.push_back(std::move(r));
        }
    }

    InventoryBuilderOptions options;
    options.audit_date = *audit;
    InventoryBuilder builder(db, options);
    std::vector<MacAddress> macs;
    std::vector<IpAddress> ips;
    std::size_t unread = 0;
    for (std::size_t i = 0; i < records.size(); ++i) {
        char mac_text[32], ip_text[32];
        std::snprintf(mac_text, sizeof mac_text, "02:cb:00:00:%02zx:%02zx", (i >> 8) & 0xff, i & 0xff);
        std::snprintf(ip_text, sizeof ip_text, "10.200.%zu.%zu", (i / 254) & 0xff, 1 + i % 254);
        MacAddress mac = synth::mac(mac_text);
        IpAddress ip = synth::ipv4(ip_text);
        macs.push_back(mac);
        ips.push_back(ip);
        auto envelopes = envelopes_of(records[i], i, mac, ip);
        if (envelopes.empty()) {
            std::cerr << records[i].file << ": " << records[i].id << ": envelope '" << records[i].envelope << "' is not known\n";
            ++unread;
        }
        for (const auto& env : envelopes) {
            const ProtocolDescriptor* protocol = find_protocol(env.protocol);
            if (!protocol) {
                std::cerr << "camsweep-recognition: no protocol '" << env.protocol << "'\n";
                return 1;
            }
            MessageMeta meta;
            meta.time = static_cast<double>(i);
            meta.src_mac = mac;
            meta.src_ip = ip;
            meta.dst_ip = synth::ipv4("10.200.255.254");
            meta.src_port = env.src_port;
            meta.dst_port = env.dst_port;
            meta.from_client = false;
            meta.final = true;
            meta.request = env.request;
            Observation obs;
            obs.time = meta.time;
            obs.endpoint = Endpoint{mac, ip, env.src_port};
            obs.where = records[i].id;
            std::string error;
            read_message(*protocol, as_bytes(env.bytes), meta, obs, error);
            if (!error.empty()) std::cerr << records[i].file << ": " << records[i].id << ": " << error << '\n';
            builder.add(obs);
        }
    }
    std::vector<Device> devices = builder.judged_devices();

    // Per record: the device holding its MAC, else its address (a payload that names another MAC,
    // as a WS-Discovery MAC scope does, keys the device by that one).
    std::size_t with_maker_content = 0, named_with_content = 0;
    std::size_t with_maker = 0, named = 0, covered_certain = 0, covered_certain_flagged = 0, covered_all = 0, covered_all_flagged = 0;
    std::size_t clean_labelled = 0, false_covered = 0, wrong_clean = 0, cleared = 0, cleared_right = 0;
    std::map<std::string, std::pair<int, int>> per_maker;  // maker -> (records, named)
    std::map<std::string, int> per_envelope;
    std::ofstream misses;
    if (!misses_path.empty()) misses.open(misses_path);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Record& r = records[i];
        ++per_envelope[r.envelope];
        const Device* device = nullptr;
        for (const auto& d : devices)
            if (std::find(d.macs.begin(), d.macs.end(), macs[i]) != d.macs.end()) device = &d;
        for (const auto& d : devices)
            if (!device && std::find(d.ips.begin(), d.ips.end(), ips[i]) != d.ips.end()) device = &d;
        std::string vendor = device ? device->best_value("vendor") : "";
        VerdictStatus status = device ? device->verdict.status : VerdictStatus::unknown;
        std::string producer = device ? device->verdict.producer : "";
        bool is_named = !r.label.maker.empty() && (names_maker(db, vendor, r.label.maker) || names_maker(db, producer, r.label.maker));
        if (!r.label.maker.empty()) {
            ++with_maker;
            named += is_named;
            auto& m = per_maker[alnum_folded(r.label.maker)];
            ++m.first;
            m.second += is_named;
            if (r.anonymous.empty()) {
                ++with_maker_content;
                named_with_content += is_named;
            }
        }
        if (r.label.covered_known && r.label.covered) {
            ++covered_all;
            covered_all_flagged += flagged(status);
            if (r.label.certain) {
                ++covered_certain;
                covered_certain_flagged += flagged(status);
            }
            if (status == VerdictStatus::not_covered) ++wrong_clean;
        }
        if (r.label.covered_known && !r.label.covered) {
            ++clean_labelled;
            if (flagged(status)) ++false_covered;
        }
        if (status == VerdictStatus::not_covered) {
            ++cleared;
            cleared_right += r.label.covered_known && !r.label.covered;
        }
        bool miss = (!r.label.maker.empty() && !is_named) || (r.label.covered_known && r.label.covered != flagged(status));
        if (misses.is_open() && miss)
            misses << r.id << '\t' << r.envelope << "\tlabel=" << (r.label.maker.empty() ? "?" : r.label.maker)
                   << (r.label.covered_known ? (r.label.covered ? " covered" : " clean") : "") << "\tgot=" << (vendor.empty() ? "-" : vendor)
                   << ' ' << to_string(status) << '\t' << (device ? device->verdict.reason : "no device") << '\n';
    }
    auto pct = [](std::size_t a, std::size_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
    std::printf("%zu records from %zu files (", records.size(), files.size());
    bool first = true;
    for (const auto& [e, n] : per_envelope) {
        std::printf("%s%s %d", first ? "" : ", ", e.c_str(), n);
        first = false;
    }
    std::printf(")%s\n", unread ? "; some envelopes unknown" : "");
    std::printf("covered recall (certain records): %zu of %zu flagged covered or likely-covered (%.1f %%)\n", covered_certain_flagged,
                covered_certain, pct(covered_certain_flagged, covered_certain));
    std::printf("covered recall (all covered records): %zu of %zu (%.1f %%)\n", covered_all_flagged, covered_all,
                pct(covered_all_flagged, covered_all));
    std::printf("wrong clean: %zu covered records judged not-covered\n", wrong_clean);
    std::printf("false covered: %zu of %zu clean records flagged covered or likely-covered\n", false_covered, clean_labelled);
    std::printf("cleared: %zu records judged not-covered, %zu of them labelled clean\n", cleared, cleared_right);
    std::printf("makers named: %zu of %zu records with a known maker (%.1f %%); %zu makers in the corpus\n", named, with_maker,
                pct(named, with_maker), per_maker.size());
    std::printf("makers named where the record names one: %zu of %zu (%.1f %%); %zu records marked anonymous (a stock SDK banner, an OPTIONS reply)\n",
                named_with_content, with_maker_content, pct(named_with_content, with_maker_content), with_maker - with_maker_content);
    std::printf("per maker (records named/records):");
    for (const auto& [maker, counts] : per_maker) std::printf(" %s %d/%d", maker.c_str(), counts.second, counts.first);
    std::printf("\n");
    return unread ? 1 : 0;
}
