#pragma once
// Bounded reads over untrusted bytes. Every parser reads packets only through this type:
// each read checks the remaining length and fails (returns false) instead of overrunning.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace camsweep {

using Bytes = std::span<const std::uint8_t>;

class ByteCursor {
public:
    explicit ByteCursor(Bytes data) : data_(data) {}

    std::size_t offset() const { return offset_; }
    std::size_t remaining() const { return data_.size() - offset_; }
    bool empty() const { return remaining() == 0; }
    Bytes rest() const { return data_.subspan(offset_); }

    bool skip(std::size_t n) {
        if (n > remaining()) return false;
        offset_ += n;
        return true;
    }
    bool u8(std::uint8_t& out) {
        if (remaining() < 1) return false;
        out = data_[offset_++];
        return true;
    }
    bool be16(std::uint16_t& out) {
        if (remaining() < 2) return false;
        out = static_cast<std::uint16_t>((data_[offset_] << 8) | data_[offset_ + 1]);
        offset_ += 2;
        return true;
    }
    bool be24(std::uint32_t& out) {
        if (remaining() < 3) return false;
        out = (std::uint32_t{data_[offset_]} << 16) | (std::uint32_t{data_[offset_ + 1]} << 8) | std::uint32_t{data_[offset_ + 2]};
        offset_ += 3;
        return true;
    }
    bool be32(std::uint32_t& out) {
        if (remaining() < 4) return false;
        out = (std::uint32_t{data_[offset_]} << 24) | (std::uint32_t{data_[offset_ + 1]} << 16) |
              (std::uint32_t{data_[offset_ + 2]} << 8) | std::uint32_t{data_[offset_ + 3]};
        offset_ += 4;
        return true;
    }
    bool le32(std::uint32_t& out) {
        if (remaining() < 4) return false;
        out = std::uint32_t{data_[offset_]} | (std::uint32_t{data_[offset_ + 1]} << 8) |
              (std::uint32_t{data_[offset_ + 2]} << 16) | (std::uint32_t{data_[offset_ + 3]} << 24);
        offset_ += 4;
        return true;
    }
    bool bytes(std::size_t n, Bytes& out) {
        if (n > remaining()) return false;
        out = data_.subspan(offset_, n);
        offset_ += n;
        return true;
    }

private:
    Bytes data_;
    std::size_t offset_ = 0;
};

inline std::string_view as_text(Bytes bytes) {
    return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}
// The mirror of as_text: text (an HTTP reply, a generated payload) as the bytes parsers take.
inline Bytes as_bytes(std::string_view text) {
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

}  // namespace camsweep
