// Dahua RPC2 login, step 1 only: POST /RPC2_Login {"method":"global.login",...,"password":""}
// is what the web UI sends before any password, and the device answers with its login
// challenge: error 268632079 "Component error: login challenge!", the unit's "mac" and the realm
// "Login to <serial>" (research/protocols-active.md §1.5.3, §1.7.2: verbatim Amcrest reply in
// qweasader/gbn 2019/amcrest/gb_amcrest_ip_camera_http_default_credentials.nasl, Q-See realm in
// 2019/qsee/gb_qsee_ip_camera_default_credentials.nasl, "errormac" in idx:29677310945).
// camsweep never sends step 2.
#include <nlohmann/json.hpp>

#include <algorithm>

#include "camsweep/core/text.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_http.hpp"

namespace camsweep {
namespace {

std::string scalar_text(const nlohmann::json& v) {
    if (v.is_string()) return bounded_text(v.get<std::string>());
    if (v.is_number_integer() || v.is_number_unsigned() || v.is_boolean()) return v.dump();
    return {};
}

const nlohmann::json* member(const nlohmann::json& object, const char* name) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(name);
    return it == object.end() ? nullptr : &*it;
}

// "Login to 4C045ADPAG60CD" -> "4C045ADPAG60CD": a Dahua serial is 8-24 upper-case letters and
// digits; newer firmware puts 32 lower-case hex digits there, which name no unit.
std::string serial_of_realm(std::string_view realm) {
    constexpr std::string_view kPrefix = "Login to ";
    if (!realm.starts_with(kPrefix)) return {};
    const std::string_view serial = realm.substr(kPrefix.size());
    if (serial.size() < 8 || serial.size() > 24) return {};
    for (char c : serial)
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return {};
    return std::string(serial);
}

// Never kept: "authorization", "random", "session" (per-exchange values) and a request's
// userName and password.
ParseState rpc2_fields_of(Bytes message, const MessageMeta&, MessageFields& out) {
    const std::string_view body = as_text(message);
    if (body.size() > kMaxRpc2BodyBytes)
        return out.invalid("RPC2 body of " + std::to_string(body.size()) + " bytes is over the " + std::to_string(kMaxRpc2BodyBytes) +
                           "-byte cap");
    const auto json = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (json.is_discarded() || !json.is_object()) return out.invalid("RPC2 body is not a JSON object");
    if (const auto* method = member(json, "method")) {  // a client's request: says what it asked, nothing of the device
        out.add("rpc2.method", scalar_text(*method));
        return ParseState::complete;
    }
    if (const auto* result = member(json, "result")) out.add("rpc2.result", scalar_text(*result));
    if (const auto* error = member(json, "error")) {
        if (const auto* code = member(*error, "code")) out.add("rpc2.error_code", scalar_text(*code));
        if (const auto* text = member(*error, "message")) out.add("rpc2.error_message", scalar_text(*text));
    }
    const auto* params = member(json, "params");
    if (!params) return ParseState::complete;
    if (const auto* encryption = member(*params, "encryption")) out.add("rpc2.encryption", scalar_text(*encryption));
    if (const auto* realm = member(*params, "realm")) {
        const std::string text = scalar_text(*realm);
        out.add("rpc2.realm", text);
        const std::string serial = serial_of_realm(text);
        out.add("rpc2.serial", serial);
        out.add("id.serial", serial);
    }
    if (const auto* mac_text = member(*params, "mac"); mac_text && mac_text->is_string()) {
        if (auto mac = MacAddress::parse(mac_text->get<std::string>())) {
            out.add("rpc2.mac", mac->to_string());
            out.add("id.mac", mac->to_string());
        }
    }
    return ParseState::complete;
}

bool looks_like_rpc2(Bytes first) {
    const std::string_view text = trim(as_text(first.first(std::min<std::size_t>(first.size(), 1024))));
    return text.starts_with('{') && (text.find("\"session\"") != std::string_view::npos || text.find("global.login") != std::string_view::npos ||
                                     text.find("\"realm\"") != std::string_view::npos);
}

std::vector<std::uint8_t> build_rpc2_login_step1(const RequestContext&) {
    return {kDahuaRpc2LoginStep1.begin(), kDahuaRpc2LoginStep1.end()};
}

}  // namespace

namespace protocols {
extern const ProtocolDescriptor rpc2 = http_body_reader("rpc2", {
    .tier = EvidenceTier::discovery, .looks_like = by_content<looks_like_rpc2>, .fields_of = rpc2_fields_of, .build_request = build_rpc2_login_step1,
    .summary = "Dahua RPC2_Login step 1 replies (empty password, never step 2): login challenge error, mac, realm 'Login to <serial>'"});
}  // namespace protocols

}  // namespace camsweep
