#pragma once
// Vendor discovery protocols outside UDP 37020/37810: XiongMai (XMeye) search on UDP 34569,
// the legacy Dahua binary search on UDP 5050, and Hikvision SADP over EtherType 0x8033.
// Pure parsers over bytes (shared by the passive and the active side; their descriptors are in
// the protocol registry, dissect/protocol.hpp); the wire layouts and their sources are recorded next to each parser in src/dissect/.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/core/observation.hpp"
#include "camsweep/core/result.hpp"
#include "camsweep/dissect/parsers.hpp"

namespace camsweep {

// ---- XiongMai / XMeye search (UDP 34569) -------------------------------------------------
inline constexpr std::uint16_t kXiongmaiPort = 34569;
inline constexpr std::uint16_t kXiongmaiSearchRequest = 1530;  // 0x05FA
inline constexpr std::uint16_t kXiongmaiSearchReply = 1531;    // 0x05FB

struct XiongmaiMessage {
    std::uint8_t version = 0;
    std::uint32_t session_id = 0, sequence = 0;
    std::uint16_t message_id = 0;  // kXiongmaiSearchRequest or kXiongmaiSearchReply
    std::string json;              // the body up to its first NUL, surrounding whitespace removed
};
// The 20-byte header: magic 0xff and a search message id (1530/1531) at offset 14.
bool looks_like_xiongmai(Bytes bytes);
Parsed<XiongmaiMessage> parse_xiongmai(Bytes bytes);
// The device fields of a search reply body (object "NetWork.NetCommon") as xm.* and id.* keys.
Parsed<FieldList> xiongmai_fields(std::string_view json);
// "0x6D0BA8C0" -> 192.168.11.109: the hex text of a little-endian IPv4 word.
std::optional<IpAddress> xiongmai_hex_ipv4(std::string_view text);

// ---- Dahua legacy search (UDP 5050) ------------------------------------------------------
inline constexpr std::uint16_t kDahua5050Port = 5050;

struct Dahua5050Message {
    bool reply = false;                   // false: a search request (0xa3), no device data
    std::string hostname;                 // 16 bytes at 0x28
    std::optional<IpAddress> ipv4;        // 0x38, network byte order
    std::uint16_t http_port = 0;          // 0x5E, little-endian
    std::uint16_t tcp_port = 0;           // 0x62, little-endian (DVRIP)
    std::string mac_text;                 // first 17 bytes of section 2
    std::optional<MacAddress> mac;
    std::string model;                    // rest of section 2
    std::vector<std::pair<std::string, std::string>> text;  // section 3 "Key:Value" lines
    std::optional<std::string_view> get(std::string_view key) const;
};
bool looks_like_dahua5050(Bytes bytes);
Parsed<Dahua5050Message> parse_dahua5050(Bytes bytes);

// ---- Hikvision SADP over Ethernet (EtherType 0x8033) -------------------------------------
inline constexpr std::uint16_t kEtherSadp = 0x8033;

enum class SadpL2Origin : std::uint8_t { device, tool, unknown };

struct SadpL2DeviceInfo {  // the InquiryResponse payload (dev_info)
    std::string serial, software_version, dsp_version, boot_time;
    std::uint32_t device_type = 0, command_port = 0;
};

struct SadpL2Message {
    std::uint8_t packet_type = 0;   // offset 1 (hiktools: 1 response, 2 request)
    std::uint8_t length = 0;        // offset 3: header + payload bytes (sadp.h sadp_len)
    SadpL2Origin origin = SadpL2Origin::unknown;  // high nibble of offset 3 (hiktools)
    std::uint32_t sequence = 0;
    std::uint8_t query_type = 0, query_params = 0;
    std::uint16_t checksum = 0;
    MacAddress src_mac, dst_mac;
    IpAddress src_ip, dst_ip, subnet_mask;
    std::optional<SadpL2DeviceInfo> device;  // InquiryResponse with a full dev_info payload
    // DeviceOnlineRequest or InquiryResponse not marked as sent by the SADP tool.
    bool sent_by_device() const;
};
Parsed<SadpL2Message> parse_sadp_l2(Bytes bytes);
// "DeviceOnlineRequest", "Inquiry", ... or "0x1f" for a query type no source names.
std::string sadp_l2_query_name(std::uint8_t query_type);

}  // namespace camsweep
