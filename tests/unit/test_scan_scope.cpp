// The scan scope: what the prober may touch, and what it refuses (docs/scan.md).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "camsweep/scan/scope.hpp"

namespace camsweep::scan {
namespace {

std::vector<std::string> hosts_of(const Scope& scope) {
    std::vector<std::string> out;
    scope.for_each_host([&](const IpAddress& host) {
        out.push_back(host.to_string());
        return true;
    });
    return out;
}

Parsed<Scope> scope_of(std::vector<std::string> targets, std::vector<std::string> excludes = {}, std::uint64_t max = kDefaultMaxHosts) {
    return Scope::build(targets, excludes, max);
}

TEST(ScanScope, CidrLeavesOutNetworkAndBroadcast) {
    auto scope = scope_of({"192.0.2.0/29"});
    ASSERT_TRUE(scope) << scope.error();
    EXPECT_EQ(hosts_of(*scope), (std::vector<std::string>{"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6"}));
    EXPECT_FALSE(scope->contains(*IpAddress::parse("192.0.2.7")));
    EXPECT_FALSE(scope->contains(*IpAddress::parse("192.0.2.0")));
    // /31 and /32 have no network or broadcast address (RFC 3021).
    EXPECT_EQ(scope_of({"192.0.2.8/31"})->host_count(), 2u);
    EXPECT_EQ(scope_of({"192.0.2.9/32"})->host_count(), 1u);
}

TEST(ScanScope, RangesHostsAndIpv6) {
    auto scope = scope_of({"10.0.0.1-3", "10.0.0.250-10.0.1.2", "2001:db8::1", "2001:db8::10-2001:db8::11", "fe80::/126"});
    ASSERT_TRUE(scope) << scope.error();
    EXPECT_EQ(hosts_of(*scope), (std::vector<std::string>{"10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.250", "10.0.0.251",
                                                           "10.0.0.252", "10.0.0.253", "10.0.0.254", "10.0.0.255", "10.0.1.0",
                                                           "10.0.1.1", "10.0.1.2", "2001:db8::1", "2001:db8::10", "2001:db8::11",
                                                           "fe80::", "fe80::1", "fe80::2", "fe80::3"}));
    EXPECT_TRUE(scope->contains(*IpAddress::parse("2001:db8::11")));
    EXPECT_FALSE(scope->contains(*IpAddress::parse("2001:db8::12")));
}

TEST(ScanScope, OverlappingTargetsCountOnce) {
    auto scope = scope_of({"127.0.0.1-20", "127.0.0.10-30", "127.0.0.5"});
    ASSERT_TRUE(scope) << scope.error();
    EXPECT_EQ(scope->host_count(), 30u);
    EXPECT_EQ(scope->intervals().size(), 1u);
}

TEST(ScanScope, ExclusionsSplitAndRemove) {
    auto scope = scope_of({"127.0.0.1-10"}, {"127.0.0.3", "127.0.0.5-6", "127.0.0.8/30"});
    ASSERT_TRUE(scope) << scope.error();
    EXPECT_EQ(hosts_of(*scope), (std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.4", "127.0.0.7"}));
    EXPECT_FALSE(scope->contains(*IpAddress::parse("127.0.0.3")));
    // Exclusions may name what targets may not, e.g. a multicast block: they only remove.
    EXPECT_TRUE(scope_of({"127.0.0.1"}, {"224.0.0.0/4"}));
    auto nothing_left = scope_of({"127.0.0.1-2"}, {"127.0.0.0/24"});
    ASSERT_FALSE(nothing_left);
    EXPECT_NE(nothing_left.error().find("no host"), std::string::npos);
}

TEST(ScanScope, RefusesWhatNoAuditMeans) {
    struct Case {
        std::string target, why;
    };
    for (const Case& c : {Case{"0.0.0.0/0", "whole address space"}, Case{"::/0", "whole address space"},
                          Case{"224.0.0.251", "multicast"}, Case{"239.255.255.250", "multicast"}, Case{"255.255.255.255", "broadcast"},
                          Case{"ff02::c", "multicast"}, Case{"10.0.0.0-240.0.0.1", "multicast"}, Case{"0.0.0.0", "0.0.0.0"},
                          Case{"::", "unspecified"}, Case{"camera.example", "not resolved"}, Case{"10.0.0.1/33", "prefix length"},
                          Case{"10.0.0.9-3", "ends before"}, Case{"10.0.0.1-::1", "mixes"}, Case{"10.0.0.1-300", "last octet"},
                          Case{"", "empty"}}) {
        auto scope = scope_of({c.target});
        ASSERT_FALSE(scope) << c.target;
        EXPECT_NE(scope.error().find(c.why), std::string::npos) << c.target << ": " << scope.error();
        if (!c.target.empty()) {
            EXPECT_NE(scope.error().find(c.target), std::string::npos) << "names the target: " << scope.error();
        }
    }
}

TEST(ScanScope, HostCapRefusesLargeScopesUnlessRaised) {
    auto wide = scope_of({"10.0.0.0/15"});
    ASSERT_FALSE(wide);
    EXPECT_NE(wide.error().find("131070 hosts"), std::string::npos) << wide.error();
    EXPECT_NE(wide.error().find("--max-hosts"), std::string::npos);
    EXPECT_TRUE(scope_of({"10.0.0.0/15"}, {}, 200000));
    EXPECT_TRUE(scope_of({"10.0.0.0/16"}));  // 65,534 hosts: within the default cap
    // An IPv6 /64 counts without overflow and is refused.
    auto v6 = scope_of({"2001:db8::/64"});
    ASSERT_FALSE(v6);
    EXPECT_NE(v6.error().find("18446744073709551615"), std::string::npos) << v6.error();
}

TEST(ScanScope, StopsEnumeratingWhenAsked) {
    auto scope = scope_of({"127.0.0.0/24"});
    int seen = 0;
    scope->for_each_host([&](const IpAddress&) { return ++seen < 3; });
    EXPECT_EQ(seen, 3);
}

TEST(ScanScope, TargetFilesAndPortLists) {
    const std::string path = ::testing::TempDir() + "camsweep-targets.txt";
    {
        std::ofstream out(path);
        out << "# site A\n127.0.0.1 127.0.0.2\n\n127.0.1.0/30, 127.0.2.1-2  # cameras\n";
    }
    auto entries = read_target_file(path);
    ASSERT_TRUE(entries) << entries.error();
    EXPECT_EQ(*entries, (std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.1.0/30", "127.0.2.1-2"}));
    std::remove(path.c_str());
    auto missing = read_target_file(path);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find(path), std::string::npos);

    auto ports = parse_port_list("8080,80,8000-8002, 80");
    ASSERT_TRUE(ports) << ports.error();
    EXPECT_EQ(*ports, (std::vector<std::uint16_t>{80, 8000, 8001, 8002, 8080}));
    for (const char* bad : {"", "0", "65536", "80-", "90-80", "http", "80,,x"}) {
        auto p = parse_port_list(bad);
        EXPECT_FALSE(p) << bad;
    }
}

}  // namespace
}  // namespace camsweep::scan
