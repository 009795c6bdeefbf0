#pragma once
// Appending integers and addresses to a payload being built, in the byte order its wire format
// uses: shared by the generator's payload builders (payloads.cpp) and scenarios.
#include <cstddef>
#include <cstdint>
#include <string>

#include "camsweep/core/address.hpp"

namespace camsweep::synth {

inline void be16(std::string& s, std::uint32_t v) {
    s.push_back(static_cast<char>((v >> 8) & 0xff));
    s.push_back(static_cast<char>(v & 0xff));
}
inline void be24(std::string& s, std::uint32_t v) {
    s.push_back(static_cast<char>((v >> 16) & 0xff));
    be16(s, v);
}
inline void be32(std::string& s, std::uint32_t v) {
    be16(s, v >> 16);
    be16(s, v);
}
inline void le16(std::string& s, std::uint32_t v) {
    s.push_back(static_cast<char>(v & 0xff));
    s.push_back(static_cast<char>((v >> 8) & 0xff));
}
inline void le32(std::string& s, std::uint32_t v) {
    le16(s, v);
    le16(s, v >> 16);
}
inline void put_mac(std::string& s, const MacAddress& m) {
    for (auto o : m.octets) s.push_back(static_cast<char>(o));
}
inline void put_ip4(std::string& s, const IpAddress& ip) {
    for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>(ip.octets[static_cast<std::size_t>(i)]));
}

}  // namespace camsweep::synth
