#pragma once
// The one rule for which MACs, serials and UUIDs identify a device. The correlator merges
// observations on these and the report diff matches devices on them; a dissector that wants to
// drop a placeholder before emitting `id.serial` / `id.uuid` calls the same functions.
//
// A placeholder is not an identity: firmware that has no serial or UUID to give reports an empty
// or filler value, and every unit of that firmware reports the same one, so merging on it
// would fold many units into one device.
#include <optional>
#include <string>
#include <string_view>

#include "camsweep/core/address.hpp"

namespace camsweep {

// True for a value no unit can be told apart by (surrounding whitespace ignored, letters
// compared without case):
// - empty, or only separators and masking characters ("-", "****", "::");
// - a filler word: "N/A", "NA", "none", "null", "nil", "unknown", "undefined", "unspecified",
//   "not specified", "not applicable", "not available", "invalid", "default", "default string",
//   "to be filled by O.E.M.", "system serial number", "serial number", "serial", "SN", "OEM",
//   "empty", "TBD" (the DMI/SMBIOS fillers, which the same firmware toolchains use);
// - one character repeated, separators ignored: "0", "000000000000",
//   "00000000-0000-0000-0000-000000000000", "FFFFFFFF", "11111111", "xxxx";
// - redacted: two or more '*' in a row, or four or more 'x' in a row ("DS-2CD2385G1-I2020****",
//   "6C01E93PAGXXXX");
// - a counting sequence of four or more characters, separators ignored: "1234", "123456"
//   (the default serial of happytime's ONVIF server), "0123456789", "1234567890", "abcdef".
bool is_placeholder_identity(std::string_view value);

// A serial number identifies a device unless it is a placeholder.
bool is_identifying_serial(std::string_view serial);

// The form a UUID is compared in: surrounding whitespace, a "urn:uuid:" or "uuid:" prefix and
// surrounding braces removed, lower case; nothing when it does not identify a device: a
// placeholder (above), a well-known example value copied into firmware (the UPnP Device
// Architecture's "2fac1234-31f8-11b4-a222-08002b34c003", RFC 4122's example URN, two common
// documentation examples, Python's "12345678-1234-5678-1234-567812345678"), or a template whose
// per-unit part was never filled in: not in the 8-4-4-4-12 form, and its last "-" part one
// repeated character ("upnp-InternetGatewayDevice-1_0-000000000000", where firmware puts the
// unit's MAC).
std::optional<std::string> normalized_uuid(std::string_view uuid);
bool is_identifying_uuid(std::string_view uuid);

// A MAC identifies a device when it is unicast and not all zero (MacAddress::is_unicast_device):
// broadcast and multicast addresses and 00:00:00:00:00:00 do not. Locally administered MACs do
// identify the interface that uses them (they carry no maker, docs/oui.md, but are still one
// interface's address).
bool is_identifying_mac(const MacAddress& mac);
// Parses a MAC in any form MacAddress::parse reads; nothing when it is not one or does not
// identify a device.
std::optional<MacAddress> identifying_mac(std::string_view text);

// True when two different MACs can be two ports of one unit: makers number a unit's interfaces
// consecutively from one base address, so both are universally administered, share the OUI
// (first three octets) and are at most kSiblingPortSpan apart in the remaining 24 bits.
// Locally administered addresses carry no maker numbering and are never siblings.
inline constexpr unsigned kSiblingPortSpan = 7;
bool are_sibling_ports(const MacAddress& a, const MacAddress& b);

}  // namespace camsweep
