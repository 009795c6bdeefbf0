// The protocol seam (dissect/protocol.hpp): the registry's invariants, every request builder
// read back by its own protocol's parser, the generic header capture and the observation log.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "camsweep/core/byte_writer.hpp"
#include "camsweep/report/observation_log.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

TEST(ProtocolRegistry, NamesAreUniqueAndEveryDescriptorIsComplete) {
    std::set<std::string_view> names;
    for (const auto* p : all_protocols()) {
        EXPECT_TRUE(names.insert(p->name).second) << p->name;
        EXPECT_FALSE(p->protocol.empty()) << p->name;
        EXPECT_FALSE(p->field_prefix.empty()) << p->name;
        EXPECT_NE(p->looks_like, nullptr) << p->name;
        EXPECT_NE(p->fields_of, nullptr) << p->name;
        EXPECT_FALSE(p->summary.empty()) << p->name;
        if (p->claim != Claim::content) {
            EXPECT_FALSE(p->ports.empty()) << p->name << " is claimed by port but has none";
        }
        EXPECT_EQ(find_protocol(p->name), p);
    }
    EXPECT_EQ(find_protocol("no-such-protocol"), nullptr);
    EXPECT_EQ(protocols_carried_by(Carrier::tcp).size(), 3u);        // http, rtsp, tls
    EXPECT_EQ(protocols_carried_by(Carrier::http_body).size(), 6u);  // onvif, upnp, isapi, hnap, rpc2, favicon
}

// Where the prober's multicast discovery sends a request is part of the descriptor: every group
// is a link-local multicast literal of its family, and only protocols with a request (over UDP)
// name groups, a subnet broadcast or reply ports.
TEST(ProtocolRegistry, MulticastGroupsAreLinkLocalMulticastLiterals) {
    for (const auto* p : all_protocols()) {
        const bool searches = !p->multicast_groups.empty() || p->subnet_broadcast || !p->reply_ports.empty();
        if (!searches) continue;
        EXPECT_EQ(p->carrier, Carrier::udp) << p->name;
        EXPECT_NE(p->build_request, nullptr) << p->name << " names where its search goes but builds none";
        for (std::string_view text : p->multicast_groups) {
            auto group = IpAddress::parse(text);
            ASSERT_TRUE(group) << p->name << ": " << text;
            EXPECT_EQ(group->to_string(), text) << p->name << ": write groups in canonical form";
            if (group->family == IpAddress::Family::v4) {
                // 224.0.0.0/24 (link-local control) or 239.0.0.0/8 (administratively scoped), or
                // a vendor's registered group; never the all-ones broadcast.
                EXPECT_GE(group->octets[0], 224) << text;
                EXPECT_LE(group->octets[0], 239) << text;
            } else {
                EXPECT_EQ(group->octets[0], 0xff) << text;
                EXPECT_EQ(group->octets[1], 0x02) << text << ": IPv6 groups must be link-local (ff02::/16)";
            }
        }
    }
    // The groups research/protocols-active.md §1.1-1.5 names for the searches the prober sends.
    auto groups_of = [](std::string_view name) {
        std::vector<std::string_view> out;
        for (auto g : find_protocol(name)->multicast_groups) out.push_back(g);
        return out;
    };
    EXPECT_EQ(groups_of("wsd"), (std::vector<std::string_view>{"239.255.255.250", "ff02::c"}));
    EXPECT_EQ(groups_of("ssdp"), (std::vector<std::string_view>{"239.255.255.250", "ff02::c"}));
    EXPECT_EQ(groups_of("mdns"), (std::vector<std::string_view>{"224.0.0.251", "ff02::fb"}));
    EXPECT_EQ(groups_of("sadp"), (std::vector<std::string_view>{"239.255.255.250"}));
    EXPECT_EQ(groups_of("dhip"), (std::vector<std::string_view>{"239.255.255.251"}));
    EXPECT_TRUE(find_protocol("xiongmai")->subnet_broadcast);
    EXPECT_FALSE(find_protocol("sadp")->subnet_broadcast);
}

// The readers of HTTP bodies are the prober's: passive analysis reads heads only, so neither
// the datagram dispatch nor the stream reassembler ever offers them a message; their fuzz seeds
// come from tests/fixtures/<name>/ (make_corpus), which must hold bodies each reads whole.
TEST(ProtocolRegistry, HttpBodyReadersAreNeverOfferedPacketsOrStreams) {
    const auto body_readers = protocols_carried_by(Carrier::http_body);
    const auto streams = protocols_carried_by(Carrier::tcp);
    for (const auto* p : body_readers) {
        EXPECT_EQ(std::find(streams.begin(), streams.end(), p), streams.end()) << p->name;
        const std::filesystem::path dir = std::filesystem::path(CAMSWEEP_SOURCE_DIR) / "tests" / "fixtures" / std::string(p->name);
        std::size_t seeds = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            if (!entry.is_regular_file() || entry.path().filename() == "SOURCES.md") continue;
            ++seeds;
            std::string body = read_fixture(std::string(p->name) + "/" + entry.path().filename().string());
            auto r = read_body(p->name, body);
            EXPECT_EQ(r.state, ParseState::complete) << entry.path() << ": " << r.error;
            EXPECT_TRUE(p->claims(MessageMeta{}, as_bytes(body))) << entry.path();
            for (std::uint16_t port : {80, 1900, 3702, 8080, 50000}) {
                auto frame = udp_frame("00:11:22:33:44:55", "192.168.1.64", port, "192.168.1.10", 50000, body);
                EXPECT_NE(dissect(frame.packet).protocol, p->protocol) << p->name << " on UDP " << port;
            }
        }
        EXPECT_GT(seeds, 0u) << dir << " holds no fixture for the fuzz corpus";
    }
}

// docs/fields.md documents the fields of every registered protocol: a new protocol without its
// field table fails here.
TEST(ProtocolRegistry, EveryFieldPrefixIsDocumented) {
    std::ifstream in(std::string(CAMSWEEP_SOURCE_DIR) + "/docs/fields.md");
    ASSERT_TRUE(in) << "docs/fields.md";
    std::stringstream text;
    text << in.rdbuf();
    for (const auto* p : all_protocols())
        EXPECT_NE(text.str().find("| `" + std::string(p->field_prefix) + "."), std::string::npos)
            << "docs/fields.md has no field of " << p->name;
}

// What the prober will send is read by the same protocol's parser as a query, never as a device.
TEST(ProtocolRegistry, EveryRequestIsReadBackAsAQuery) {
    const std::pair<std::string_view, std::pair<std::string_view, std::string_view>> kExpected[] = {
        {"ssdp", {"ssdp.method", "M-SEARCH"}},
        {"sadp", {"sadp.message", "Probe"}},
        {"dhip", {"dhip.method", "DHDiscover.search"}},
        {"wsd", {"wsd.message", "Probe"}},
        {"xiongmai", {"xm.message", "search"}},
        {"dahua5050", {"d5050.message", "search"}},
        {"mdns", {"mdns.query", "_axis-video._tcp.local"}},
        {"bosch", {"bosch.message", "search"}},
        {"hanwha", {"hanwha.message", "search"}},
        {"vivotek", {"vivotek.message", "search"}},
        {"sony_ipsetup", {"sony.message", "enquiry"}},
        {"sony", {"sony.message", "enquiry"}},
        {"panasonic", {"panasonic.message", "search"}},
        {"ubiquiti", {"ubiquiti.message", "search"}},
        {"onvif", {"onvif.message", "GetSystemDateAndTime"}},  // the first of onvif_request()'s four
        {"rpc2", {"rpc2.method", "global.login"}},             // step 1, empty password
        {"tls", {"tls.sni", ""}},  // a ClientHello without a server name: the prober connects to addresses
    };
    std::size_t with_request = 0;
    for (const auto* p : all_protocols()) with_request += p->build_request != nullptr;
    EXPECT_EQ(with_request, std::size(kExpected));
    for (const auto& [name, field] : kExpected) {
        const ProtocolDescriptor* p = find_protocol(name);
        ASSERT_NE(p, nullptr) << name;
        ASSERT_NE(p->build_request, nullptr) << name;
        RequestContext context;
        context.message_id = "5d1b8e2a-90c4-4f5e-9a61-2f3b1c0e7d44";
        auto bytes = p->build_request(context);
        MessageMeta meta;
        meta.src_port = 49152;
        meta.dst_port = p->ports.empty() ? 80 : p->ports.front();
        EXPECT_TRUE(p->claims(meta, bytes)) << name;
        MessageFields out;
        EXPECT_EQ(p->fields_of(bytes, meta, out), ParseState::complete) << name << ": " << out.error;
        EXPECT_EQ(out.fields.get(field.first).value_or(""), field.second) << name;
        EXPECT_FALSE(out.fields.get("id.serial").has_value()) << name;
        EXPECT_FALSE(out.fields.get("id.mac").has_value()) << name;
    }
}

TEST(ProtocolRegistry, UnicastMsearchNamesTheTarget) {
    RequestContext context;
    context.target = ip("192.0.2.7");
    auto v4 = find_protocol("ssdp")->build_request(context);
    EXPECT_NE(std::string(v4.begin(), v4.end()).find("Host: 192.0.2.7:1900\r\n"), std::string::npos);
    context.target = ip("fe80::1");
    auto v6 = find_protocol("ssdp")->build_request(context);
    EXPECT_NE(std::string(v6.begin(), v6.end()).find("Host: [fe80::1]:1900\r\n"), std::string::npos);
}

TEST(ByteWriter, MirrorsByteCursor) {
    ByteWriter w;
    w.u8(0xab).be16(0x1234).be32(0xdeadbeef).le16(0x1234).le32(0xdeadbeef).padded("ab", 4).text("xy");
    ByteCursor cur(w.view());
    std::uint8_t u8 = 0;
    std::uint16_t be16 = 0;
    std::uint32_t be32 = 0, le32 = 0;
    ASSERT_TRUE(cur.u8(u8) && cur.be16(be16) && cur.be32(be32));
    EXPECT_EQ(u8, 0xab);
    EXPECT_EQ(be16, 0x1234);
    EXPECT_EQ(be32, 0xdeadbeefu);
    Bytes le16;
    ASSERT_TRUE(cur.bytes(2, le16));
    EXPECT_EQ(le16[0], 0x34);
    EXPECT_EQ(le16[1], 0x12);
    ASSERT_TRUE(cur.le32(le32));
    EXPECT_EQ(le32, 0xdeadbeefu);
    Bytes rest = cur.rest();
    EXPECT_EQ(as_text(rest), std::string_view("ab\0\0xy", 6));
}

TEST(ByteWriter, Be24AndPadTo) {
    ByteWriter w;
    EXPECT_TRUE(w.empty());
    w.be24(0x010203).pad_to(6).pad_to(2);  // padding never shortens
    EXPECT_FALSE(w.empty());
    EXPECT_EQ(w.data(), (std::vector<std::uint8_t>{0x01, 0x02, 0x03, 0x00, 0x00, 0x00}));
    ByteCursor cur(w.view());
    std::uint32_t v = 0;
    ASSERT_TRUE(cur.be24(v));
    EXPECT_EQ(v, 0x010203u);
}

TEST(GenericHeaders, EveryHeaderIsKeptButCredentialsAndVolatileOnes) {
    auto r = read_stream("http",
                         as_bytes("GET /ISAPI/System/deviceInfo HTTP/1.1\r\nHost: 10.0.0.2\r\nAuthorization: Basic YWRtaW46MTIzNDU=\r\n"
                                    "Cookie: WebSession=abc\r\nX-Requested-With: XMLHttpRequest\r\nDate: today\r\n\r\n"),
                         stream_meta(50000, 80, true, true));
    EXPECT_EQ(r.get("http.method"), "GET");
    EXPECT_EQ(r.get("http.path"), "/ISAPI/System/deviceInfo");
    EXPECT_EQ(r.get("http.header.x-requested-with"), "XMLHttpRequest");
    for (const auto& f : r.obs.fields) {
        EXPECT_EQ(f.value.find("YWRtaW46MTIzNDU="), std::string::npos) << "a password was kept in " << f.key;
        EXPECT_NE(f.key, "http.header.cookie");
        EXPECT_NE(f.key, "http.header.date");
        EXPECT_NE(f.key, "http.header.host");  // has its own field
    }
    auto rtsp = read_stream("rtsp", as_bytes("DESCRIBE rtsp://10.0.0.2/Streaming/Channels/101 RTSP/1.0\r\nCSeq: 2\r\nAccept: application/sdp\r\n\r\n"),
                            stream_meta(50000, 554, true, true));
    EXPECT_EQ(rtsp.get("rtsp.url"), "rtsp://10.0.0.2/Streaming/Channels/101");
    EXPECT_EQ(rtsp.get("rtsp.header.accept"), "application/sdp");
    EXPECT_FALSE(rtsp.has("rtsp.header.cseq"));
}

TEST(GenericHeaders, BoundedPerMessageAndOddNamesFlattened) {
    std::string response = "HTTP/1.1 200 OK\r\nX:Odd.Name: 1\r\n";
    for (int i = 0; i < 60; ++i) response += "X-H" + std::to_string(i) + ": v\r\n";
    response += "\r\n";
    auto r = read_stream("http", as_bytes(response), stream_meta(80, 50000, false, true));
    std::size_t generic = 0;
    for (const auto& f : r.obs.fields) generic += f.key.starts_with("http.header.");
    EXPECT_EQ(generic, kMaxGenericHeaders);
    EXPECT_EQ(r.get("http.header.x"), "Odd.Name: 1");
}

TEST(ObservationLog, OneEscapedJsonLine) {
    Observation obs;
    obs.time = 1762074000.5;
    obs.protocol = "ssdp";
    obs.where = "x.pcap:frame 1";
    obs.endpoint.mac = mac("58:50:ed:1f:e3:85");
    obs.endpoint.port = 1900;
    obs.add("ssdp.server", std::string("bad \xff\"<q>\n", 10));
    std::ostringstream out;
    write_observation_line(out, obs);
    EXPECT_EQ(out.str(),
              "{\"time\":\"2025-11-02T09:00:00.500000Z\",\"origin\":\"passive\",\"protocol\":\"ssdp\",\"where\":\"x.pcap:frame 1\","
              "\"endpoint\":{\"mac\":\"58:50:ed:1f:e3:85\",\"ip\":null,\"port\":1900},"
              "\"fields\":[[\"ssdp.server\",\"bad \\\\xff\\\"<q>\\n\"]]}\n");
}

}  // namespace
}  // namespace camsweep
