// Hikvision SADP dissector on the real replies of research/protocols-active.md §1.4.
#include <gtest/gtest.h>


#include "camsweep/dissect/parsers.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// Reply 1, camera DS-2CD2385G1-I, verbatim (with the firmware's own "flase" typo).
constexpr std::string_view kReply1 = R"(<?xml version="1.0" encoding="UTF-8"?>
<ProbeMatch>
	<Uuid>e8ecfe09-90e4-44c0-842b-703f46b58c81</Uuid>
	<Types>inquiry</Types>
	<DeviceType>141945</DeviceType>
	<DeviceDescription>DS-2CD2385G1-I</DeviceDescription>
	<DeviceSN>DS-2CD2385G1-I20200414AAWRE33842150</DeviceSN>
	<CommandPort>8000</CommandPort>
	<HttpPort>80</HttpPort>
	<MAC>58-50-ed-1f-e3-85</MAC>
	<IPv4Address>192.168.124.40</IPv4Address>
	<IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>
	<IPv4Gateway>192.168.124.1</IPv4Gateway>
	<IPv6Address>::</IPv6Address>
	<IPv6Gateway>::</IPv6Gateway>
	<IPv6MaskLen>64</IPv6MaskLen>
	<DHCP>true</DHCP>
	<AnalogChannelNum>0</AnalogChannelNum>
	<DigitalChannelNum>1</DigitalChannelNum>
	<SoftwareVersion>V5.6.2build 190701</SoftwareVersion>
	<DSPVersion>V7.3 build 190626</DSPVersion>
	<BootTime>1970-01-15 02:44:11</BootTime>
	<Encrypt>true</Encrypt>
	<ResetAbility>false</ResetAbility>
	<DiskNumber>0</DiskNumber>
	<Activated>true</Activated>
	<PasswordResetAbility>true</PasswordResetAbility>
	<PasswordResetModeSecond>true</PasswordResetModeSecond>
	<DetailOEMCode>1</DetailOEMCode>
	<SupportSecurityQuestion>true</SupportSecurityQuestion>
	<SupportHCPlatform>true</SupportHCPlatform>
	<HCPlatformEnable>flase</HCPlatformEnable>
	<IsModifyVerificationCode>true</IsModifyVerificationCode>
	<Salt>d8eebc414effc857bed4c3cc203c8b4413f60b00a9f4acc410084358d5fd3f91</Salt>
	<DeviceLock>flase</DeviceLock>
	<SDKOverTLSPort>8443</SDKOverTLSPort>
	<SDKServerStatus>true</SDKServerStatus>
	<SDKOverTLSServerStatus>true</SDKOverTLSServerStatus>
	<SupportMailBox>true</SupportMailBox>
</ProbeMatch>
)";

// Reply 2, DVR DS-7804HQH-K1 (the source is cut after SupportHCPlatform; closed here).
constexpr std::string_view kReply2 = R"(<?xml version="1.0" encoding="UTF-8" ?>
<ProbeMatch>
    <Uuid>8282F1DB-2FA6-4709-B261-3C6B6A48CA17</Uuid>
    <Types>inquiry</Types>
    <Encrypt>true</Encrypt>
    <Salt>9bb2be4e49c225d4e57e659ecb97214a1ba295f2f7bec69bba7df83c55cc5e18</Salt>
    <DeviceType>44322</DeviceType>
    <DeviceDescription>DS-7804HQH-K1</DeviceDescription>
    <DeviceSN>DS-7804HQH-K10420190822CCCHD53257168WCVU</DeviceSN>
    <CommandPort>8000</CommandPort>
    <HttpPort>80</HttpPort>
    <MAC>68-6d-bc-ee-f8-f0</MAC>
    <IPv4Address>192.168.1.227</IPv4Address>
    <IPv4SubnetMask>255.255.255.0</IPv4SubnetMask>
    <IPv4Gateway>192.168.1.1</IPv4Gateway>
    <IPv6Address>fe80::6a6d:bcff:feee:f8f0</IPv6Address>
    <IPv6Gateway>::</IPv6Gateway>
    <IPv6MaskLen>64</IPv6MaskLen>
    <DHCP>false</DHCP>
    <AnalogChannelNum>4</AnalogChannelNum>
    <DigitalChannelNum>5</DigitalChannelNum>
    <SoftwareVersion>V3.5.38build 191215</SoftwareVersion>
    <DSPVersion>V5.0, build 191213</DSPVersion>
    <BootTime>2021-05-19 14:31:12</BootTime>
    <OEMInfo>N/A</OEMInfo>
    <Activated>true</Activated>
    <PasswordResetAbility>true</PasswordResetAbility>
    <SyncIPCPassword>true</SyncIPCPassword>
    <PasswordResetModeSecond>true</PasswordResetModeSecond>
    <DeviceLock>true</DeviceLock>
    <SupportGUID>true</SupportGUID>
    <SupportSecurityQuestion>true</SupportSecurityQuestion>
    <SupportHCPlatform>true</SupportHCPlatform>
</ProbeMatch>
)";

// The probe a search tool sends (UniversalScanner, hikvision-tooling).
constexpr std::string_view kProbe =
    R"(<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>8282F1DB-2FA6-4709-B261-3C6B6A48CA17</Uuid><Types>inquiry</Types></Probe>)";

Dissected sadp(std::string_view payload, std::string_view src_mac = "58:50:ed:1f:e3:85", std::string_view src_ip = "192.168.124.40") {
    auto f = udp_frame(src_mac, src_ip, 37020, "239.255.255.250", 37020, payload);
    EXPECT_EQ(f.error, "");
    return dissect(f.packet);
}

TEST(DissectSadp, CameraProbeMatch) {
    auto d = sadp(kReply1);
    EXPECT_EQ(d.protocol, "sadp");
    ASSERT_EQ(d.error, "");
    expect_fields(d, {
        {"sadp.message", "ProbeMatch"},
        {"sadp.types", "inquiry"},
        {"sadp.device_type", "141945"},
        {"sadp.device_description", "DS-2CD2385G1-I"},
        {"sadp.device_sn", "DS-2CD2385G1-I20200414AAWRE33842150"},
        {"sadp.mac", "58:50:ed:1f:e3:85"},
        {"sadp.ipv4", "192.168.124.40"},
        {"sadp.software_version", "V5.6.2build 190701"},
        {"sadp.dsp_version", "V7.3 build 190626"},
        {"sadp.detail_oem_code", "1"},
        {"sadp.analog_channels", "0"},
        {"sadp.digital_channels", "1"},
        {"sadp.activated", "true"},
    });
    EXPECT_FALSE(d.has("sadp.oem_info"));
    EXPECT_EQ(d.get("id.mac"), "58:50:ed:1f:e3:85");
    EXPECT_EQ(d.get("id.serial"), "DS-2CD2385G1-I20200414AAWRE33842150");
    EXPECT_EQ(d.get("id.ipv4"), "192.168.124.40");
    // The salt is not a device attribute worth keeping.
    for (const auto& f : d.obs.fields) EXPECT_EQ(f.value.find("d8eebc414effc857"), std::string::npos) << f.key;
}

TEST(DissectSadp, DvrProbeMatchWithOemInfo) {
    auto d = sadp(kReply2, "68:6d:bc:ee:f8:f0", "192.168.1.227");
    ASSERT_EQ(d.error, "");
    expect_fields(d, {
        {"sadp.device_description", "DS-7804HQH-K1"},
        {"sadp.device_sn", "DS-7804HQH-K10420190822CCCHD53257168WCVU"},
        {"sadp.oem_info", "N/A"},
        {"sadp.analog_channels", "4"},
        {"sadp.digital_channels", "5"},
        {"sadp.dsp_version", "V5.0, build 191213"},
        {"id.mac", "68:6d:bc:ee:f8:f0"},
        {"id.serial", "DS-7804HQH-K10420190822CCCHD53257168WCVU"},
    });
}

TEST(DissectSadp, ActivatedIsStrictlyTrueOrFalse) {
    // The firmware writes "flase"; anything but "true" is false.
    for (std::string_view value : {"flase", "false", "TRUE", "1", "yes", ""}) {
        std::string xml = "<Hello><MAC>58-50-ed-1f-e3-85</MAC><Activated>" + std::string(value) + "</Activated></Hello>";
        auto d = sadp(xml);
        ASSERT_EQ(d.error, "") << value;
        EXPECT_EQ(d.get("sadp.activated"), "false") << value;
    }
    auto d = sadp("<Hello><Activated> true </Activated></Hello>");
    EXPECT_EQ(d.get("sadp.activated"), "true");
}

TEST(DissectSadp, ProbeFromASearchToolCarriesNoIdentity) {
    auto d = sadp(kProbe, "00:1b:21:aa:bb:cc", "192.168.124.5");
    EXPECT_TRUE(carries_only_its_message(d, "sadp", "sadp.message", "Probe"));
    EXPECT_FALSE(d.has("id.mac"));
    EXPECT_FALSE(d.has("id.serial"));
    EXPECT_FALSE(d.has("sadp.types"));
}

TEST(DissectSadp, HelloWithBadMacKeepsOtherFields) {
    auto d = sadp("<Hello><DeviceSN>DS-2CD2T47G1-L20190522AAWRD22374804</DeviceSN><MAC>not-a-mac</MAC></Hello>");
    ASSERT_EQ(d.error, "");
    EXPECT_EQ(d.get("sadp.message"), "Hello");
    EXPECT_FALSE(d.has("id.mac"));
    EXPECT_FALSE(d.has("sadp.mac"));
    EXPECT_EQ(d.get("id.serial"), "DS-2CD2T47G1-L20190522AAWRD22374804");
}

TEST(DissectSadp, TruncatedRepliesAreErrorsNotCrashes) {
    for (std::size_t n = 0; n < kReply1.size(); n += 7) {
        auto p = parse_sadp_xml(kReply1.substr(0, n));
        EXPECT_FALSE(p) << n;
        EXPECT_NE(p.error(), "") << n;
    }
}

TEST(DissectSadp, NotWellFormedAndWrongRoot) {
    auto bad = parse_sadp_xml("<ProbeMatch><DeviceSN>x</DeviceDescription></ProbeMatch>");
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().find("offset"), std::string::npos) << bad.error();
    auto root = parse_sadp_xml("<Envelope><DeviceSN>x</DeviceSN></Envelope>");
    ASSERT_FALSE(root);
    EXPECT_NE(root.error().find("Envelope"), std::string::npos);
    auto hostile_root = parse_sadp_xml("<X\x1b[31m/>");
    EXPECT_FALSE(hostile_root);
    EXPECT_EQ(hostile_root.error().find('\x1b'), std::string::npos) << "error text must be printable";
    auto d = sadp(std::string("\x00\x01\x02 not xml", 11));
    EXPECT_EQ(d.protocol, "sadp");
    EXPECT_NE(d.error, "");
    EXPECT_TRUE(d.obs.fields.empty());
}

TEST(DissectSadp, EntityExpansionIsNotPerformed) {
    std::string bomb = entity_bomb_doctype("ProbeMatch") + R"(<ProbeMatch><DeviceSN>&lol9;</DeviceSN><DeviceDescription>&lol9;&lol9;</DeviceDescription><MAC>58-50-ed-1f-e3-85</MAC></ProbeMatch>)";
    auto d = sadp(bomb);
    for (const auto& f : d.obs.fields) {
        EXPECT_LE(f.value.size(), 512u) << f.key;
        EXPECT_EQ(f.value.find("lollol"), std::string::npos) << f.key << " was expanded";
    }
}

TEST(DissectSadp, DeeplyNestedXmlDoesNotCrash) {
    std::string deep = "<ProbeMatch><DeviceSN>DS-2CD2385G1-I20200414AAWRE33842150</DeviceSN>";
    for (int i = 0; i < 10000; ++i) deep += "<a>";
    for (int i = 0; i < 10000; ++i) deep += "</a>";
    deep += "</ProbeMatch>";
    ASSERT_GT(deep.size(), 65535u) << "more than a datagram: dissected from memory";
    auto d = dissect(raw_udp_packet(deep, 37020, 37020));
    EXPECT_EQ(d.protocol, "sadp");
    EXPECT_EQ(d.error, "");
    EXPECT_EQ(d.get("id.serial"), "DS-2CD2385G1-I20200414AAWRE33842150");
    std::string unclosed(200000, '<');
    auto u = parse_sadp_xml(unclosed);
    EXPECT_FALSE(u);
    std::string opened;
    for (int i = 0; i < 50000; ++i) opened += "<ProbeMatch>";
    EXPECT_FALSE(parse_sadp_xml(opened));
}

TEST(DissectSadp, ManyChildrenAndLongValuesStayBounded) {
    std::string xml = "<ProbeMatch>";
    for (int i = 0; i < 1000; ++i) xml += "<Junk" + std::to_string(i) + ">x</Junk" + std::to_string(i) + ">";
    xml += "<DeviceSN>" + std::string(100000, 'D') + "</DeviceSN></ProbeMatch>";
    auto p = parse_sadp_xml(xml);
    ASSERT_TRUE(p) << p.error();
    EXPECT_LE(p->elements.size(), 128u);
    auto d = sadp("<ProbeMatch><DeviceSN>" + std::string(5000, 'D') + "</DeviceSN></ProbeMatch>");
    EXPECT_EQ(d.get("sadp.device_sn").size(), 512u);
}

}  // namespace
}  // namespace camsweep
