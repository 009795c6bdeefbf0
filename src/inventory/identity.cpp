#include "camsweep/inventory/identity.hpp"

#include <algorithm>
#include <array>
#include <cstdint>

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

// Values firmware reports when it has no serial: the DMI/SMBIOS fillers ("To be filled by
// O.E.M.", "Default string", "System Serial Number", ...) are reused by the same vendor SDKs.
constexpr std::array<std::string_view, 24> kFillerWords = {
    "n/a",          "na",           "none",           "null",
    "nil",          "unknown",      "undefined",      "unspecified",
    "not specified", "not applicable", "not available", "invalid",
    "default",      "default string", "to be filled by o.e.m.", "system serial number",
    "serial number", "serialnumber", "serial",        "sn",
    "oem",          "empty",        "tbd",            "(null)",
};

// Example UUIDs from specifications and documentation, shipped verbatim by some firmware.
constexpr std::array<std::string_view, 5> kExampleUuids = {
    "2fac1234-31f8-11b4-a222-08002b34c003",  // UPnP Device Architecture 1.0, the example UDN
    "f81d4fae-7dec-11d0-a765-00a0c91e6bf6",  // RFC 4122 / RFC 9562, the example URN
    "123e4567-e89b-12d3-a456-426614174000",  // the common documentation example
    "550e8400-e29b-41d4-a716-446655440000",  // the common documentation example
    "12345678-1234-5678-1234-567812345678",  // Python's uuid module documentation
};

// Counting sequences: a value that is a prefix of one of these (4 characters or more) was typed
// by a person or a template, not assigned to a unit.
constexpr std::array<std::string_view, 3> kCountingSequences = {
    "0123456789abcdef",
    "1234567890",
    "abcdefghijklmnopqrstuvwxyz",
};

// ASCII punctuation and whitespace; bytes of other scripts are content.
bool is_separator(char c) {
    auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) return false;
    bool alnum = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    return !alnum;
}

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }

// 8-4-4-4-12 hex digits, already lower case.
bool is_canonical_uuid(std::string_view u) {
    if (u.size() != 36) return false;
    for (std::size_t i = 0; i < u.size(); ++i) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? u[i] != '-' : !is_hex(u[i])) return false;
    }
    return true;
}

bool one_repeated_character(std::string_view content) {
    return !content.empty() && content.find_first_not_of(content.front()) == std::string_view::npos;
}

}  // namespace

// Written without building the lower-cased value or its content: it is asked for every serial
// and UUID of every observation.
bool is_placeholder_identity(std::string_view value) {
    std::string_view v = trim(value);
    if (v.empty()) return true;
    for (auto word : kFillerWords)
        if (iequals(v, word)) return true;
    // Redaction marks, wherever they are.
    if (v.find("**") != std::string_view::npos) return true;
    for (std::size_t i = 0, run = 0; i < v.size(); ++i) {
        run = (v[i] == 'x' || v[i] == 'X') ? run + 1 : 0;
        if (run == 4) return true;
    }
    // The content without separators, lower-cased: "00000000-0000-...", "ff:ff:...", "1-2-3-4" are
    // one repeated character; a prefix of a counting sequence was typed, not assigned.
    std::size_t content = 0;
    char first = 0;
    bool repeated = true;
    std::array<bool, kCountingSequences.size()> counting;
    counting.fill(true);
    for (char c : v) {
        char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        if (is_separator(lower)) continue;
        if (content == 0) first = lower;
        else if (lower != first) repeated = false;
        for (std::size_t k = 0; k < counting.size(); ++k)
            if (counting[k] && (content >= kCountingSequences[k].size() || kCountingSequences[k][content] != lower)) counting[k] = false;
        ++content;
    }
    if (content == 0 || repeated) return true;
    if (content >= 4)
        for (bool prefix : counting)
            if (prefix) return true;
    return false;
}

bool is_identifying_serial(std::string_view serial) { return !is_placeholder_identity(serial); }

std::optional<std::string> normalized_uuid(std::string_view uuid) {
    std::string_view v = trim(uuid);
    if (istarts_with(v, "urn:uuid:")) v.remove_prefix(9);
    else if (istarts_with(v, "uuid:")) v.remove_prefix(5);
    if (v.size() >= 2 && v.front() == '{' && v.back() == '}') v = v.substr(1, v.size() - 2);
    v = trim(v);
    if (is_placeholder_identity(v)) return std::nullopt;
    std::string key = to_lower(v);
    if (std::find(kExampleUuids.begin(), kExampleUuids.end(), key) != kExampleUuids.end()) return std::nullopt;
    if (!is_canonical_uuid(key)) {
        // A template with its per-unit tail left unfilled: "upnp-...-1_0-000000000000".
        auto dash = key.rfind('-');
        if (dash != std::string::npos && one_repeated_character(std::string_view(key).substr(dash + 1))) return std::nullopt;
    }
    return key;
}

bool is_identifying_uuid(std::string_view uuid) { return normalized_uuid(uuid).has_value(); }

bool is_identifying_mac(const MacAddress& mac) { return mac.is_unicast_device(); }

std::optional<MacAddress> identifying_mac(std::string_view text) {
    auto mac = MacAddress::parse(trim(text));
    if (!mac || !is_identifying_mac(*mac)) return std::nullopt;
    return mac;
}

bool are_sibling_ports(const MacAddress& a, const MacAddress& b) {
    if (!is_identifying_mac(a) || !is_identifying_mac(b) || a == b) return false;
    if (a.is_locally_administered() || b.is_locally_administered()) return false;
    if (a.octets[0] != b.octets[0] || a.octets[1] != b.octets[1] || a.octets[2] != b.octets[2]) return false;
    std::uint32_t low_a = (std::uint32_t{a.octets[3]} << 16) | (std::uint32_t{a.octets[4]} << 8) | a.octets[5];
    std::uint32_t low_b = (std::uint32_t{b.octets[3]} << 16) | (std::uint32_t{b.octets[4]} << 8) | b.octets[5];
    std::uint32_t distance = low_a > low_b ? low_a - low_b : low_b - low_a;
    return distance <= kSiblingPortSpan;
}

}  // namespace camsweep
