#pragma once
// Errors are values on the hot path: a parse either yields a value or says what was wrong
// (the field and offset); callers add the place (file, frame).
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

namespace camsweep {

// The one parse state of every parser that may see a message before it is whole (TCP streams):
// `complete` read all there is to read, `incomplete` needs more bytes, `invalid` cannot be this
// protocol (the error says where). Value-initialised it is `complete`.
enum class ParseState : std::uint8_t { complete, incomplete, invalid };

template <typename T>
class Parsed {
public:
    Parsed(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose
    static Parsed failure(std::string why) {
        Parsed p;
        p.error_ = std::move(why);
        return p;
    }
    explicit operator bool() const { return value_.has_value(); }
    const T& operator*() const { return *value_; }
    T& operator*() { return *value_; }
    const T* operator->() const { return &*value_; }
    const std::string& error() const { return error_; }

private:
    Parsed() = default;
    std::optional<T> value_;
    std::string error_;
};

}  // namespace camsweep
