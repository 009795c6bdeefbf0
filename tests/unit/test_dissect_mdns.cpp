// mDNS / DNS-SD dissector. Real fixtures: UDP payloads of the D-Link DCS-935L and Edimax IC-3115W
// from the IoT Sentinel captures (shared/realdata/pcaps/iotsentinel_D-LinkCam_Setup-A-1-STA.pcap,
// iotsentinel_EdimaxCam1_Setup-A-1-STA.pcap; extracted with `tshark -r FILE -Y mdns -x`;
// research/protocols-passive.md §2.0). Hikvision's `_CGI._tcp` response is hand-built from the
// names in research/protocols-active.md §1.2.
#include <gtest/gtest.h>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dns.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// D-Link frame 124 (b0:c5:54:25:5b:0e, 10.10.10.37:5353 -> 224.0.0.251): response with A, reverse
// PTR, SRV, TXT (10 strings) and the DNS-SD PTRs for "D-Link HNAP Service._dhnap._tcp.local".
constexpr std::string_view kDlinkHnapResponse =
    "000084000000000600000000154443532d3933354c2d423043353534323535423045056c6f63616c00000180010000007800040a0a0a2502333702313002"
    "313002313007696e2d61646472046172706100000c8001000000780002c00c13442d4c696e6b20484e41502053657276696365065f64686e6170045f746370"
    "c02200218001000000780008000000000050c00cc05d001080010000119400a1156d61633d42303a43353a35343a32353a35423a304518776c616e305f7373"
    "69643d4443532d3933354c2d35423045156d6f64656c5f6e756d6265723d4443532d3933354c0f68617264776172655f7665723d41310a6463733d53696e6b"
    "65720c76657273696f6e3d303130360c6d79646c696e6b3d7472756509686e663d66616c73650e6d79646c696e6b723d66616c73650d64747970653d313030"
    "3b313031095f7365727669636573075f646e732d7364045f756470c022000c0001000011940002c071c071000c0001000011940002c05d";
// D-Link frame 126: the configuration utility's "_http._tcp" response (host dcs-935l5b0e.local).
constexpr std::string_view kDlinkHttpResponse =
    "0000840000000005000000000c6463732d3933356c35623065056c6f63616c00000180010000007800040a0a0a2525442d4c696e6b204443532d3933354c"
    "20436f6e66696775726174696f6e205574696c697479055f68747470045f746370c01900218001000000780008000000000050c00cc02e0010800100001194"
    "000100095f7365727669636573075f646e732d7364045f756470c019000c0001000011940002c054c054000c0001000011940002c02e";
// D-Link frame 34: a probe, ANY questions for its host and instance names, the proposed A and SRV
// records in the authority section.
constexpr std::string_view kDlinkProbe =
    "000000000002000000020000154443532d3933354c2d423043353534323535423045056c6f63616c0000ff800113442d4c696e6b20484e4150205365727669"
    "6365065f64686e6170045f746370c02200ff8001c00c000100010000007800040a0a0a25c02d00210001000000780008000000000050c00c";
// D-Link frame 240: browsing its own service type (a PTR question, nothing else).
constexpr std::string_view kDlinkBrowse = "000000000001000000000000065f64686e6170045f746370056c6f63616c00000c0001";
// D-Link frame 244: the same question with a known answer (a cached PTR) in the answer section.
constexpr std::string_view kDlinkBrowseKnownAnswer =
    "000000000001000100000000065f64686e6170045f746370056c6f63616c00000c0001c00c000c000100001194001613442d4c696e6b20484e41502053657276"
    "696365c00c";
// Edimax frame 6 (74:da:38:80:7a:08, 10.10.10.51): host localcam.local, instance " [74:da:38:80:7a:08]"
// (leading space as sent), TXT "IC-3115W Network Camera".
constexpr std::string_view kEdimaxResponse =
    "000084000000000600000000086c6f63616c63616d056c6f63616c00000180010000007800040a0a0a3302353102313002313002313007696e2d616464720461"
    "72706100000c8001000000780002c00c14205b37343a64613a33383a38303a37613a30385d055f68747470045f746370c01500218001000000780008000000"
    "000050c00cc050001080010000119400181749432d3331313557204e6574776f726b2043616d657261095f7365727669636573075f646e732d7364045f7564"
    "70c015000c0001000011940002c065c065000c0001000011940002c050";

// Class IN with the cache-flush bit (RFC 6762 §10.2), as responders send their unique records.
constexpr std::uint16_t kClassInCacheFlush = 0x8001;

constexpr std::string_view kHikInstance = "HIKVISION DS-2CD2722FWD-IZS - 733050127._CGI._tcp.local";
constexpr std::string_view kHikHost = "DS-2CD2722FWD-IZS20170321BBWR733050127.local";

// A Hikvision answer to a `_CGI._tcp.local` browse: PTR, then SRV, TXT and A as additional
// records (uncompressed, as some responders send).
Buf hikvision_cgi_response() {
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 1, 0, 3);
    put_dns_rr(b, "_CGI._tcp.local", kDnsTypePtr, 1, dns_name_bytes(kHikInstance));
    ByteWriter srv;
    srv.be16(0);
    srv.be16(0);
    srv.be16(80);
    srv.bytes(dns_name_bytes(kHikHost));
    put_dns_rr(b, kHikInstance, kDnsTypeSrv, kClassInCacheFlush, srv.data());
    ByteWriter txt;
    txt.u8(0);  // an empty string first, then a real one
    txt.u8(9);
    txt.text("txtvers=1");
    put_dns_rr(b, kHikInstance, kDnsTypeTxt, kClassInCacheFlush, txt.data());
    put_dns_rr(b, kHikHost, kDnsTypeA, kClassInCacheFlush, ByteWriter().ipv4(ip("192.168.1.64")).take());
    return b.take();
}

Frame mdns_frame(std::string_view mac, std::string_view ip, std::string_view hex) {
    return udp_frame(mac, ip, 5353, "224.0.0.251", 5353, as_string(from_hex(hex)), "01:00:5e:00:00:fb");
}

TEST(DissectMdns, RealDlinkHnapResponse) {
    auto f = mdns_frame("b0:c5:54:25:5b:0e", "10.10.10.37", kDlinkHnapResponse);
    ASSERT_EQ(f.error, "");
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.ipv4"), "10.10.10.37");
    EXPECT_EQ(d.values("mdns.name"), (std::vector<std::string>{"DCS-935L-B0C554255B0E.local", "D-Link HNAP Service._dhnap._tcp.local"}));
    EXPECT_EQ(d.values("mdns.service"), std::vector<std::string>{"_dhnap._tcp.local"});
    EXPECT_EQ(d.values("mdns.txt"),
              (std::vector<std::string>{"mac=B0:C5:54:25:5B:0E", "wlan0_ssid=DCS-935L-5B0E", "model_number=DCS-935L", "hardware_ver=A1",
                                        "dcs=Sinker", "version=0106", "mydlink=true", "hnf=false", "mydlinkr=false", "dtype=100;101"}));
    EXPECT_FALSE(d.has("mdns.query"));
    EXPECT_EQ(d.obs.fields.front().key, "id.ipv4");  // identity first, TXT last
    EXPECT_EQ(d.obs.fields.back().key, "mdns.txt");
}

TEST(DissectMdns, RealDlinkHttpResponse) {
    auto f = mdns_frame("b0:c5:54:25:5b:0e", "10.10.10.37", kDlinkHttpResponse);
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.ipv4"), "10.10.10.37");
    EXPECT_EQ(d.values("mdns.name"),
              (std::vector<std::string>{"dcs-935l5b0e.local", "D-Link DCS-935L Configuration Utility._http._tcp.local"}));
    EXPECT_EQ(d.values("mdns.service"), std::vector<std::string>{"_http._tcp.local"});
    EXPECT_FALSE(d.has("mdns.txt"));  // its TXT record holds a single empty string
}

TEST(DissectMdns, RealEdimaxResponse) {
    auto f = mdns_frame("74:da:38:80:7a:08", "10.10.10.51", kEdimaxResponse);
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.ipv4"), "10.10.10.51");
    EXPECT_EQ(d.values("mdns.name"), (std::vector<std::string>{"localcam.local", "[74:da:38:80:7a:08]._http._tcp.local"}));
    EXPECT_EQ(d.values("mdns.service"), std::vector<std::string>{"_http._tcp.local"});
    EXPECT_EQ(d.values("mdns.txt"), std::vector<std::string>{"IC-3115W Network Camera"});
}

TEST(DissectMdns, RealDlinkProbeNamesTheProber) {
    auto f = mdns_frame("b0:c5:54:25:5b:0e", "10.10.10.37", kDlinkProbe);
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.ipv4"), "10.10.10.37");
    EXPECT_EQ(d.values("mdns.name"), (std::vector<std::string>{"DCS-935L-B0C554255B0E.local", "D-Link HNAP Service._dhnap._tcp.local"}));
    EXPECT_EQ(d.values("mdns.service"), std::vector<std::string>{"_dhnap._tcp.local"});
    EXPECT_FALSE(d.has("mdns.query"));
}

TEST(DissectMdns, BrowsingIsAQueryNotAService) {
    for (auto hex : {kDlinkBrowse, kDlinkBrowseKnownAnswer}) {
        auto f = mdns_frame("b0:c5:54:25:5b:0e", "10.10.10.37", hex);
        auto d = dissect_as("mdns", f.packet);
        ASSERT_EQ(d.error, "");
        EXPECT_EQ(d.values("mdns.query"), std::vector<std::string>{"_dhnap._tcp.local"});
        EXPECT_FALSE(d.has("mdns.service"));  // a VMS browsing "_axis-video._tcp" is no Axis camera
        EXPECT_FALSE(d.has("mdns.name"));     // known answers are other hosts' records
    }
}

TEST(DissectMdns, HikvisionCgiResponse) {
    Buf payload = hikvision_cgi_response();
    auto f = udp_frame("44:19:b6:12:34:56", "192.168.1.64", 5353, "224.0.0.251", 5353, as_string(payload), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.values("mdns.service"), std::vector<std::string>{"_CGI._tcp.local"});
    EXPECT_EQ(d.values("mdns.name"), (std::vector<std::string>{std::string(kHikInstance), std::string(kHikHost)}));
    EXPECT_EQ(d.values("mdns.txt"), std::vector<std::string>{"txtvers=1"});
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.64");
}

TEST(DissectMdns, Ipv4IdentityOnlyForTheSendersOwnAddress) {
    Buf payload = hikvision_cgi_response();
    // Relayed by another host (a reflector or a proxy): the names stay, the address is not its own.
    auto f = udp_frame("00:11:22:33:44:55", "192.168.1.2", 5353, "224.0.0.251", 5353, as_string(payload), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_FALSE(d.has("id.ipv4"));
    EXPECT_TRUE(d.has("mdns.name"));
}

TEST(DissectMdns, SubtypesAndEnumerationNames) {
    EXPECT_EQ(split_dns_sd_name("_printer._sub._http._tcp.local").service_type, "_http._tcp.local");
    EXPECT_EQ(split_dns_sd_name("_printer._sub._http._tcp.local").instance, "");
    auto meta = split_dns_sd_name("_services._dns-sd._udp.local");
    EXPECT_TRUE(meta.is_dns_sd);
    EXPECT_EQ(meta.service_type, "");
    auto instance = split_dns_sd_name("AXIS M5014 - ACCC8E3C0419._axis-video._tcp.local");
    EXPECT_EQ(instance.instance, "AXIS M5014 - ACCC8E3C0419");
    EXPECT_EQ(instance.service_type, "_axis-video._tcp.local");
    auto dotted = split_dns_sd_name("Cam v2.1._http._tcp.local");  // dots inside the instance label
    EXPECT_EQ(dotted.instance, "Cam v2.1");
    EXPECT_EQ(dotted.service_type, "_http._tcp.local");
    EXPECT_FALSE(split_dns_sd_name("DS-2CD2722FWD-IZS20170321BBWR733050127.local").is_dns_sd);
    EXPECT_FALSE(split_dns_sd_name("_tcp.local").is_dns_sd);
    EXPECT_FALSE(split_dns_sd_name("a._tcp.local").is_dns_sd);
    EXPECT_FALSE(split_dns_sd_name("").is_dns_sd);

    // A subtype PTR gives the base type only; the enumeration PTR gives the type it points to.
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 2, 0, 0);
    put_dns_rr(b, "_services._dns-sd._udp.local", kDnsTypePtr, 1, dns_name_bytes("_axis-video._tcp.local"));
    put_dns_rr(b, "_onvif._sub._axis-nvr._tcp.local", kDnsTypePtr, 1, dns_name_bytes("AXIS S3008 - B8A44F000001._axis-nvr._tcp.local"));
    auto f = udp_frame("b8:a4:4f:00:00:01", "192.168.0.90", 5353, "224.0.0.251", 5353, as_string(b.view()), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.values("mdns.service"), (std::vector<std::string>{"_axis-video._tcp.local", "_axis-nvr._tcp.local"}));
    EXPECT_EQ(d.values("mdns.name"), std::vector<std::string>{"AXIS S3008 - B8A44F000001._axis-nvr._tcp.local"});
}

TEST(DissectMdns, TxtFieldsAreBoundedAndDistinct) {
    ByteWriter txt;
    for (int i = 0; i < 60; ++i) {
        std::string s = "k" + std::to_string(i % 40) + "=v";
        txt.u8(static_cast<std::uint8_t>(s.size()));
        txt.text(s);
        txt.u8(0);  // zero-length strings between
    }
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 1, 0, 0);
    put_dns_rr(b, "cam._http._tcp.local", kDnsTypeTxt, kClassInCacheFlush, txt.data());
    auto f = udp_frame("00:11:22:33:44:55", "192.168.0.9", 5353, "224.0.0.251", 5353, as_string(b.view()), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    auto values = d.values("mdns.txt");
    ASSERT_EQ(values.size(), 32u);
    EXPECT_EQ(values.front(), "k0=v");
    EXPECT_EQ(values.back(), "k31=v");
    EXPECT_LE(d.obs.fields.size(), kMaxFieldsPerObservation);
}

TEST(DissectMdns, EveryPrefixIsSafe) {
    std::vector<Buf> messages = {from_hex(kDlinkHnapResponse), from_hex(kDlinkProbe), from_hex(kEdimaxResponse), hikvision_cgi_response()};
    for (const auto& full : messages) {
        for (std::size_t n = 0; n <= full.size(); ++n) {
            std::string prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            DecodedPacket p = raw_udp_packet(prefix, 5353, 5353);
            auto dissected = dissect_as("mdns", p);
            const Observation& obs = dissected.obs;
            const std::string& error = dissected.error;
            if (n < full.size()) {
                EXPECT_NE(error, "") << n;
            } else {
                EXPECT_EQ(error, "");
            }
            EXPECT_LE(obs.fields.size(), kMaxFieldsPerObservation);
        }
    }
}

TEST(DissectMdns, CompressionLoopsInRecordsAreProblemsNotHangs) {
    // One good A record, then an SRV whose target points at itself.
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 2, 0, 0);
    put_dns_rr(b, "cam.local", kDnsTypeA, kClassInCacheFlush, ByteWriter().ipv4(ip("10.0.0.5")).take());
    put_dns_name(b, "cam._http._tcp.local");
    b.be16(kDnsTypeSrv);
    b.be16(1);
    b.be32(120);
    b.be16(8);
    const std::size_t target_at = b.size() + 6;
    b.be16(0);
    b.be16(0);
    b.be16(80);
    b.be16(static_cast<std::uint16_t>(0xc000 | target_at));
    auto f = udp_frame("00:11:22:33:44:55", "10.0.0.5", 5353, "224.0.0.251", 5353, as_string(b.view()), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    EXPECT_NE(d.error.find("answer 2: SRV target: name at offset " + std::to_string(target_at)), std::string::npos) << d.error;
    EXPECT_EQ(d.get("id.ipv4"), "10.0.0.5");
    EXPECT_EQ(d.values("mdns.name"), (std::vector<std::string>{"cam.local", "cam._http._tcp.local"}));
}

// Axis answers to AXIS IP Utility's browse, in the record order of a capture of two AXIS M2026-LE
// Mk II on firmware 8.40.3 (https://bookstack.bluecrow.net/books/application-and-device-behaviors/
// page/axis-cameras/revisions/161/changes, research/vendor-discovery.md §1.1): the PTR to
// "AXIS M2026-LE Mk II - B8A44F0A98A1", then TXT "macaddress=B8A44F0A98A1" and A records with the
// cache-flush bit, one of them the 169.254/16 link-local address.
Buf axis_answer(std::string_view instance, std::string_view mac_hex, std::string_view configured_ip) {
    const std::string full = std::string(instance) + "._axis-video._tcp.local";
    const std::string host = "axis-" + to_lower(mac_hex) + ".local";
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 4, 0, 0);
    put_dns_rr(b, "_axis-video._tcp.local", kDnsTypePtr, 1, dns_name_bytes(full));
    const std::string kv = "macaddress=" + std::string(mac_hex);
    ByteWriter txt;
    txt.u8(static_cast<std::uint8_t>(kv.size())).text(kv);
    put_dns_rr(b, full, kDnsTypeTxt, kClassInCacheFlush, txt.data());
    ByteWriter link_local, configured;
    link_local.ipv4(ip("169.254.152.161"));
    configured.ipv4(ip(configured_ip));
    put_dns_rr(b, host, kDnsTypeA, kClassInCacheFlush, link_local.data());
    put_dns_rr(b, host, kDnsTypeA, kClassInCacheFlush, configured.data());
    return b.take();
}

TEST(DissectMdns, AxisAnswerGivesTheMacAndTheInstance) {
    Buf payload = axis_answer("AXIS M2026-LE Mk II - B8A44F0A98A1", "B8A44F0A98A1", "192.168.1.50");
    auto f = udp_frame("b8:a4:4f:0a:98:a1", "192.168.1.50", 5353, "224.0.0.251", 5353, as_string(payload), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("mdns.mac"), "b8:a4:4f:0a:98:a1");
    EXPECT_EQ(d.get("id.mac"), "b8:a4:4f:0a:98:a1");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.50");
    EXPECT_EQ(d.values("mdns.service"), std::vector<std::string>{"_axis-video._tcp.local"});
    EXPECT_EQ(d.values("mdns.name"), (std::vector<std::string>{"AXIS M2026-LE Mk II - B8A44F0A98A1._axis-video._tcp.local",
                                                               "axis-b8a44f0a98a1.local"}));
    EXPECT_EQ(d.values("mdns.txt"), std::vector<std::string>{"macaddress=B8A44F0A98A1"});
}

TEST(DissectMdns, MacAddressTxtOnlyWhenItIsAMac) {
    for (auto bad : {"00408CEFE2F", "000000000000", "FFFFFFFFFFFF", "zz408CEFE2F1"}) {
        Buf payload = axis_answer("AXIS P1357 - 00408CEFE2F1", bad, "192.168.1.51");
        auto f = udp_frame("00:40:8c:ef:e2:f1", "192.168.1.51", 5353, "224.0.0.251", 5353, as_string(payload), "01:00:5e:00:00:fb");
        auto d = dissect_as("mdns", f.packet);
        ASSERT_EQ(d.error, "");
        EXPECT_FALSE(d.has("mdns.mac")) << bad;
        EXPECT_FALSE(d.has("id.mac")) << bad;
    }
    // A browser's known answer is another host's record: no MAC for the asker.
    ByteWriter query;
    put_dns_header(query, 0, 0, 1, 1, 0, 0);
    put_dns_question(query, "_axis-video._tcp.local", kDnsTypePtr);
    ByteWriter txt;
    txt.u8(23).text("macaddress=00408CEFE2F1");
    put_dns_rr(query, "AXIS P1357 - 00408CEFE2F1._axis-video._tcp.local", kDnsTypeTxt, kClassInCacheFlush, txt.data());
    auto f = udp_frame("02:5e:11:20:30:40", "192.168.1.5", 5353, "224.0.0.251", 5353, as_string(query.view()), "01:00:5e:00:00:fb");
    auto d = dissect_as("mdns", f.packet);
    EXPECT_FALSE(d.has("id.mac"));
    EXPECT_EQ(d.values("mdns.query"), std::vector<std::string>{"_axis-video._tcp.local"});
}

// The browse the prober sends: a plain query, one PTR question per Axis service type, each
// question encoded as in research/vendor-discovery.md §1.1 (QNAME 0b "_axis-video" 04 "_tcp"
// 05 "local" 00, QTYPE 00 0c, QCLASS 00 01).
TEST(DissectMdns, BrowseRequestIsAPlainAxisQuery) {
    auto request = find_protocol("mdns")->build_request({});
    ByteWriter expected;
    put_dns_header(expected, 0, 0, 3, 0, 0, 0);
    for (std::string_view name : {"_axis-video._tcp.local", "_axis-nvr._tcp.local", "_axis-bwsc._tcp.local"}) put_dns_question(expected, name, 0x000c);
    EXPECT_EQ(request, expected.data());
    EXPECT_EQ(Buf(request.begin() + 12, request.begin() + 40),
              from_hex("0b5f617869732d766964656f045f746370056c6f63616c00000c0001"));
    auto msg = parse_dns(request);
    ASSERT_TRUE(msg);
    EXPECT_EQ(msg->problem, "");
    EXPECT_FALSE(msg->is_response());
    EXPECT_EQ(msg->questions.size(), 3u);
    EXPECT_TRUE(msg->records.empty());
    for (const auto& q : msg->questions) EXPECT_FALSE(q.unicast_response);
}

TEST(DissectMdns, PtrQueryLeavesOutBadNames) {
    const std::string long_label(64, 'a');
    const std::string_view names[] = {"", "a..local", long_label, "_ok._tcp.local"};
    auto msg = parse_dns(dns_ptr_query(names));
    ASSERT_TRUE(msg);
    ASSERT_EQ(msg->questions.size(), 1u);
    EXPECT_EQ(msg->questions[0].name, "_ok._tcp.local");
}

}  // namespace
}  // namespace camsweep
