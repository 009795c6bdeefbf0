#pragma once
// Reading capture files: classic pcap (both byte orders, micro- and nanosecond timestamps) and
// pcapng (several sections and interfaces, each with its own link type and timestamp
// resolution), optionally gzip-compressed. Every length in the file is checked before it is
// used; a record that lies ends the file with an error naming its offset, and what was read
// before stays read.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "camsweep/core/byte_cursor.hpp"

namespace camsweep {

// Larger records are refused: no link type carries more in one frame, and the limit bounds
// memory whatever a file claims.
inline constexpr std::uint32_t kMaxRecordBytes = 256 * 1024;
inline constexpr std::uint32_t kMaxPcapngBlockBytes = 16 * 1024 * 1024;

struct CaptureRecord {
    int link_type = 0;
    double time = 0;            // seconds since the epoch
    std::uint32_t original_length = 0;
    Bytes data;                 // valid until the next call to next()
    std::uint64_t number = 0;   // 1-based frame number in the file
};

class CaptureFile {
public:
    ~CaptureFile();
    CaptureFile(const CaptureFile&) = delete;
    CaptureFile& operator=(const CaptureFile&) = delete;

    // Opens a file ("-": standard input); on failure returns nullptr and sets `error` (e.g. "not
    // a pcap or pcapng capture (unrecognised magic number)").
    static std::unique_ptr<CaptureFile> open(const std::string& path, std::string& error);

    // The next packet record; false at the end of the file or on an error (then error() is set).
    bool next(CaptureRecord& record);
    const std::string& error() const { return error_; }
    const std::string& format() const { return format_; }  // "pcap", "pcapng", with "+gzip"
    std::uint64_t bytes_read() const { return offset_; }     // uncompressed offset
    std::uint64_t compressed_bytes_read() const;            // file offset (for progress)

private:
    CaptureFile() = default;
    bool read_exact(void* out, std::size_t n);  // false at EOF / short read
    // The next `n` bytes without copying them where possible (valid until the next read); false
    // at EOF / short read, the bytes that were there consumed.
    bool read_view(std::size_t n, const std::uint8_t*& data);
    bool fill_window(std::size_t n);
    bool map_at(std::uint64_t offset, std::size_t n);  // maps the file (again) to read [offset, offset + n)
    void slide_window();
    bool next_pcap(CaptureRecord& record);
    bool take_pcap_record(const std::uint8_t* header, const std::uint8_t* data, CaptureRecord& record);
    bool next_pcapng(CaptureRecord& record);
    bool read_section_header(std::uint32_t block_length);
    bool fail(const std::string& message);
    std::uint32_t u32(const std::uint8_t* p) const {  // in the file's byte order
        std::uint32_t v = std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8) | (std::uint32_t{p[2]} << 16) | (std::uint32_t{p[3]} << 24);
        return swapped_ ? __builtin_bswap32(v) : v;
    }
    std::uint16_t u16(const std::uint8_t* p) const {
        std::uint16_t v = static_cast<std::uint16_t>(p[0] | (p[1] << 8));
        return swapped_ ? static_cast<std::uint16_t>((v >> 8) | (v << 8)) : v;
    }

    struct Interface {
        int link_type = 0;
        double units_per_second = 1e6;
    };

    void* gz_ = nullptr;  // gzFile, unless the file is mapped
    // A mapped file: mapped whole, but only a window of pages around the read position is in the
    // process at a time (slide_window), so the resident pages stay a few MiB whatever its size.
    static constexpr std::size_t kMapBytes = 4 * 1024 * 1024;      // populated ahead at a time
    static constexpr std::size_t kReleaseBytes = 16 * 1024 * 1024; // read pages dropped at a time (each drop flushes TLBs)
    int fd_ = -1;  // set when mapped
    const std::uint8_t* map_ = nullptr;
    std::uint64_t map_offset_ = 0, file_size_ = 0;
    std::size_t map_length_ = 0;
    std::uint64_t populated_until_ = 0, released_until_ = 0;
    std::string path_, format_, error_;
    bool pcapng_ = false;
    bool swapped_ = false;  // file byte order differs from little-endian reading
    bool nanoseconds_ = false;
    int link_type_ = 0;
    std::uint32_t snaplen_ = 0;
    std::vector<Interface> interfaces_;
    std::vector<std::uint8_t> buffer_;
    // Read-ahead of an uncompressed stream that cannot be mapped (a pipe): bytes
    // [window_begin_, window_end_) are read, not yet used.
    static constexpr std::size_t kWindowBytes = 2 * 1024 * 1024;
    bool window_active_ = false;
    std::vector<std::uint8_t> window_;
    std::size_t window_begin_ = 0, window_end_ = 0;
    std::uint64_t offset_ = 0;
    std::uint64_t number_ = 0;
};

}  // namespace camsweep
