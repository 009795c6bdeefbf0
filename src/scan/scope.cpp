#include "camsweep/scan/scope.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <limits>

#include "camsweep/core/text.hpp"

namespace camsweep::scan {
namespace {

using u128 = AddressNumber;
using Family = IpAddress::Family;

unsigned width_of(Family family) { return family == Family::v4 ? 32 : 128; }

u128 number_of(const IpAddress& address) {
    u128 n = 0;
    const std::size_t bytes = address.family == Family::v4 ? 4 : 16;
    for (std::size_t i = 0; i < bytes; ++i) n = (n << 8) | address.octets[i];
    return n;
}

IpAddress address_of(Family family, u128 n) {
    if (family == Family::v4) return IpAddress::v4(static_cast<std::uint32_t>(n));
    std::uint8_t octets[16];
    for (int i = 15; i >= 0; --i) {
        octets[i] = static_cast<std::uint8_t>(n & 0xff);
        n >>= 8;
    }
    return IpAddress::v6(octets);
}

std::optional<unsigned> parse_number(std::string_view text, unsigned max) {
    unsigned value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
    return value;
}

// Why no audit means this interval, or "" when it may be scanned.
std::string refusal(const AddressInterval& interval) {
    const u128 everything = interval.family == Family::v4 ? u128{0xffffffffu} : ~u128{0};
    if (interval.first == 0 && interval.last == everything) return "is the whole address space";
    const IpAddress first = address_of(interval.family, interval.first);
    const IpAddress last = address_of(interval.family, interval.last);
    if (first.is_multicast_or_broadcast() || last.is_multicast_or_broadcast() ||
        (interval.family == Family::v4 && interval.last >= 0xe0000000u))
        return interval.family == Family::v4 ? "reaches multicast or broadcast addresses (224.0.0.0 and above)"
                                             : "reaches multicast addresses (ff00::/8)";
    if (interval.first == 0 && interval.family == Family::v4) return "starts at 0.0.0.0, which names no host";
    if (first.is_unspecified()) return "starts at the unspecified address";
    return "";
}

// Sorts and merges intervals that overlap or touch.
std::vector<AddressInterval> normalised(std::vector<AddressInterval> intervals) {
    std::sort(intervals.begin(), intervals.end(), [](const AddressInterval& a, const AddressInterval& b) {
        return a.family != b.family ? a.family < b.family : a.first < b.first;
    });
    std::vector<AddressInterval> out;
    for (const auto& interval : intervals) {
        if (!out.empty() && out.back().family == interval.family &&
            (out.back().last == ~u128{0} || interval.first <= out.back().last + 1)) {
            out.back().last = std::max(out.back().last, interval.last);
        } else {
            out.push_back(interval);
        }
    }
    return out;
}

// `from` minus every interval of `holes` (both normalised).
std::vector<AddressInterval> subtract(const std::vector<AddressInterval>& from, const std::vector<AddressInterval>& holes) {
    std::vector<AddressInterval> out;
    for (AddressInterval rest : from) {
        bool gone = false;
        for (const auto& hole : holes) {
            if (hole.family != rest.family || hole.last < rest.first || hole.first > rest.last) continue;
            if (hole.first > rest.first) out.push_back({rest.family, rest.first, hole.first - 1});
            if (hole.last >= rest.last) {
                gone = true;
                break;
            }
            rest.first = hole.last + 1;
        }
        if (!gone) out.push_back(rest);
    }
    return out;
}

Parsed<std::vector<AddressInterval>> parse_all(std::span<const std::string> texts, std::string_view what) {
    std::vector<AddressInterval> intervals;
    for (const auto& text : texts) {
        auto interval = parse_target(text);
        if (!interval) return Parsed<std::vector<AddressInterval>>::failure(std::string(what) + " '" + printable(text) + "': " + interval.error());
        intervals.push_back(*interval);
    }
    return normalised(std::move(intervals));
}

}  // namespace

std::uint64_t AddressInterval::size() const {
    const u128 count_minus_one = last - first;
    if (count_minus_one >= std::numeric_limits<std::uint64_t>::max()) return std::numeric_limits<std::uint64_t>::max();
    return static_cast<std::uint64_t>(count_minus_one) + 1;
}

namespace {

// The addresses a target names, before any refusal: exclusions use it as it is.
struct TargetText {
    AddressInterval interval;
    bool ipv4_cidr_with_broadcast = false;  // an IPv4 CIDR of /30 or wider
};

Parsed<TargetText> parse_interval(std::string_view text) {
    using Result = Parsed<TargetText>;
    text = trim(text);
    if (text.empty()) return Result::failure("empty target");

    if (auto slash = text.find('/'); slash != std::string_view::npos) {
        auto base = IpAddress::parse(text.substr(0, slash));
        if (!base) return Result::failure("not an IP address before '/' (host names are not resolved)");
        const unsigned width = width_of(base->family);
        auto prefix = parse_number(text.substr(slash + 1), width);
        if (!prefix) return Result::failure("prefix length must be 0 to " + std::to_string(width));
        const unsigned host_bits = width - *prefix;
        const u128 host_mask = host_bits == 128 ? ~u128{0} : (u128{1} << host_bits) - 1;
        const u128 network = number_of(*base) & ~host_mask;
        return TargetText{{base->family, network, network | host_mask}, base->family == Family::v4 && *prefix <= 30};
    }

    if (auto dash = text.find('-'); dash != std::string_view::npos) {
        auto first = IpAddress::parse(text.substr(0, dash));
        if (!first) return Result::failure("not an IP address before '-' (host names are not resolved)");
        std::string_view end_text = text.substr(dash + 1);
        AddressInterval interval{first->family, number_of(*first), 0};
        if (auto last = IpAddress::parse(end_text)) {
            if (last->family != first->family) return Result::failure("range mixes IPv4 and IPv6");
            interval.last = number_of(*last);
        } else if (first->family == Family::v4) {
            auto last_octet = parse_number(end_text, 255);
            if (!last_octet) return Result::failure("range end must be an address or a last octet (10.0.0.1-40)");
            interval.last = (interval.first & ~u128{0xff}) | *last_octet;
        } else {
            return Result::failure("IPv6 range end must be a full address");
        }
        if (interval.last < interval.first) return Result::failure("range ends before it starts");
        return TargetText{interval};
    }

    auto host = IpAddress::parse(text);
    if (!host) return Result::failure("not an IP address, CIDR or range (host names are not resolved)");
    return TargetText{{host->family, number_of(*host), number_of(*host)}};
}

}  // namespace

Parsed<AddressInterval> parse_target(std::string_view text) {
    auto target = parse_interval(text);
    if (!target) return Parsed<AddressInterval>::failure(target.error());
    AddressInterval interval = target->interval;
    if (std::string why = refusal(interval); !why.empty()) return Parsed<AddressInterval>::failure(why);
    if (target->ipv4_cidr_with_broadcast) {  // no device owns the network and broadcast addresses
        interval.first += 1;
        interval.last -= 1;
    }
    return interval;
}

Parsed<Scope> Scope::build(std::span<const std::string> targets, std::span<const std::string> excludes,
                           std::uint64_t max_hosts) {
    if (targets.empty()) return Parsed<Scope>::failure("no targets");
    auto wanted = parse_all(targets, "target");
    if (!wanted) return Parsed<Scope>::failure(wanted.error());
    // Exclusions may name anything, even multicast: they only take addresses away.
    std::vector<AddressInterval> holes;
    for (const auto& text : excludes) {
        auto hole = parse_interval(text);
        if (!hole) return Parsed<Scope>::failure("exclusion '" + printable(text) + "': " + hole.error());
        holes.push_back(hole->interval);
    }
    Scope scope;
    scope.intervals_ = subtract(*wanted, normalised(std::move(holes)));
    for (const auto& interval : scope.intervals_) {
        const std::uint64_t size = interval.size();
        scope.host_count_ = size > std::numeric_limits<std::uint64_t>::max() - scope.host_count_
                                ? std::numeric_limits<std::uint64_t>::max()
                                : scope.host_count_ + size;
    }
    if (scope.host_count_ == 0) return Parsed<Scope>::failure("the exclusions leave no host to scan");
    if (scope.host_count_ > max_hosts)
        return Parsed<Scope>::failure("the targets hold " + std::to_string(scope.host_count_) + " hosts, over the cap of " +
                                      std::to_string(max_hosts) + " (raise it with --max-hosts)");
    return scope;
}

bool Scope::contains(const IpAddress& address) const {
    const u128 n = number_of(address);
    return std::any_of(intervals_.begin(), intervals_.end(), [&](const AddressInterval& interval) {
        return interval.family == address.family && interval.first <= n && n <= interval.last;
    });
}

void Scope::for_each_host(const std::function<bool(const IpAddress&)>& visit) const {
    for (const auto& interval : intervals_) {
        for (u128 n = interval.first;; ++n) {
            if (!visit(address_of(interval.family, n))) return;
            if (n == interval.last) break;
        }
    }
}

Parsed<std::vector<std::string>> read_target_file(const std::string& path) {
    using Result = Parsed<std::vector<std::string>>;
    std::ifstream in(path);
    if (!in) return Result::failure(path + ": cannot open");
    std::vector<std::string> entries;
    std::string line;
    for (std::size_t number = 1; std::getline(in, line); ++number) {
        if (auto hash = line.find('#'); hash != std::string::npos) line.resize(hash);
        std::size_t at = 0;
        while (at < line.size()) {
            const std::size_t start = line.find_first_not_of(" \t\r,", at);
            if (start == std::string::npos) break;
            const std::size_t end = std::min(line.find_first_of(" \t\r,", start), line.size());
            entries.push_back(line.substr(start, end - start));
            if (entries.size() > 1'000'000) return Result::failure(path + ":" + std::to_string(number) + ": more than 1,000,000 entries");
            at = end;
        }
    }
    if (in.bad()) return Result::failure(path + ": read error");
    return entries;
}

Parsed<std::vector<std::uint16_t>> parse_port_list(std::string_view text) {
    using Result = Parsed<std::vector<std::uint16_t>>;
    std::vector<std::uint16_t> ports;
    while (!text.empty()) {
        const std::size_t comma = text.find(',');
        const std::string_view entry = trim(text.substr(0, comma));
        text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
        const std::size_t dash = entry.find('-');
        auto first = parse_number(entry.substr(0, dash), 65535);
        auto last = dash == std::string_view::npos ? first : parse_number(entry.substr(dash + 1), 65535);
        if (!first || !last || *first == 0 || *last < *first)
            return Result::failure("port entry '" + printable(entry) + "': expected N or N-M with 1 <= N <= M <= 65535");
        for (unsigned port = *first; port <= *last; ++port) ports.push_back(static_cast<std::uint16_t>(port));
    }
    std::sort(ports.begin(), ports.end());
    ports.erase(std::unique(ports.begin(), ports.end()), ports.end());
    if (ports.empty()) return Result::failure("empty port list");
    return ports;
}

}  // namespace camsweep::scan
