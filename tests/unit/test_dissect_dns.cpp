// The DNS message parser (names, compression, hostile input) and the unicast DNS and LLMNR
// dissectors, on the real D-Link DCS-935L lookups of its mydlink cloud (IoT Sentinel capture
// iotsentinel_D-LinkCam_Setup-A-1-STA.pcap; research/protocols-passive.md §2.0, §2.11).
#include <gtest/gtest.h>

#include <random>

#include "camsweep/dissect/dns.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// Frame 187 (10.10.10.37:36702 -> 10.10.10.1:53): standard query 0x0002 A signal.mydlink.com.
constexpr std::string_view kDlinkQuerySignal = "000201000001000000000000067369676e616c076d79646c696e6b03636f6d0000010001";
// Frame 210: standard query 0x0003 A mp-eu-signal.auto.mydlink.com.
constexpr std::string_view kDlinkQueryEuSignal =
    "0003010000010000000000000c6d702d65752d7369676e616c046175746f076d79646c696e6b03636f6d0000010001";
// Frame 188 (10.10.10.1 -> 10.10.10.37): the resolver's answer to frame 187: a CNAME, 18 A records,
// 4 NS records and one additional A record, with compression pointers throughout.
constexpr std::string_view kDlinkResponseSignal =
    "000281800001001300040001067369676e616c076d79646c696e6b03636f6d0000010001c00c00050001000000f0000e067369676e616c046175746fc013"
    "c030000100010000003c00043408b23ac030000100010000003c00043408e8d0c030000100010000003c000434091023c030000100010000003c00043411b1"
    "7ec030000100010000003c00043411f832c030000100010000003c00043412531ec030000100010000003c000436c12837c030000100010000003c000436c1"
    "28f8c030000100010000003c000436c1291fc030000100010000003c000436c16cacc030000100010000003c000436c2a219c030000100010000003c000436"
    "c2a23dc030000100010000003c000436e54051c030000100010000003c000436eeba43c030000100010000003c000436eec6c6c030000100010000003c0004"
    "340823f1c030000100010000003c000434084fb4c030000100010000003c0004340856a1c03700020001000001680016066e732d38353609617773646e732d"
    "3433036e657400c03700020001000001680019076e732d3230313109617773646e732d353902636f02756b00c03700020001000001680012056e732d383309"
    "617773646e732d3130c01bc03700020001000001680017076e732d3132363409617773646e732d3330036f726700c1b100010001000259bd0004cdfbc053";

// ---- parser ----------------------------------------------------------------------------------

TEST(DnsParser, RealDlinkQuery) {
    Buf msg = from_hex(kDlinkQuerySignal);
    auto dns = parse_dns(span_of(msg));
    ASSERT_TRUE(dns) << dns.error();
    EXPECT_EQ(dns->problem, "");
    EXPECT_EQ(dns->id, 2);
    EXPECT_FALSE(dns->is_response());
    EXPECT_EQ(dns->opcode(), 0);
    ASSERT_EQ(dns->questions.size(), 1u);
    EXPECT_EQ(dns->questions[0].name, "signal.mydlink.com");
    EXPECT_EQ(dns->questions[0].type, kDnsTypeA);
    EXPECT_EQ(dns->questions[0].klass, 1);
    EXPECT_TRUE(dns->records.empty());
}

TEST(DnsParser, RealResolverResponseWithCompression) {
    Buf msg = from_hex(kDlinkResponseSignal);
    auto dns = parse_dns(span_of(msg));
    ASSERT_TRUE(dns) << dns.error();
    EXPECT_EQ(dns->problem, "");
    EXPECT_TRUE(dns->is_response());
    ASSERT_EQ(dns->records.size(), 24u);  // 19 answers, 4 NS, 1 additional
    EXPECT_EQ(dns->records[0].name, "signal.mydlink.com");
    EXPECT_EQ(dns->records[0].type, 5);  // CNAME: skipped by RDLENGTH, not decoded
    EXPECT_EQ(dns->records[1].name, "signal.auto.mydlink.com");
    ASSERT_TRUE(dns->records[1].address.has_value());
    EXPECT_EQ(dns->records[1].address->to_string(), "52.8.178.58");
    EXPECT_EQ(dns->records[19].section, DnsSection::authority);
    EXPECT_EQ(dns->records[19].name, "auto.mydlink.com");
    EXPECT_EQ(dns->records[23].section, DnsSection::additional);
    EXPECT_EQ(dns->records[23].name, "ns-83.awsdns-10.com");
    EXPECT_EQ(dns->records[23].address->to_string(), "205.251.192.83");
}

TEST(DnsParser, DecodesPtrSrvAaaaAndTxt) {
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 4, 0, 0);
    ByteWriter srv;
    srv.be16(0);
    srv.be16(5);
    srv.be16(8000);
    put_dns_name(srv, "host.local");
    put_dns_rr(b, "svc._http._tcp.local", kDnsTypeSrv, 1, srv.data());
    ByteWriter ptr;
    ptr.u8(1);
    ptr.u8('x');
    ptr.be16(0xc000 | 12);  // -> "svc._http._tcp.local"
    put_dns_rr(b, "_http._tcp.local", kDnsTypePtr, 1, ptr.data());
    Buf aaaa = from_hex("fe80000000000000b2c554fffe255b0e");
    put_dns_rr(b, "host.local", kDnsTypeAaaa, 1, aaaa);
    ByteWriter txt;
    txt.u8(0);  // a zero-length string
    txt.u8(3).text("a=b");
    txt.u8(0);
    txt.u8(0);
    put_dns_rr(b, "svc._http._tcp.local", kDnsTypeTxt, 1, txt.data());
    auto dns = parse_dns(b.view());
    ASSERT_TRUE(dns);
    EXPECT_EQ(dns->problem, "");
    ASSERT_EQ(dns->records.size(), 4u);
    EXPECT_EQ(dns->records[0].port, 8000);
    EXPECT_EQ(dns->records[0].weight, 5);
    EXPECT_EQ(dns->records[0].target, "host.local");
    EXPECT_EQ(dns->records[1].target, "x.svc._http._tcp.local");
    EXPECT_EQ(dns->records[2].address->to_string(), "fe80::b2c5:54ff:fe25:5b0e");
    EXPECT_EQ(dns->records[3].texts, std::vector<std::string>{"a=b"});
}

TEST(DnsParser, TxtOfOnlyZeroLengthStrings) {
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 1, 0, 0);
    put_dns_rr(b, "x.local", kDnsTypeTxt, 1, Buf(40, 0));
    auto dns = parse_dns(b.view());
    ASSERT_TRUE(dns);
    EXPECT_EQ(dns->problem, "");
    ASSERT_EQ(dns->records.size(), 1u);
    EXPECT_TRUE(dns->records[0].texts.empty());
}

TEST(DnsParser, TxtStringPastItsRdataIsAProblemButTheRecordStays) {
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 2, 0, 0);
    put_dns_rr(b, "x.local", kDnsTypeTxt, 1, from_hex("0361623d09"));  // "ab=" then a 9-byte string with nothing
    put_dns_rr(b, "x.local", kDnsTypeA, 1, from_hex("0a0a0a"));          // A of 3 bytes
    auto dns = parse_dns(b.view());
    ASSERT_TRUE(dns);
    EXPECT_NE(dns->problem.find("TXT string at offset"), std::string::npos) << dns->problem;
    ASSERT_EQ(dns->records.size(), 2u);  // RDLENGTH framing held, so the next record was read
    EXPECT_EQ(dns->records[0].texts, std::vector<std::string>{"ab="});
    EXPECT_FALSE(dns->records[1].address.has_value());
}

TEST(DnsParser, PointerToItselfFails) {
    ByteWriter b;
    put_dns_header(b, 0, 0, 1, 0, 0, 0);
    b.be16(0xc000 | 12);
    b.be16(1);
    b.be16(1);
    auto dns = parse_dns(b.view());
    ASSERT_TRUE(dns);
    EXPECT_TRUE(dns->questions.empty());
    EXPECT_NE(dns->problem.find("does not point backwards"), std::string::npos) << dns->problem;
    EXPECT_NE(dns->problem.find("offset 12"), std::string::npos) << dns->problem;
}

TEST(DnsParser, TwoPointersToEachOtherFail) {
    // offset 12: "a" then a pointer to 20; offset 20: a pointer to 12.
    ByteWriter b;
    put_dns_header(b, 0, 0, 1, 0, 0, 0);
    b.u8(1);
    b.u8('a');
    b.be16(0xc000 | 20);
    b.be32(0x00010001);
    b.be16(0xc000 | 12);
    ASSERT_EQ(b.size(), 22u);
    std::size_t offset = 20;  // entering the cycle backwards first
    auto name = read_dns_name(b.view(), offset);
    ASSERT_FALSE(name);
    EXPECT_NE(name.error().find("compression pointer at offset 14 to offset 20"), std::string::npos) << name.error();
    offset = 12;  // entering it forwards
    name = read_dns_name(b.view(), offset);
    ASSERT_FALSE(name);
    EXPECT_NE(name.error().find("does not point backwards"), std::string::npos);
}

TEST(DnsParser, PointersPastTheEndFail) {
    ByteWriter b;
    put_dns_header(b, 0, 0, 1, 0, 0, 0);
    b.be16(0xc000 | 0x3fff);
    auto dns = parse_dns(b.view());
    ASSERT_TRUE(dns);
    EXPECT_NE(dns->problem.find("to offset 16383"), std::string::npos) << dns->problem;

    ByteWriter cut;
    put_dns_header(cut, 0, 0, 1, 0, 0, 0);
    cut.u8(0xc0);  // the pointer's second byte is missing
    dns = parse_dns(cut.view());
    ASSERT_TRUE(dns);
    EXPECT_NE(dns->problem.find("cut off"), std::string::npos) << dns->problem;

    std::size_t offset = 100;  // a start past the end
    EXPECT_FALSE(read_dns_name(cut.view(), offset));
}

TEST(DnsParser, LabelsLongerThan63Fail) {
    for (std::uint8_t len : {std::uint8_t{0x40}, std::uint8_t{0x7f}, std::uint8_t{0x80}, std::uint8_t{0xbf}}) {
        ByteWriter b;
        put_dns_header(b, 0, 0, 1, 0, 0, 0);
        b.u8(len);
        b.bytes(Buf(len & 0x3f, 'a'));
        b.u8(0);
        b.be32(0x00010001);
        auto dns = parse_dns(b.view());
        ASSERT_TRUE(dns);
        EXPECT_TRUE(dns->questions.empty());
        EXPECT_NE(dns->problem.find("over 63"), std::string::npos) << dns->problem;
    }
}

TEST(DnsParser, NameLengthBudgetIs255WireBytes) {
    auto message_with = [](std::initializer_list<std::size_t> labels) {
        ByteWriter b;
        put_dns_header(b, 0, 0, 1, 0, 0, 0);
        for (auto n : labels) {
            b.u8(static_cast<std::uint8_t>(n));
            b.bytes(Buf(n, 'x'));
        }
        b.u8(0);
        b.be32(0x00010001);
        return b.take();
    };
    Buf fits = message_with({63, 63, 63, 61});  // 4 + 250 + 1 = 255
    auto dns = parse_dns(span_of(fits));
    ASSERT_TRUE(dns);
    EXPECT_EQ(dns->problem, "");
    ASSERT_EQ(dns->questions.size(), 1u);
    EXPECT_EQ(dns->questions[0].name.size(), 253u);

    Buf too_long = message_with({63, 63, 63, 62});
    dns = parse_dns(span_of(too_long));
    ASSERT_TRUE(dns);
    EXPECT_NE(dns->problem.find("longer than 255"), std::string::npos) << dns->problem;

    // The budget also holds across pointers: a chain of backward pointers, each adding a label.
    ByteWriter chain;
    put_dns_header(chain, 0, 0, 0, 0, 0, 0);
    chain.u8(0);
    std::size_t previous = 12;
    for (int i = 0; i < 10; ++i) {
        std::size_t here = chain.size();
        chain.u8(40);
        chain.bytes(Buf(40, 'y'));
        chain.be16(static_cast<std::uint16_t>(0xc000 | previous));
        previous = here;
    }
    std::size_t offset = previous;
    auto name = read_dns_name(chain.view(), offset);
    ASSERT_FALSE(name);
    EXPECT_NE(name.error().find("longer than 255"), std::string::npos) << name.error();
}

TEST(DnsParser, HeaderClaiming65535RecordsIsBounded) {
    // Claims 65,535 answers, carries 200 tiny ones: at most 128 entries are read.
    ByteWriter b;
    put_dns_header(b, 0, 0x8400, 0, 0xffff, 0, 0);
    put_dns_name(b, "h.local");
    b.be16(kDnsTypeA);
    b.be16(1);
    b.be32(1);
    b.be16(4);
    b.be32(0x0a000001);
    for (int i = 1; i < 200; ++i) {
        b.be16(0xc000 | 12);
        b.be16(kDnsTypeA);
        b.be16(1);
        b.be32(1);
        b.be16(4);
        b.be32(0x0a000001);
    }
    auto dns = parse_dns(b.view());
    ASSERT_TRUE(dns);
    EXPECT_EQ(dns->records.size(), kDnsMaxEntries);
    EXPECT_NE(dns->problem.find("65535"), std::string::npos) << dns->problem;

    ByteWriter empty;
    put_dns_header(empty, 0, 0, 0xffff, 0xffff, 0xffff, 0xffff);
    dns = parse_dns(empty.view());
    ASSERT_TRUE(dns);
    EXPECT_TRUE(dns->questions.empty());
    EXPECT_NE(dns->problem.find("262140"), std::string::npos) << dns->problem;
}

TEST(DnsParser, ShortHeaderIsAFailureNamingTheLength) {
    Buf b = from_hex("00020100000100");
    auto dns = parse_dns(span_of(b));
    ASSERT_FALSE(dns);
    EXPECT_EQ(dns.error(), "DNS header truncated: 7 of 12 bytes");
}

TEST(DnsParser, EveryPrefixOfRealMessagesIsSafe) {
    for (auto hex : {kDlinkQuerySignal, kDlinkQueryEuSignal, kDlinkResponseSignal}) {
        Buf full = from_hex(hex);
        for (std::size_t n = 0; n <= full.size(); ++n) {
            Buf prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            auto dns = parse_dns(span_of(prefix));
            EXPECT_EQ(static_cast<bool>(dns), n >= 12) << n;
            if (dns && n < full.size()) {
                EXPECT_NE(dns->problem, "") << "prefix of " << n << " bytes";
            }
            DecodedPacket p = raw_udp_packet(std::string_view(reinterpret_cast<const char*>(prefix.data()), prefix.size()), 36702, 53);
            dissect_as("dns", p);
            dissect_as("llmnr", p);
        }
    }
}

TEST(DnsParser, RandomMutationsOfRealMessagesAreSafe) {
    // A deterministic mini-fuzz: flip, insert and cut bytes of the real messages and run every
    // dissector of the family over the result.
    std::mt19937 rng(20240611);
    const Buf seeds[] = {from_hex(kDlinkQuerySignal), from_hex(kDlinkResponseSignal)};
    for (int round = 0; round < 3000; ++round) {
        Buf b = seeds[round % 2];
        const int edits = 1 + static_cast<int>(rng() % 4);
        for (int e = 0; e < edits && !b.empty(); ++e) {
            std::size_t at = rng() % b.size();
            switch (rng() % 3) {
                case 0: b[at] = static_cast<std::uint8_t>(rng()); break;
                case 1: b.insert(b.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::uint8_t>(0xc0 | (rng() & 0x3f))); break;
                default: b.resize(at); break;
            }
        }
        std::string payload(b.begin(), b.end());
        for (auto name : {"dns", "mdns", "llmnr", "nbns"}) {
            DecodedPacket p = raw_udp_packet(payload, 5353, 5353);
            EXPECT_LE(dissect_as(name, p).obs.fields.size(), kMaxFieldsPerObservation);
        }
        auto dns = parse_dns(span_of(b));
        if (dns) {
            EXPECT_LE(dns->questions.size() + dns->records.size(), kDnsMaxEntries);
        }
    }
}

TEST(DnsParser, UncompressedNamesAcceptPartialNamesAndRejectPointers) {
    ByteWriter full;
    put_dns_name(full, "cam.example.org");
    auto name = read_uncompressed_dns_name(full.view());
    ASSERT_TRUE(name);
    EXPECT_EQ(*name, "cam.example.org");

    Buf partial = from_hex("0363616d");  // "cam" without the terminating zero
    name = read_uncompressed_dns_name(span_of(partial));
    ASSERT_TRUE(name);
    EXPECT_EQ(*name, "cam");

    Buf pointer = from_hex("0363616dc00c");
    EXPECT_FALSE(read_uncompressed_dns_name(span_of(pointer)));
    Buf cut = from_hex("0563616d");
    EXPECT_FALSE(read_uncompressed_dns_name(span_of(cut)));
}

// ---- dns dissector ----------------------------------------------------------------------------

TEST(DissectDns, RealDlinkCloudQueries) {
    for (auto [hex, expected] : {std::pair{kDlinkQuerySignal, "signal.mydlink.com"}, std::pair{kDlinkQueryEuSignal, "mp-eu-signal.auto.mydlink.com"}}) {
        auto f = udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 36702, "10.10.10.1", 53, as_string(from_hex(hex)), "28:b2:bd:c3:41:79");
        ASSERT_EQ(f.error, "");
        auto d = dissect_as("dns", f.packet);
        EXPECT_EQ(d.error, "");
        EXPECT_EQ(d.values("dns.query"), std::vector<std::string>{expected});
        EXPECT_EQ(d.obs.fields.size(), 1u);
        EXPECT_EQ(d.obs.endpoint.mac->to_string(), "b0:c5:54:25:5b:0e");  // the asking camera
    }
}

TEST(DissectDns, OneFieldPerDistinctQuestionName) {
    ByteWriter b;
    put_dns_header(b, 7, 0x0100, 4, 0, 0, 0);
    put_dns_question(b, "litedev.hik-connect.com", kDnsTypeA);
    put_dns_question(b, "LITEDEV.hik-connect.COM", kDnsTypeAaaa);  // same name, other case
    put_dns_question(b, "caps.xmcsrv.net", kDnsTypeA);
    put_dns_question(b, "", kDnsTypeA);  // the root: no value
    auto f = udp_frame("44:19:b6:00:00:01", "192.168.1.64", 40000, "8.8.8.8", 53, as_string(b.view()));
    auto d = dissect_as("dns", f.packet);
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.values("dns.query"), (std::vector<std::string>{"litedev.hik-connect.com", "caps.xmcsrv.net"}));
}

TEST(DissectDns, ResponsesDescribeNoOne) {
    auto f = udp_frame("28:b2:bd:c3:41:79", "10.10.10.1", 53, "10.10.10.37", 36702, as_string(from_hex(kDlinkResponseSignal)),
                       "b0:c5:54:25:5b:0e");
    auto d = dissect_as("dns", f.packet);
    EXPECT_EQ(d.error, "");
    EXPECT_TRUE(d.obs.fields.empty());
}

TEST(DissectDns, MalformedQueriesReportTheProblem) {
    ByteWriter b;
    put_dns_header(b, 7, 0x0100, 2, 0, 0, 0);
    put_dns_question(b, "signal.mydlink.com", kDnsTypeA);
    b.be16(0xc000 | 200);  // second question: a forward pointer
    auto f = udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 36702, "10.10.10.1", 53, as_string(b.view()));
    auto d = dissect_as("dns", f.packet);
    EXPECT_NE(d.error.find("question 2: name at offset 36"), std::string::npos) << d.error;
    EXPECT_EQ(d.get("dns.query"), "signal.mydlink.com");  // what came before is kept

    auto tiny = udp_frame("b0:c5:54:25:5b:0e", "10.10.10.37", 36702, "10.10.10.1", 53, "\x01\x02");
    d = dissect_as("dns", tiny.packet);
    EXPECT_EQ(d.error, "DNS header truncated: 2 of 12 bytes");
}

// ---- llmnr ---------------------------------------------------------------------------------

TEST(DissectLlmnr, QueriesAreNamesAsked) {
    ByteWriter b;
    put_dns_header(b, 0x1234, 0x0000, 1, 0, 0, 0);
    put_dns_question(b, "nvr-office", kDnsTypeA);
    auto f = udp_frame("00:11:22:33:44:55", "192.168.1.20", 51000, "224.0.0.252", 5355, as_string(b.view()), "01:00:5e:00:00:fc");
    auto d = dissect_as("llmnr", f.packet);
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.get("llmnr.query"), "nvr-office");
    EXPECT_FALSE(d.has("llmnr.name"));
}

TEST(DissectLlmnr, ResponsesNameTheResponder) {
    ByteWriter b;
    put_dns_header(b, 0x1234, 0x8000, 1, 2, 0, 0);
    put_dns_question(b, "nvr-office", kDnsTypeA);
    put_dns_rr(b, "nvr-office", kDnsTypeA, 1, from_hex("c0a8010a"));  // 192.168.1.10: the sender
    put_dns_rr(b, "nvr-office", kDnsTypeA, 1, from_hex("c0a8010b"));  // a second interface
    auto f = udp_frame("24:0f:9b:00:00:02", "192.168.1.10", 5355, "192.168.1.20", 51000, as_string(b.view()), "00:11:22:33:44:55");
    auto d = dissect_as("llmnr", f.packet);
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.values("llmnr.name"), std::vector<std::string>{"nvr-office"});
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.10");
    EXPECT_FALSE(d.has("llmnr.query"));
}

}  // namespace
}  // namespace camsweep
