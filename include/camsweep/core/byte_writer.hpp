#pragma once
// Builds messages byte by byte: the mirror of ByteCursor. The request builders of the protocols
// (probes the active prober sends), the capture generator and the tests write wire formats
// only through this type, so every byte order and field width is spelled once.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/core/address.hpp"
#include "camsweep/core/byte_cursor.hpp"

namespace camsweep {

class ByteWriter {
public:
    ByteWriter& u8(std::uint8_t v) {
        bytes_.push_back(v);
        return *this;
    }
    ByteWriter& be16(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v >> 8)).u8(static_cast<std::uint8_t>(v)); }
    ByteWriter& be24(std::uint32_t v) { return u8(static_cast<std::uint8_t>(v >> 16)).be16(static_cast<std::uint16_t>(v)); }
    ByteWriter& be32(std::uint32_t v) { return be16(static_cast<std::uint16_t>(v >> 16)).be16(static_cast<std::uint16_t>(v)); }
    ByteWriter& le16(std::uint16_t v) { return u8(static_cast<std::uint8_t>(v)).u8(static_cast<std::uint8_t>(v >> 8)); }
    ByteWriter& le32(std::uint32_t v) { return le16(static_cast<std::uint16_t>(v)).le16(static_cast<std::uint16_t>(v >> 16)); }
    ByteWriter& bytes(Bytes more) {
        bytes_.insert(bytes_.end(), more.begin(), more.end());
        return *this;
    }
    ByteWriter& text(std::string_view s) {
        bytes_.insert(bytes_.end(), s.begin(), s.end());
        return *this;
    }
    // `s` cut or NUL-padded to exactly `width` bytes (fixed-size string fields).
    ByteWriter& padded(std::string_view s, std::size_t width) {
        text(s.substr(0, width));
        return zeros(width - std::min(width, s.size()));
    }
    ByteWriter& zeros(std::size_t n) {
        bytes_.insert(bytes_.end(), n, 0);
        return *this;
    }
    // Zeros up to `total` bytes in all (nothing when the message is already that long): a minimum
    // frame size, or the offset of the next field in a fixed layout.
    ByteWriter& pad_to(std::size_t total) { return zeros(total - std::min(total, bytes_.size())); }
    ByteWriter& mac(const MacAddress& m) { return bytes(m.octets); }
    ByteWriter& ipv4(const IpAddress& a) { return bytes(Bytes(a.octets.data(), 4)); }
    ByteWriter& ipv6(const IpAddress& a) { return bytes(a.octets); }
    // Overwrites two bytes already written (a length or checksum known only at the end).
    void patch_be16(std::size_t offset, std::uint16_t v) {
        bytes_.at(offset) = static_cast<std::uint8_t>(v >> 8);
        bytes_.at(offset + 1) = static_cast<std::uint8_t>(v);
    }

    std::size_t size() const { return bytes_.size(); }
    bool empty() const { return bytes_.empty(); }
    Bytes view() const { return bytes_; }
    const std::vector<std::uint8_t>& data() const { return bytes_; }
    std::vector<std::uint8_t> take() { return std::move(bytes_); }
    std::string take_string() { return std::string(bytes_.begin(), bytes_.end()); }

private:
    std::vector<std::uint8_t> bytes_;
};

}  // namespace camsweep
