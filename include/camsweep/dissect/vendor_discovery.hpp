#pragma once
// Vendor discovery protocols outside UDP 37020/37810: XiongMai (XMeye) search on UDP 34569,
// the legacy Dahua binary search on UDP 5050, Hikvision SADP over EtherType 0x8033, and the
// searches of makers outside the covered list (Bosch, Hanwha, Vivotek, Sony, Panasonic/i-PRO,
// Ubiquiti), so their devices are named positively rather than left unknown.
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

// ---- Bosch autodetect (UDP 1757) ----------------------------------------------------------
inline constexpr std::uint16_t kBoschAutodetectPort = 1757;
inline constexpr std::uint16_t kBoschReplyPort = 1758;  // the reply port of the captured request

struct BoschMessage {
    enum class Kind : std::uint8_t { search, binary_reply, xml_reply };
    Kind kind = Kind::search;
    std::uint32_t sequence = 0;    // search and binary reply: bytes 4-7, echoed
    std::uint16_t reply_port = 0;  // search: bytes 10-11
    // Binary reply (32 bytes).
    std::optional<MacAddress> mac;
    std::optional<IpAddress> ipv4;
    std::uint8_t legacy_id = 0;      // high nibble of byte 15; 0xF: the id is hardware_id
    std::uint8_t hardware_id = 0;    // byte 31
    std::uint8_t hardware_type = 0;  // byte 28: 0 video in, 1 video out, 2 both
    // XML reply: the children of <root><device>, name -> text.
    std::vector<std::pair<std::string, std::string>> elements;
    std::optional<std::string_view> get(std::string_view name) const;
};
// The magic 99 39 a4 27 at offset 0, or an XML document in Bosch's OEMExt namespace.
bool looks_like_bosch(Bytes bytes);
Parsed<BoschMessage> parse_bosch(Bytes bytes);

// ---- Hanwha (Samsung Techwin) discovery (UDP 7701 -> 7711) ---------------------------------
inline constexpr std::uint16_t kHanwhaSearchPort = 7701;
inline constexpr std::uint16_t kHanwhaReplyPort = 7711;

struct HanwhaMessage {
    bool reply = false;  // byte 0: 0x01 search, 0x0b reply
    std::string mac_text, ipv4_text, model, url;
};
bool looks_like_hanwha(Bytes bytes);
Parsed<HanwhaMessage> parse_hanwha(Bytes bytes);

// ---- Vivotek search (UDP 10000) -----------------------------------------------------------
inline constexpr std::uint16_t kVivotekPort = 10000;

struct VivotekMessage {
    std::uint8_t session = 0;
    bool reply = false;  // a search is the bare 5-byte header
    std::string long_name, model;
    std::optional<MacAddress> mac;
    std::optional<IpAddress> ipv4;
};
// The magic 4a 5d 8f 1c at offset 1.
bool looks_like_vivotek(Bytes bytes);
Parsed<VivotekMessage> parse_vivotek(Bytes bytes);

// ---- Sony setup protocol (SNC cameras UDP 2380, BRC/SRG cameras UDP 52380) -----------------
inline constexpr std::uint16_t kSonySncPort = 2380;
inline constexpr std::uint16_t kSonyIpSetupPort = 52380;

// STX 0x02, units of text each closed by 0xff, ETX 0x03. Each unit is split at its first ':'.
struct SonyMessage {
    std::vector<std::pair<std::string, std::string>> units;  // KEY -> VALUE ("" when no ':')
    std::optional<std::string_view> get(std::string_view key) const;
};
bool looks_like_sony(Bytes bytes);
Parsed<SonyMessage> parse_sony(Bytes bytes);

// ---- Panasonic / i-PRO Easy IP Setup (UDP 10670 -> 10669) ----------------------------------
inline constexpr std::uint16_t kEasyIpRequestPort = 10670;
inline constexpr std::uint16_t kEasyIpReplyPort = 10669;
inline constexpr std::uint16_t kEasyIpSearch = 0x000d;
inline constexpr std::uint16_t kEasyIpSearchReply = 0x000e;

struct EasyIpTlv {
    std::uint16_t type = 0;
    Bytes value;  // points into the parsed bytes
};
struct EasyIpMessage {
    std::uint16_t opcode = 0;
    MacAddress target_mac;     // offset 6: the addressed device (00 = all) or, in a reply, the device
    MacAddress requester_mac;  // offset 12: the tool that asked, echoed in replies
    std::vector<EasyIpTlv> tlvs;
    std::uint16_t checksum = 0;
    std::optional<Bytes> get(std::uint16_t type) const;
};
bool looks_like_easyip(Bytes bytes);
Parsed<EasyIpMessage> parse_easyip(Bytes bytes);
// The 16-bit sum of every byte of `message` plus one: the checksum after FF FF in every captured
// message (research/vendor-discovery.md §5, an inference that fits three captures).
std::uint16_t easyip_checksum(Bytes message);

// ---- Ubiquiti discovery (UDP 10001) -------------------------------------------------------
inline constexpr std::uint16_t kUbiquitiPort = 10001;

struct UbiquitiRecord {
    std::uint8_t type = 0;
    Bytes value;  // points into the parsed bytes
};
struct UbiquitiMessage {
    std::uint8_t version = 0, command = 0;
    std::vector<UbiquitiRecord> records;  // empty: a search
};
// A known version/command pair (v1 00; v2 06, 08, 09, 0b; version 0 from UniFi NVRs).
bool looks_like_ubiquiti(Bytes bytes);
Parsed<UbiquitiMessage> parse_ubiquiti(Bytes bytes);

}  // namespace camsweep
