// Hikvision SADP over EtherType 0x8033. Frames are built byte by byte from the header of
// themactep/hiktools (lua/sadp.lua, hiktools/csadp/sender.py packet(): 21 02 01 42, counter,
// 06 04, query type, params, checksum, MACs/IPs, mask) and the device side in
// LLLL-M/privateCodeforItsc ARM/trunk/sadp/sadp.h + sadp.c (length byte 38 + 208 = 0xF6, the
// 208-byte dev_info payload of an InquiryResponse). The device values are those of the real
// DS-2CD2385G1-I UDP reply in research/protocols-active.md §1.4, placed in the L2 layout.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "camsweep/dissect/vendor_discovery.hpp"
#include "camsweep/inventory/identity.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

struct Header {
    std::uint8_t packet_type = 0x02;
    std::optional<std::uint8_t> length;  // default: 38 + payload size
    std::uint32_t counter = 0x115e;
    std::uint8_t hw_len = 6, proto_len = 4;
    std::uint8_t query_type = 0x03, query_params = 0;
    std::string src_mac = "00:1b:21:aa:bb:cc", src_ip = "192.168.1.5";
    std::string dst_mac = "ff:ff:ff:ff:ff:ff", dst_ip = "0.0.0.0", mask = "255.255.255.0";
    std::uint8_t marker = 0x21;
};

Buf sadp(const Header& h, const Buf& payload) {
    ByteWriter b;
    b.u8(h.marker);
    b.u8(h.packet_type);
    b.u8(0x01);
    b.u8(h.length.value_or(static_cast<std::uint8_t>(38 + payload.size())));
    b.be32(h.counter);
    b.u8(h.hw_len);
    b.u8(h.proto_len);
    b.u8(h.query_type);
    b.u8(h.query_params);
    b.be16(0);  // checksum, not verified
    b.mac(mac(h.src_mac));
    b.ipv4(ip(h.src_ip));
    b.mac(mac(h.dst_mac));
    b.ipv4(ip(h.dst_ip));
    b.ipv4(ip(h.mask));
    b.bytes(payload);
    return b.take();
}

// sadp.h dev_info: serial[48], dev_type, port, enc_cnt, hdisk_cnt (big-endian), software
// version[48], DSP version[48], start time[48].
Buf dev_info(std::string_view serial, std::uint32_t type, std::uint32_t port, std::string_view software, std::string_view dsp,
             std::string_view boot) {
    ByteWriter b;
    b.padded(serial, 48);
    b.be32(type).be32(port).be32(1).be32(0);
    b.padded(software, 48).padded(dsp, 48).padded(boot, 48);
    return b.take();
}

const Buf kDevInfo = dev_info("DS-2CD2385G1-I20200414AAWRE33842150", 141945, 8000, "V5.6.2build 190701", "V7.3 build 190626",
                              "1970-01-15 02:44:11");

Header device_header(std::uint8_t query_type) {
    Header h;
    h.query_type = query_type;
    h.src_mac = "58:50:ed:1f:e3:85";
    h.src_ip = "192.168.124.40";
    h.dst_mac = "00:1b:21:aa:bb:cc";
    h.dst_ip = "192.168.124.5";
    return h;
}

// The tool's Inquiry as hiktools builds it: 28 zero bytes of payload, 0x42 = 66 bytes in all.
Buf tool_inquiry() { return sadp(Header{}, Buf(28, 0)); }
Buf inquiry_response() { return sadp(device_header(0x04), kDevInfo); }
Buf online_request() { return sadp(device_header(0x02), Buf(208, 0)); }

Dissected run(const DecodedPacket& packet) { return dissect_as("sadp-l2", packet); }

Dissected over_ethernet(const Buf& body, std::string_view src_mac, std::string_view dst_mac = "ff:ff:ff:ff:ff:ff",
                        std::initializer_list<std::pair<std::uint16_t, std::uint16_t>> tags = {}) {
    auto f = decode(kLinkEthernet, ethernet(dst_mac, src_mac, kEtherSadp, body, tags));
    EXPECT_EQ(f.error, "");
    EXPECT_EQ(f.packet.ethertype, kEtherSadp);
    EXPECT_EQ(f.packet.network.size(), body.size());
    return run(f.packet);
}

Dissected on_network(const Buf& bytes) {
    DecodedPacket p;
    p.ethertype = kEtherSadp;
    p.network = Bytes(bytes.data(), bytes.size());
    return run(p);
}

TEST(DissectSadpL2, HeaderLayout) {
    Buf b = tool_inquiry();
    ASSERT_EQ(b.size(), 0x42u);  // hiktools: the tool's origin/length byte is 0x42
    EXPECT_EQ(b[0], 0x21);
    EXPECT_EQ(b[3], 0x42);
    auto p = parse_sadp_l2(span_of(b));
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(p->origin, SadpL2Origin::tool);
    EXPECT_EQ(p->query_type, 0x03);
    EXPECT_EQ(p->sequence, 0x115eu);
    EXPECT_EQ(p->src_mac.to_string(), "00:1b:21:aa:bb:cc");
    EXPECT_EQ(p->src_ip.to_string(), "192.168.1.5");
    EXPECT_EQ(p->dst_mac.to_string(), "ff:ff:ff:ff:ff:ff");
    EXPECT_EQ(p->dst_ip.to_string(), "0.0.0.0");
    EXPECT_EQ(p->subnet_mask.to_string(), "255.255.255.0");
    EXPECT_FALSE(p->sent_by_device());
    EXPECT_FALSE(p->device.has_value());

    Buf r = inquiry_response();
    ASSERT_EQ(r.size(), 0xF6u);  // sadp.h: 38 + sizeof(dev_info)
    auto q = parse_sadp_l2(span_of(r));
    ASSERT_TRUE(q) << q.error();
    EXPECT_EQ(q->origin, SadpL2Origin::device);
    EXPECT_TRUE(q->sent_by_device());
    ASSERT_TRUE(q->device.has_value());
    EXPECT_EQ(q->device->device_type, 141945u);
    EXPECT_EQ(q->device->command_port, 8000u);
}

TEST(DissectSadpL2, QueryNames) {
    EXPECT_EQ(sadp_l2_query_name(0x02), "DeviceOnlineRequest");
    EXPECT_EQ(sadp_l2_query_name(0x03), "Inquiry");
    EXPECT_EQ(sadp_l2_query_name(0x04), "InquiryResponse");
    EXPECT_EQ(sadp_l2_query_name(0x11), "ModifyNetParamResponse");
    EXPECT_EQ(sadp_l2_query_name(0x1f), "0x1f");
    EXPECT_EQ(sadp_l2_query_name(0x00), "0x00");
}

TEST(DissectSadpL2, ToolInquiryCarriesNoIdentity) {
    auto d = over_ethernet(tool_inquiry(), "00:1b:21:aa:bb:cc");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sadp.message"), "L2 Inquiry");
    EXPECT_EQ(d.obs.fields.size(), 1u);
    // A tool-marked frame with a device query type is still no device.
    Header odd;
    odd.query_type = 0x04;
    auto o = on_network(sadp(odd, Buf(28, 0)));
    ASSERT_EQ(o.error, "");
    EXPECT_EQ(o.get("sadp.message"), "L2 InquiryResponse");
    EXPECT_EQ(o.obs.fields.size(), 1u);
    // Configuration verbs from the tool: named, nothing else.
    for (std::uint8_t verb : {0x06, 0x0a, 0x0c, 0x10}) {
        Header h;
        h.query_type = verb;
        auto v = on_network(sadp(h, Buf(28, 0)));
        EXPECT_EQ(v.error, "");
        EXPECT_EQ(v.obs.fields.size(), 1u) << int(verb);
    }
}

TEST(DissectSadpL2, InquiryResponseFromADevice) {
    auto d = over_ethernet(inquiry_response(), "58:50:ed:1f:e3:85", "00:1b:21:aa:bb:cc");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sadp.message"), "L2 InquiryResponse");
    EXPECT_EQ(d.get("sadp.mac"), "58:50:ed:1f:e3:85");
    EXPECT_EQ(d.get("sadp.ipv4"), "192.168.124.40");
    EXPECT_EQ(d.get("sadp.device_sn"), "DS-2CD2385G1-I20200414AAWRE33842150");
    EXPECT_EQ(d.get("sadp.device_type"), "141945");
    EXPECT_EQ(d.get("sadp.command_port"), "8000");
    EXPECT_EQ(d.get("sadp.software_version"), "V5.6.2build 190701");
    EXPECT_EQ(d.get("sadp.dsp_version"), "V7.3 build 190626");
    EXPECT_EQ(d.get("sadp.boot_time"), "1970-01-15 02:44:11");
    EXPECT_EQ(d.get("id.mac"), "58:50:ed:1f:e3:85");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.124.40");
    EXPECT_EQ(d.get("id.serial"), "DS-2CD2385G1-I20200414AAWRE33842150");
}

TEST(DissectSadpL2, DeviceOnlineRequestBehindAVlanTag) {
    auto d = over_ethernet(online_request(), "58:50:ed:1f:e3:85", "ff:ff:ff:ff:ff:ff", {{kEtherVlan, 0x0064}});
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sadp.message"), "L2 DeviceOnlineRequest");
    EXPECT_EQ(d.get("sadp.mac"), "58:50:ed:1f:e3:85");
    EXPECT_EQ(d.get("id.mac"), "58:50:ed:1f:e3:85");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.124.40");
    EXPECT_FALSE(d.has("sadp.device_sn"));  // the payload of this message is not documented
    EXPECT_FALSE(is_identifying_serial(d.get("id.serial")));  // reported, but the identity rule keys nothing on it
}

TEST(DissectSadpL2, PlaceholderSerialAndUnsetAddress) {
    // sadp.c fills "UNKNOWN" when it has no serial.
    Header h = device_header(0x04);
    h.src_ip = "0.0.0.0";
    auto d = on_network(sadp(h, dev_info("UNKNOWN", 2, 0, "UNKNOWN", "", "")));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sadp.device_sn"), "UNKNOWN");
    EXPECT_FALSE(is_identifying_serial(d.get("id.serial")));  // reported, but the identity rule keys nothing on it
    EXPECT_FALSE(d.has("sadp.ipv4"));
    EXPECT_FALSE(d.has("id.ipv4"));
    EXPECT_FALSE(d.has("sadp.command_port"));
    EXPECT_EQ(d.get("id.mac"), "58:50:ed:1f:e3:85");
}

TEST(DissectSadpL2, EthernetPaddingAndNulPadding) {
    // Bytes after `length` (Ethernet minimum-size padding) are not payload.
    Buf b = tool_inquiry();
    b.insert(b.end(), 40, 0xee);
    auto p = parse_sadp_l2(span_of(b));
    ASSERT_TRUE(p) << p.error();
    EXPECT_EQ(on_network(b).obs.fields.size(), 1u);
    // NUL-padded text fields, with bytes after the NUL ignored.
    Buf info = dev_info("DS-2CD2T47G1-L20190522AAWRD22374804", 155650, 8000, std::string("V5.6.5build 200316\0junk", 23), "", "");
    auto d = on_network(sadp(device_header(0x04), info));
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sadp.software_version"), "V5.6.5build 200316");
    EXPECT_FALSE(d.has("sadp.dsp_version"));
    // A 48-byte serial with no NUL at all stays within its field.
    auto full = on_network(sadp(device_header(0x04), dev_info(std::string(60, 'S'), 1, 1, "", "", "")));
    EXPECT_EQ(full.get("sadp.device_sn"), std::string(48, 'S'));
    // A device payload shorter than dev_info: header identity only.
    auto short_payload = on_network(sadp(device_header(0x04), Buf(100, 0x41)));
    ASSERT_EQ(short_payload.error, "");
    EXPECT_EQ(short_payload.get("id.mac"), "58:50:ed:1f:e3:85");
    EXPECT_FALSE(short_payload.has("sadp.device_sn"));
}

TEST(DissectSadpL2, TruncatedAtEveryLength) {
    for (const Buf& full : {inquiry_response(), tool_inquiry(), online_request()}) {
        for (std::size_t n = 0; n < full.size(); ++n) {
            Buf part(full.begin(), full.begin() + static_cast<std::ptrdiff_t>(n));
            auto p = parse_sadp_l2(span_of(part));
            EXPECT_FALSE(p) << n;
            auto d = on_network(part);
            EXPECT_NE(d.error, "") << n;
            EXPECT_TRUE(d.obs.fields.empty()) << n;
        }
        EXPECT_EQ(on_network(full).error, "");
    }
}

TEST(DissectSadpL2, LengthFieldLying) {
    for (std::uint8_t lie : {0x00, 0x01, 0x25, 0xF7, 0xFF}) {
        Header h = device_header(0x04);
        h.length = lie;
        auto d = on_network(sadp(h, kDevInfo));
        EXPECT_NE(d.error, "") << int(lie);
        EXPECT_TRUE(d.obs.fields.empty()) << int(lie);
    }
    // A length that ends inside dev_info: the payload is what the length says, too short to parse.
    Header shorter = device_header(0x04);
    shorter.length = 0xF0;
    auto d = on_network(sadp(shorter, kDevInfo));
    ASSERT_EQ(d.error, "");
    EXPECT_FALSE(d.has("sadp.device_sn"));
}

TEST(DissectSadpL2, WrongMarkerOrAddressLengths) {
    Header wrong_marker = device_header(0x04);
    wrong_marker.marker = 0x22;
    EXPECT_NE(on_network(sadp(wrong_marker, kDevInfo)).error, "");
    Header wrong_lengths = device_header(0x04);
    wrong_lengths.hw_len = 8;
    EXPECT_NE(on_network(sadp(wrong_lengths, kDevInfo)).error, "");
    Header wrong_proto = device_header(0x04);
    wrong_proto.proto_len = 16;
    EXPECT_NE(on_network(sadp(wrong_proto, kDevInfo)).error, "");
    // Not SADP at all: random bytes.
    Buf noise(100, 0x5a);
    EXPECT_NE(on_network(noise).error, "");
}

TEST(DissectSadpL2, UnknownOriginWithADeviceQueryStillNamesTheDevice) {
    // The length byte's high nibble is neither 0xF nor 0x4: judged by the query type.
    Header h = device_header(0x02);
    auto d = on_network(sadp(h, Buf(100, 0)));  // length 138 = 0x8a
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.mac"), "58:50:ed:1f:e3:85");
    auto p = parse_sadp_l2(span_of(sadp(h, Buf(100, 0))));
    ASSERT_TRUE(p);
    EXPECT_EQ(p->origin, SadpL2Origin::unknown);
}

}  // namespace
}  // namespace camsweep
