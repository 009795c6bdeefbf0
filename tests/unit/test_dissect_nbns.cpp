// NetBIOS name service dissector (RFC 1001/1002, UDP 137) on hand-built registrations, queries,
// positive answers and a node status response.
#include <gtest/gtest.h>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dns.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// First-level encoding of a 15-byte space-padded name plus suffix: 32 letters 'A'..'P'.
std::string encode_netbios(std::string_view name, std::uint8_t suffix, char pad = ' ') {
    std::string raw(name);
    raw.resize(15, pad);
    raw.push_back(static_cast<char>(suffix));
    std::string out;
    for (unsigned char c : raw) {
        out.push_back(static_cast<char>('A' + (c >> 4)));
        out.push_back(static_cast<char>('A' + (c & 0x0f)));
    }
    return out;
}

void put_header(ByteWriter& b, std::uint16_t flags, std::uint16_t qd, std::uint16_t an, std::uint16_t ns, std::uint16_t ar) {
    put_dns_header(b, 0x8a01, flags, qd, an, ns, ar);
}
void put_encoded_name(ByteWriter& b, std::string_view name, std::uint8_t suffix) {
    b.u8(32);
    b.text(encode_netbios(name, suffix));
    b.u8(0);
}
void put_nb_rdata_rr(ByteWriter& b, std::uint16_t nb_flags, std::string_view address) {
    b.be16(0x20);  // NB
    b.be16(1);
    b.be32(300000);
    b.be16(6);
    b.be16(nb_flags);
    b.ipv4(ip(address));
}

// A broadcast name registration (opcode 5) with the NB record in the additional section.
Buf registration(std::string_view name, std::uint8_t suffix, std::uint16_t nb_flags, std::string_view address) {
    ByteWriter b;
    put_header(b, 0x2910, 1, 0, 0, 1);
    put_encoded_name(b, name, suffix);
    b.be16(0x20);
    b.be16(1);
    b.be16(0xc00c);
    put_nb_rdata_rr(b, nb_flags, address);
    return b.take();
}

Buf node_status_response() {
    ByteWriter b;
    put_header(b, 0x8400, 0, 1, 0, 0);
    b.u8(32);
    b.text(encode_netbios("*", 0x00, '\0'));
    b.u8(0);
    b.be16(0x21);  // NBSTAT
    b.be16(1);
    b.be32(0);
    ByteWriter rdata;
    rdata.u8(4);
    auto entry = [&](std::string_view name, std::uint8_t suffix, std::uint16_t flags) {
        std::string raw(name);
        raw.resize(15, ' ');
        rdata.text(raw);
        rdata.u8(suffix);
        rdata.be16(flags);
    };
    entry("CAMERA01", 0x00, 0x0400);
    entry("CAMERA01", 0x20, 0x0400);
    entry("WORKGROUP", 0x00, 0x8400);
    entry("WORKGROUP", 0x1d, 0x0400);  // master browser role: not a host name
    rdata.mac(mac("00:40:8c:aa:bb:cc"));
    rdata.zeros(40);  // the rest of the statistics
    b.be16(static_cast<std::uint16_t>(rdata.size()));
    b.bytes(rdata.view());
    return b.take();
}

Dissected run(const DecodedPacket& packet) { return dissect_as("nbns", packet); }

TEST(DissectNbns, DecodesTheFirstLevelEncoding) {
    auto name = decode_netbios_name(encode_netbios("IPCAM-01", 0x20));
    ASSERT_TRUE(name.has_value());
    EXPECT_EQ(name->name, "IPCAM-01");
    EXPECT_EQ(name->suffix, 0x20);
    EXPECT_EQ(encode_netbios("FRED", 0x00).substr(0, 8), "EGFCEFEE");  // RFC 1001 §14.1 example letters

    auto scoped = decode_netbios_name(encode_netbios("NVR", 0x00) + ".corp.example");
    ASSERT_TRUE(scoped.has_value());
    EXPECT_EQ(scoped->name, "NVR");

    auto wildcard = decode_netbios_name(encode_netbios("*", 0x00, '\0'));
    ASSERT_TRUE(wildcard.has_value());
    EXPECT_EQ(wildcard->name, "*");

    EXPECT_FALSE(decode_netbios_name(encode_netbios("X", 0).substr(1)));                 // 31 letters
    EXPECT_FALSE(decode_netbios_name("Q" + encode_netbios("X", 0).substr(1)));           // past 'P'
    EXPECT_FALSE(decode_netbios_name(to_lower(encode_netbios("X", 0))));            // lower case
    EXPECT_FALSE(decode_netbios_name(""));
}

TEST(DissectNbns, RegistrationNamesTheRegistrant) {
    auto f = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.255", 137,
                       as_string(registration("IPCAM-01", 0x00, 0x0000, "192.168.1.50")), "ff:ff:ff:ff:ff:ff");
    ASSERT_EQ(f.error, "");
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.values("nbns.name"), std::vector<std::string>{"IPCAM-01"});
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.50");
    EXPECT_FALSE(d.has("nbns.query"));
}

TEST(DissectNbns, GroupRegistrationIsAGroupName) {
    auto f = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.255", 137,
                       as_string(registration("WORKGROUP", 0x00, 0x8000, "192.168.1.50")), "ff:ff:ff:ff:ff:ff");
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("nbns.group"), "WORKGROUP");
    EXPECT_FALSE(d.has("nbns.name"));
}

TEST(DissectNbns, RegistrationOfAUserNameIsNotAHostName) {
    auto f = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.255", 137,
                       as_string(registration("ADMINISTRATOR", 0x03, 0x0000, "192.168.1.50")), "ff:ff:ff:ff:ff:ff");
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_FALSE(d.has("nbns.name"));
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.50");
}

TEST(DissectNbns, QueriesAreNamesAsked) {
    ByteWriter b;
    put_header(b, 0x0110, 1, 0, 0, 0);
    put_encoded_name(b, "NVR-OFFICE", 0x20);
    b.be16(0x20);
    b.be16(1);
    auto f = udp_frame("00:11:22:33:44:55", "192.168.1.20", 137, "192.168.1.255", 137, as_string(b.view()), "ff:ff:ff:ff:ff:ff");
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("nbns.query"), "NVR-OFFICE");
    EXPECT_FALSE(d.has("nbns.name"));
}

TEST(DissectNbns, PositiveAnswerFromTheOwnerOnly) {
    ByteWriter b;
    put_header(b, 0x8500, 0, 1, 0, 0);
    put_encoded_name(b, "IPCAM-01", 0x00);
    put_nb_rdata_rr(b, 0x0000, "192.168.1.50");
    auto own = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.20", 137, as_string(b.view()), "00:11:22:33:44:55");
    auto d = run(own.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("nbns.name"), "IPCAM-01");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.1.50");

    auto wins = udp_frame("00:aa:bb:cc:dd:ee", "192.168.1.1", 137, "192.168.1.20", 137, as_string(b.view()), "00:11:22:33:44:55");
    d = run(wins.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_TRUE(d.obs.fields.empty());  // a name server answering for someone else
}

TEST(DissectNbns, NodeStatusNameTableAndUnitId) {
    auto f = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.20", 137, as_string(node_status_response()), "00:11:22:33:44:55");
    auto d = run(f.packet);
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.values("nbns.name"), std::vector<std::string>{"CAMERA01"});
    EXPECT_EQ(d.values("nbns.group"), std::vector<std::string>{"WORKGROUP"});
    EXPECT_EQ(d.get("id.mac"), "00:40:8c:aa:bb:cc");
}

TEST(DissectNbns, NotANetbiosNameIsAProblem) {
    ByteWriter b;
    put_header(b, 0x2910, 1, 0, 0, 0);
    b.u8(5);
    b.text("HELLO");
    b.u8(0);
    b.be16(0x20);
    b.be16(1);
    auto f = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.255", 137, as_string(b.view()), "ff:ff:ff:ff:ff:ff");
    auto d = run(f.packet);
    EXPECT_NE(d.error.find("not a NetBIOS first-level encoding"), std::string::npos) << d.error;
    EXPECT_TRUE(d.obs.fields.empty());
}

TEST(DissectNbns, HostileInputIsSafe) {
    std::vector<Buf> messages = {registration("IPCAM-01", 0, 0, "192.168.1.50"), node_status_response()};
    for (const auto& full : messages) {
        for (std::size_t n = 0; n <= full.size(); ++n) {
            std::string prefix(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            DecodedPacket p = raw_udp_packet(prefix, 137, 137);
            const std::string error = dissect_as("nbns", p).error;
            if (n < full.size()) {
                EXPECT_NE(error, "") << n;
            }
        }
    }
    // A node status claiming 255 names with only one present, and a header claiming 65,535 answers.
    Buf status = node_status_response();
    status[12 + 34 + 10] = 0xff;  // NUM_NAMES, after the name (34 bytes) and type/class/ttl/rdlength
    auto f = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.20", 137, as_string(status), "00:11:22:33:44:55");
    auto d = run(f.packet);
    EXPECT_NE(d.error.find("NBSTAT name"), std::string::npos) << d.error;
    ByteWriter many;
    put_header(many, 0x8400, 0, 0xffff, 0, 0);
    auto g = udp_frame("00:40:8c:aa:bb:cc", "192.168.1.50", 137, "192.168.1.20", 137, as_string(many.view()), "00:11:22:33:44:55");
    d = run(g.packet);
    EXPECT_NE(d.error.find("65535"), std::string::npos) << d.error;
}

}  // namespace
}  // namespace camsweep
