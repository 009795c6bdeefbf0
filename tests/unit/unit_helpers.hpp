#pragma once
// Small helpers shared by the unit tests: building frames (with ByteWriter), running the dissector
// registry the way the analyzer does, and temporary directories.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_writer.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/compliance/verdict.hpp"
#include "camsweep/decode/packet.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/inventory/inventory.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/pipeline/packet_dissector.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep::test {

using Buf = std::vector<std::uint8_t>;

inline Buf bytes_of(std::string_view text) { return Buf(text.begin(), text.end()); }
inline Bytes span_of(const Buf& b) { return Bytes(b.data(), b.size()); }
inline std::string as_string(Bytes b) { return std::string(as_text(b)); }
// "0a0b..." or "0a 0b ..." to its bytes (fixtures copied from captures or quoted dumps as hex);
// anything but hex digits (spaces, line breaks) is skipped.
inline Buf from_hex(std::string_view hex) {
    std::string digits;
    for (char c : hex)
        if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
    Buf out;
    for (std::size_t i = 0; i + 1 < digits.size(); i += 2) out.push_back(static_cast<std::uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
    return out;
}

inline MacAddress mac(std::string_view text) {
    auto m = MacAddress::parse(text);
    EXPECT_TRUE(m.has_value()) << text;
    return m.value_or(MacAddress{});
}
inline IpAddress ip(std::string_view text) {
    auto a = IpAddress::parse(text);
    EXPECT_TRUE(a.has_value()) << text;
    return a.value_or(IpAddress{});
}

// A UDP header followed by `payload`.
inline Buf udp_datagram(std::uint16_t sport, std::uint16_t dport, const Buf& payload) {
    ByteWriter b;
    b.be16(sport).be16(dport).be16(static_cast<std::uint16_t>(8 + payload.size()));
    b.be16(0);  // checksum not checked
    return b.bytes(payload).take();
}

// An IPv4 header (IHL 5 unless options are given) followed by `l4`.
inline Buf ipv4(std::string_view src, std::string_view dst, std::uint8_t protocol, const Buf& l4, const Buf& options = {}) {
    ByteWriter b;
    std::size_t header = 20 + options.size();
    b.u8(static_cast<std::uint8_t>(0x40 | (header / 4))).u8(0).be16(static_cast<std::uint16_t>(header + l4.size()));
    b.be16(0x1234);
    b.be16(0x4000);  // DF, offset 0
    b.u8(64).u8(protocol).be16(0);
    b.ipv4(ip(src)).ipv4(ip(dst));
    b.bytes(options).bytes(l4);
    return b.take();
}

// An IPv6 header (hop limit 1, no extension headers of its own) followed by `l4`, of type `next`.
inline Buf ipv6(std::string_view src, std::string_view dst, std::uint8_t next, const Buf& l4) {
    ByteWriter b;
    b.be32(0x60000000).be16(static_cast<std::uint16_t>(l4.size())).u8(next).u8(1);
    b.ipv6(ip(src)).ipv6(ip(dst)).bytes(l4);
    return b.take();
}

inline Buf ipv4_udp(std::string_view src, std::string_view dst, std::uint16_t sport, std::uint16_t dport, const Buf& payload) {
    return ipv4(src, dst, 17, udp_datagram(sport, dport, payload));
}

inline Buf ethernet(std::string_view dst, std::string_view src, std::uint16_t type, const Buf& body,
                    std::initializer_list<std::pair<std::uint16_t, std::uint16_t>> tags = {}) {
    ByteWriter b;
    b.mac(mac(dst)).mac(mac(src));
    for (auto [tpid, tci] : tags) b.be16(tpid).be16(tci);
    b.be16(type).bytes(body);
    return b.take();
}

// ---- DNS wire format (RFC 1035 §4.1), for the DNS, mDNS, LLMNR and NBNS tests -------------------

inline void put_dns_header(ByteWriter& b, std::uint16_t id, std::uint16_t flags, std::uint16_t qd, std::uint16_t an, std::uint16_t ns,
                           std::uint16_t ar) {
    b.be16(id).be16(flags).be16(qd).be16(an).be16(ns).be16(ar);
}
// Uncompressed labels and the terminating zero.
inline void put_dns_name(ByteWriter& b, std::string_view dotted) {
    while (!dotted.empty()) {
        auto dot = dotted.find('.');
        std::string_view label = dotted.substr(0, dot);
        b.u8(static_cast<std::uint8_t>(label.size())).text(label);
        dotted = dot == std::string_view::npos ? std::string_view() : dotted.substr(dot + 1);
    }
    b.u8(0);
}
inline Buf dns_name_bytes(std::string_view dotted) {
    ByteWriter b;
    put_dns_name(b, dotted);
    return b.take();
}
inline void put_dns_question(ByteWriter& b, std::string_view name, std::uint16_t type) {
    put_dns_name(b, name);
    b.be16(type).be16(1);  // class IN
}
// A resource record with a TTL of 120 s.
inline void put_dns_rr(ByteWriter& b, std::string_view name, std::uint16_t type, std::uint16_t klass, const Buf& rdata) {
    put_dns_name(b, name);
    b.be16(type).be16(klass).be32(120).be16(static_cast<std::uint16_t>(rdata.size())).bytes(rdata);
}

// A frame plus its decoded form; the packet points into `bytes`, so a Frame is move-only.
struct Frame {
    Buf bytes;
    DecodedPacket packet;
    std::string error;
    Frame() = default;
    Frame(const Frame&) = delete;
    Frame& operator=(const Frame&) = delete;
    Frame(Frame&&) = default;  // vector moves keep their buffer, so the spans stay valid
    Frame& operator=(Frame&&) = default;
};

inline Frame decode(int link_type, Buf bytes) {
    Frame f;
    f.bytes = std::move(bytes);
    f.error = decode_packet(link_type, Bytes(f.bytes.data(), f.bytes.size()), f.packet);
    return f;
}

// Ethernet + IPv4 + UDP frame carrying `payload`, decoded.
inline Frame udp_frame(std::string_view src_mac, std::string_view src_ip, std::uint16_t sport, std::string_view dst_ip,
                       std::uint16_t dport, std::string_view payload, std::string_view dst_mac = "01:00:5e:7f:ff:fa") {
    return decode(kLinkEthernet, ethernet(dst_mac, src_mac, kEtherIpv4, ipv4_udp(src_ip, dst_ip, sport, dport, bytes_of(payload))));
}

// A UDP packet whose payload is `payload` (which must outlive it), for payloads larger than one
// datagram can carry.
inline DecodedPacket raw_udp_packet(Bytes payload, std::uint16_t sport, std::uint16_t dport) {
    DecodedPacket p;
    p.ethertype = kEtherIpv4;
    p.ip_protocol = 17;
    p.transport = Transport::udp;
    p.src_port = sport;
    p.dst_port = dport;
    p.payload = payload;
    return p;
}
inline DecodedPacket raw_udp_packet(std::string_view payload, std::uint16_t sport, std::uint16_t dport) {
    return raw_udp_packet(Bytes(reinterpret_cast<const std::uint8_t*>(payload.data()), payload.size()), sport, dport);
}

struct Dissected {
    std::string protocol;  // empty: no dissector accepted the packet
    std::string error;
    Observation obs;
    std::vector<std::string> values(std::string_view key) const {
        std::vector<std::string> out;
        for (const auto& f : obs.fields)
            if (f.key == key) out.push_back(f.value);
        return out;
    }
    std::string get(std::string_view key) const {
        auto v = obs.get(key);
        return v ? std::string(*v) : std::string();
    }
    bool has(std::string_view key) const { return obs.get(key).has_value(); }
};

// Each field `key` of a parse result (Dissected, StreamRun) has `value` (its first value when
// repeated); a mismatch names the key.
template <typename Result>
void expect_fields(const Result& result, std::initializer_list<std::pair<std::string_view, std::string_view>> expected) {
    for (const auto& [key, value] : expected) EXPECT_EQ(result.get(key), value) << key;
}

// A message that describes no device (a search tool's request, a setting sent to a camera): read
// without error by `protocol`, its one field the message kind `key` = `message`.
inline ::testing::AssertionResult carries_only_its_message(const Dissected& d, std::string_view protocol, std::string_view key,
                                                           std::string_view message) {
    if (!d.error.empty()) return ::testing::AssertionFailure() << "error: " << d.error;
    if (d.protocol != protocol) return ::testing::AssertionFailure() << "read by '" << d.protocol << "', not " << protocol;
    if (d.get(key) != message) return ::testing::AssertionFailure() << key << " is '" << d.get(key) << "', not '" << message << "'";
    if (d.obs.fields.size() != 1) {
        auto failure = ::testing::AssertionFailure() << d.obs.fields.size() << " fields:";
        for (const auto& f : d.obs.fields) failure << ' ' << f.key;
        return failure;
    }
    return ::testing::AssertionSuccess();
}

// Runs the registry the way the analyzer does: the first claiming protocol wins.
inline Dissected dissect(const DecodedPacket& packet, double time = 1000.0) {
    Dissected d;
    if (const auto* protocol = dissect_packet(packet, time, "test", d.obs, d.error)) d.protocol = std::string(protocol->protocol);
    return d;
}

// Reads a packet with one named protocol (registry name), whether or not it would claim it.
inline Dissected dissect_as(std::string_view name, const DecodedPacket& packet, double time = 1000.0) {
    Dissected d;
    const ProtocolDescriptor* protocol = find_protocol(name);
    EXPECT_NE(protocol, nullptr) << name;
    if (!protocol) return d;
    d.protocol = std::string(protocol->protocol);
    read_packet(*protocol, packet, time, "test", d.obs, d.error);
    return d;
}

// A fresh, empty directory under the system temp dir, removed at destruction.
class TempDir {
public:
    TempDir() {
        static std::atomic<int> counter{0};
        auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() /
                ("camsweep-unit-" + std::to_string(::getpid()) + "-" + std::to_string(stamp) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, std::string_view text) {
    std::filesystem::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

inline std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A two-vendor database (Hikvision and its relabeler LTS) for writer tests.
inline const SignatureDatabase& hikvision_lts_db() {
    static const SignatureDatabase db = [] {
        SignatureDatabase d;
        Vendor hik;
        hik.id = "hikvision";
        hik.name = "Hangzhou Hikvision Digital Technology Co., Ltd.";
        hik.display = "Hikvision";
        hik.kind = "manufacturer";
        d.vendors.emplace("hikvision", hik);
        Vendor lts = hik;
        lts.id = "lts";
        lts.display = "LTS";
        lts.kind = "brand";
        d.vendors.emplace("lts", lts);
        d.build_indexes();
        return d;
    }();
    return db;
}

// The §889 listing of Hikvision as the writer tests' verdicts cite it (each test adds the rest).
inline ListingHit section889_hikvision_hit() {
    ListingHit h;
    h.listing_id = "s889-hikvision";
    h.regime = "section889";
    h.regime_name = "NDAA FY2019 §889";
    h.citation = "Pub. L. 115-232 §889(f)(3)(B); FAR 52.204-25(a)";
    h.makes_covered = true;
    return h;
}

// An inventory of `devices` audited on 2026-11-23 with signatures of that date, read from one
// pcap file at `input_path`, for writer tests.
inline Inventory audited_inventory(std::vector<Device> devices, std::string input_path) {
    Inventory inv;
    inv.devices = std::move(devices);
    inv.audit_date = *Date::parse("2026-11-23");
    inv.vendors_as_of = inv.listings_as_of = "2026-11-23";
    InputSummary in;
    in.path = std::move(input_path);
    in.format = "pcap";
    inv.inputs = {in};
    return inv;
}

// An observation of `protocol` at `time` with the given fields, in order.
inline Observation observed(double time, std::string protocol, std::vector<std::pair<std::string, std::string>> fields) {
    Observation o;
    o.time = time;
    o.protocol = std::move(protocol);
    for (auto& [k, v] : fields) o.fields.push_back({std::move(k), std::move(v)});
    return o;
}

// What a stream reader did with a prefix, as the reassembler sees its ParseState: incomplete
// means wait for more bytes, anything else ends the direction.
enum class StreamStatus { need_more, done };

// The outcome of one call to a stream protocol's fields_of, with field look-ups for assertions.
struct StreamRun {
    StreamStatus status = StreamStatus::need_more;
    ParseState state = ParseState::incomplete;
    std::string error;
    Observation obs;
    std::string get(std::string_view key) const {
        auto v = obs.get(key);
        return v ? std::string(*v) : std::string();
    }
    bool has(std::string_view key) const { return obs.get(key).has_value(); }
    std::vector<std::string> values(std::string_view key) const {
        std::vector<std::string> out;
        for (const auto& f : obs.fields)
            if (f.key == key) out.push_back(f.value);
        return out;
    }
};


inline MessageMeta stream_meta(std::uint16_t src_port, std::uint16_t dst_port, bool from_client, bool final = false) {
    MessageMeta meta;
    meta.src_port = src_port;
    meta.dst_port = dst_port;
    meta.from_client = from_client;
    meta.final = final;
    return meta;
}

// Calls a registered stream protocol (by registry name) on one prefix, as the reassembler does.
inline StreamRun read_stream(std::string_view name, Bytes prefix, const MessageMeta& meta);

// A server's whole reply (port `server_port`), read with the client's request beside it.
inline StreamRun read_reply_to(std::string_view name, std::uint16_t server_port, std::string_view reply, std::string_view request) {
    MessageMeta meta = stream_meta(server_port, 50000, false, true);
    meta.request = request;
    return read_stream(name, as_bytes(reply), meta);
}

inline StreamRun read_stream(std::string_view name, Bytes prefix, const MessageMeta& meta) {
    StreamRun r;
    const ProtocolDescriptor* protocol = find_protocol(name);
    EXPECT_NE(protocol, nullptr) << name;
    if (!protocol) return r;
    r.state = read_message(*protocol, prefix, meta, r.obs, r.error);
    r.status = r.state == ParseState::incomplete ? StreamStatus::need_more : StreamStatus::done;
    return r;
}

inline bool stream_looks_like(std::string_view name, Bytes first_bytes, const MessageMeta& meta) {
    const ProtocolDescriptor* protocol = find_protocol(name);
    EXPECT_NE(protocol, nullptr) << name;
    return protocol && protocol->looks_like(meta, first_bytes);
}

// An observation as a front end makes it: at `time`, from the protocol (with its evidence tier),
// from this MAC and/or IP, carrying these fields.
inline Observation observation_at(double time, std::string protocol, std::optional<std::string_view> src_mac,
                                  std::optional<std::string_view> src_ip,
                                  std::initializer_list<std::pair<const char*, std::string>> fields = {}) {
    Observation o;
    o.time = time;
    if (const auto* descriptor = find_protocol(protocol)) o.tier = descriptor->tier;
    o.protocol = std::move(protocol);
    if (src_mac) o.endpoint.mac = mac(*src_mac);
    if (src_ip) o.endpoint.ip = ip(*src_ip);
    for (auto& [k, v] : fields) o.add(k, v);
    o.where = "test:" + std::to_string(time);
    return o;
}

// A file under tests/fixtures/ (SOURCES.md there says where each came from).
inline std::string read_fixture(std::string_view relative) {
    std::ifstream in(std::string(CAMSWEEP_SOURCE_DIR) + "/tests/fixtures/" + std::string(relative), std::ios::binary);
    EXPECT_TRUE(in) << relative;
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Reads an HTTP response body with a registered Carrier::http_body protocol (by registry name),
// as the prober will: the whole body at once, from the device's web server.
inline StreamRun read_body(std::string_view name, std::string_view body) {
    MessageMeta meta = stream_meta(80, 50000, false, true);
    meta.src_ip = IpAddress::parse("192.168.1.64");
    meta.dst_ip = IpAddress::parse("192.168.1.10");
    const ProtocolDescriptor* protocol = find_protocol(name);
    EXPECT_NE(protocol, nullptr) << name;
    if (protocol) {
        EXPECT_EQ(protocol->carrier, Carrier::http_body) << name;
    }
    return read_stream(name, as_bytes(body), meta);
}

// A DOCTYPE for a document whose root element is `root`, declaring the "billion laughs" entity
// bomb: &lol9; would expand to 10^9 "lol"s. XML readers here must never expand it.
inline std::string entity_bomb_doctype(std::string_view root) {
    std::string doctype = "<?xml version=\"1.0\"?>\n<!DOCTYPE " + std::string(root) + " [\n <!ENTITY lol \"lol\">\n";
    for (int level = 1; level <= 9; ++level) {
        const std::string inner = level == 1 ? "&lol;" : "&lol" + std::to_string(level - 1) + ";";
        doctype += " <!ENTITY lol" + std::to_string(level) + " \"";
        for (int i = 0; i < 10; ++i) doctype += inner;
        doctype += "\">\n";
    }
    return doctype + "]>\n";
}

// Devices judged by `db` from these observations, as the prober's inventory would hold them.
inline std::vector<Device> judge_observations(const SignatureDatabase& db, std::initializer_list<Observation> observations) {
    InventoryBuilderOptions options;
    options.audit_date = *Date::parse("2026-11-23");
    InventoryBuilder builder(db, options);
    for (Observation obs : observations) builder.add(obs);
    return builder.judged_devices();
}

// One reply the prober read from `ip`:`port`, judged alone.
inline std::vector<Device> judge_active_reply(const SignatureDatabase& db, Observation obs, std::string_view ip, std::uint16_t port) {
    obs.origin = Origin::active;
    obs.endpoint.ip = IpAddress::parse(ip);
    obs.endpoint.port = port;
    return judge_observations(db, {obs});
}

}  // namespace camsweep::test
