#pragma once
// The vendors' documented unauthenticated, read-only HTTP endpoints the prober asks when a
// host's earlier answers point at that vendor family (docs/scan.md), and the pure readers of
// their replies, registered as Carrier::http_body protocols (docs/fields.md):
//   isapi   Hikvision GET /SDK/activateStatus and the web UI's pre-login step
//           GET /ISAPI/Security/sessionLogin/capabilities?username=admin (research/protocols-active.md §1.7.1)
//   rpc2    Dahua POST /RPC2_Login step 1 with an EMPTY password (§1.5.3, §1.7.2): the login
//           challenge, whose "mac" and realm "Login to <serial>" are identity
//   favicon GET /favicon.ico: the MD5 of the body, the key of Recog's and nmap's favicon databases
// None of them tries a password: the empty password of RPC2 step 1 is what the web UI sends
// before the user typed one, and it is never followed by step 2 (research §4).
#include <cstddef>
#include <string_view>

namespace camsweep {

inline constexpr std::string_view kHikvisionActivateStatusPath = "/SDK/activateStatus";
inline constexpr std::string_view kHikvisionSessionCapabilitiesPath = "/ISAPI/Security/sessionLogin/capabilities?username=admin";
inline constexpr std::string_view kDahuaRpc2LoginPath = "/RPC2_Login";
// RPC2 login step 1, verbatim from the request in qweasader/gbn
// 2019/amcrest/gb_amcrest_ip_camera_http_default_credentials.nasl (research §1.7.2).
inline constexpr std::string_view kDahuaRpc2LoginStep1 =
    R"({"method":"global.login","params":{"userName":"admin","password":"","clientType":"Web3.0","loginType":"Direct"},"id":1})";
inline constexpr std::string_view kFaviconPath = "/favicon.ico";

// Bodies larger than these are refused before they are parsed: real replies are well under
// 1 KiB (ISAPI, RPC2); a favicon is a few KiB (the prober reads at most kMaxFaviconBytes).
inline constexpr std::size_t kMaxIsapiBodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxRpc2BodyBytes = 64 * 1024;
inline constexpr std::size_t kMaxFaviconBytes = 64 * 1024;
inline constexpr std::size_t kMaxHnapBodyBytes = 64 * 1024;

}  // namespace camsweep
