// The identity rule (inventory/identity.hpp): which serials, UUIDs and MACs tell units apart.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "camsweep/inventory/identity.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using camsweep::test::mac;

struct Case {
    const char* value;
    bool identifies;
};

TEST(Identity, SerialTable) {
    const std::vector<Case> cases = {
        // Real serials from the bundled captures and research notes.
        {"DS-2CD2385G1-I20200414AAWRE33842150", true},
        {"6C01E93PAG69A7D", true},
        {"K3LJ3400209RH", true},
        {"41e6853ada5e9323", true},
        {"AMC000N49SSV0M2U46", true},
        {"0000000000000001", true},  // mostly zeros is still one unit's number
        {"SN-A", true},
        {"12345", false},
        {"123457", true},
        {"\xe6\x91\x84\xe5\x83\x8f\xe6\x9c\xba", true},  // non-Latin text is content, not separators
        // Placeholders.
        {"", false},
        {"   ", false},
        {"N/A", false},
        {"n/a", false},
        {" NA ", false},
        {"unknown", false},
        {"UNKNOWN", false},
        {"none", false},
        {"null", false},
        {"(null)", false},
        {"nil", false},
        {"undefined", false},
        {"Not Specified", false},
        {"Default string", false},
        {"To Be Filled By O.E.M.", false},
        {"System Serial Number", false},
        {"0", false},
        {"000000000000", false},
        {"00000000-0000-0000-0000-000000000000", false},
        {"00:00:00:00:00:00", false},
        {"FFFFFFFF", false},
        {"ffff-ffff", false},
        {"11111111", false},
        {"A", false},
        {"-", false},
        {"****", false},
        {"xxxx", false},
        {"XXXXXXXX", false},
        {"DS-2CD2385G1-I2020****", false},
        {"6C01E93PAGXXXX", false},
        {"123456", false},  // happytime ONVIF server's default
        {"1234567890", false},
        {"0123456789", false},
        {"abcdef", false},
    };
    for (const auto& c : cases) EXPECT_EQ(is_identifying_serial(c.value), c.identifies) << '"' << c.value << '"';
}

struct UuidCase {
    const char* value;
    const char* key;  // nullptr: not an identity
};

TEST(Identity, UuidTable) {
    const std::vector<UuidCase> cases = {
        {"aa85c000-6324-11b3-819e-5850ed1fe385", "aa85c000-6324-11b3-819e-5850ed1fe385"},
        {"AA85C000-6324-11B3-819E-5850ED1FE385", "aa85c000-6324-11b3-819e-5850ed1fe385"},
        {"uuid:AA85C000-6324-11B3-819E-5850ED1FE385", "aa85c000-6324-11b3-819e-5850ed1fe385"},
        {"urn:uuid:aa85c000-6324-11b3-819e-5850ed1fe385", "aa85c000-6324-11b3-819e-5850ed1fe385"},
        {" {AA85C000-6324-11B3-819E-5850ED1FE385} ", "aa85c000-6324-11b3-819e-5850ed1fe385"},
        {"upnp-BasicDevice-1_0-ACCC8E3C0419", "upnp-basicdevice-1_0-accc8e3c0419"},
        {"0b0b0b0b-0000-4000-8000-06000000000b", "0b0b0b0b-0000-4000-8000-06000000000b"},
        {"00000000-0000-0000-0000-5850ed1fe385", "00000000-0000-0000-0000-5850ed1fe385"},  // MAC-derived
        // Placeholders and examples.
        {"", nullptr},
        {"uuid:", nullptr},
        {"uuid:00000000-0000-0000-0000-000000000000", nullptr},
        {"00000000-0000-0000-0000-000000000000", nullptr},
        {"00000000000000000000000000000000", nullptr},
        {"FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF", nullptr},
        {"11111111-1111-1111-1111-111111111111", nullptr},
        {"uuid:upnp-InternetGatewayDevice-1_0-000000000000", nullptr},
        {"upnp-WANDevice-1_0-ffffffffffff", nullptr},
        {"uuid:2fac1234-31f8-11b4-a222-08002b34c003", nullptr},  // UPnP Device Architecture example
        {"f81d4fae-7dec-11d0-a765-00a0c91e6bf6", nullptr},       // RFC 4122 example
        {"123E4567-E89B-12D3-A456-426614174000", nullptr},
        {"12345678-1234-5678-1234-567812345678", nullptr},
        {"xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", nullptr},
        {"aa85c000-6324-11b3-819e-****", nullptr},
        {"N/A", nullptr},
        {"unknown", nullptr},
    };
    for (const auto& c : cases) {
        auto key = normalized_uuid(c.value);
        if (c.key) {
            ASSERT_TRUE(key.has_value()) << '"' << c.value << '"';
            EXPECT_EQ(*key, c.key);
            EXPECT_TRUE(is_identifying_uuid(c.value)) << c.value;
        } else {
            EXPECT_FALSE(key.has_value()) << '"' << c.value << "\" gave " << key.value_or("");
            EXPECT_FALSE(is_identifying_uuid(c.value)) << c.value;
        }
    }
}

TEST(Identity, MacRuleIsUnicastAndNotZero) {
    EXPECT_TRUE(is_identifying_mac(mac("58:50:ed:1f:e3:85")));
    EXPECT_TRUE(is_identifying_mac(mac("06:3a:9f:44:12:c7"))) << "locally administered still names one interface";
    EXPECT_FALSE(is_identifying_mac(mac("ff:ff:ff:ff:ff:ff")));
    EXPECT_FALSE(is_identifying_mac(mac("01:00:5e:7f:ff:fa")));
    EXPECT_FALSE(is_identifying_mac(mac("33:33:00:00:00:01")));
    EXPECT_FALSE(is_identifying_mac(mac("00:00:00:00:00:00")));
    EXPECT_EQ(identifying_mac("58-50-ED-1F-E3-85"), mac("58:50:ed:1f:e3:85"));
    EXPECT_EQ(identifying_mac(" 5850ed1fe385 "), mac("58:50:ed:1f:e3:85"));
    EXPECT_FALSE(identifying_mac("00:00:00:00:00:00").has_value());
    EXPECT_FALSE(identifying_mac("FF:FF:FF:FF:FF:FF").has_value());
    EXPECT_FALSE(identifying_mac("N/A").has_value());
    EXPECT_FALSE(identifying_mac("").has_value());
}

TEST(Identity, SiblingPortsShareTheOuiAndSitClose) {
    EXPECT_TRUE(are_sibling_ports(mac("68:6d:bc:ee:f8:f0"), mac("68:6d:bc:ee:f8:f1")));
    EXPECT_TRUE(are_sibling_ports(mac("68:6d:bc:ee:f8:f7"), mac("68:6d:bc:ee:f8:f0")));
    EXPECT_TRUE(are_sibling_ports(mac("3c:ef:8c:00:00:ff"), mac("3c:ef:8c:00:01:02"))) << "the numbering carries over octets";
    EXPECT_FALSE(are_sibling_ports(mac("68:6d:bc:ee:f8:f0"), mac("68:6d:bc:ee:f8:f8"))) << "more than 7 apart";
    EXPECT_FALSE(are_sibling_ports(mac("68:6d:bc:ee:f8:f0"), mac("68:6d:bd:ee:f8:f1"))) << "another OUI";
    EXPECT_FALSE(are_sibling_ports(mac("68:6d:bc:ee:f8:f0"), mac("68:6d:bc:ee:f8:f0"))) << "one MAC is not two ports";
    EXPECT_FALSE(are_sibling_ports(mac("02:00:00:00:00:01"), mac("02:00:00:00:00:02"))) << "locally administered";
    EXPECT_FALSE(are_sibling_ports(mac("00:00:00:00:00:00"), mac("00:00:00:00:00:01")));
}

}  // namespace
}  // namespace camsweep
