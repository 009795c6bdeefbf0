#include "camsweep/capture/capture_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>

#include "camsweep/core/text.hpp"

namespace camsweep {
namespace {

constexpr std::uint32_t kPcapMagicMicro = 0xa1b2c3d4;
constexpr std::uint32_t kPcapMagicNano = 0xa1b23c4d;
constexpr std::uint32_t kPcapngSectionHeader = 0x0a0d0d0a;
constexpr std::uint32_t kPcapngByteOrderMagic = 0x1a2b3c4d;
constexpr std::uint32_t kBlockInterfaceDescription = 1;
constexpr std::uint32_t kBlockObsoletePacket = 2;
constexpr std::uint32_t kBlockSimplePacket = 3;
constexpr std::uint32_t kBlockEnhancedPacket = 6;
constexpr std::size_t kMaxInterfaces = 4096;

std::uint32_t bswap32(std::uint32_t v) {
    return (v >> 24) | ((v >> 8) & 0xff00) | ((v << 8) & 0xff0000) | (v << 24);
}

std::string hex32(std::uint32_t v) { return hex_literal(v, 8); }

}  // namespace

CaptureFile::~CaptureFile() {
    if (gz_) gzclose(static_cast<gzFile>(gz_));
    if (map_) munmap(const_cast<std::uint8_t*>(map_), map_length_);
    if (fd_ >= 0) ::close(fd_);
}

bool CaptureFile::read_exact(void* out, std::size_t n) {
    if (fd_ >= 0 || window_active_) {
        const std::uint8_t* data = nullptr;
        const std::uint64_t before = offset_;
        bool whole = read_view(n, data);
        if (offset_ > before) std::memcpy(out, data, static_cast<std::size_t>(offset_ - before));
        return whole;
    }
    std::size_t done = 0;
    auto* dst = static_cast<char*>(out);
    while (done < n) {
        int got = gzread(static_cast<gzFile>(gz_), dst + done, static_cast<unsigned>(n - done));
        if (got <= 0) break;
        done += static_cast<std::size_t>(got);
    }
    offset_ += done;
    return done == n;
}

bool CaptureFile::fill_window(std::size_t n) {
    std::size_t have = window_end_ - window_begin_;
    if (have >= n) return true;
    // Keep the unread tail, then read as much as fits: zlib reads requests this large straight
    // into the window, so every byte of an uncompressed file is copied once, by the kernel.
    if (have > 0) std::memmove(window_.data(), window_.data() + window_begin_, have);  // an empty window has no buffer yet
    window_begin_ = 0;
    window_end_ = have;
    if (window_.size() < std::max(n, kWindowBytes)) window_.resize(std::max(n, kWindowBytes));
    while (window_end_ < n) {
        int got = gzread(static_cast<gzFile>(gz_), window_.data() + window_end_, static_cast<unsigned>(window_.size() - window_end_));
        if (got <= 0) break;
        window_end_ += static_cast<std::size_t>(got);
    }
    return window_end_ >= n;
}

bool CaptureFile::map_at(std::uint64_t offset, std::size_t n) {
    (void)n;
    if (map_) munmap(const_cast<std::uint8_t*>(map_), map_length_);
    map_ = nullptr;
    map_length_ = 0;
    // The size now: a file that grows while it is read is read to its new end, as read() would.
    struct stat st {};
    if (fstat(fd_, &st) == 0) file_size_ = static_cast<std::uint64_t>(st.st_size);
    map_offset_ = 0;
    if (offset >= file_size_) return false;
    void* p = mmap(nullptr, static_cast<std::size_t>(file_size_), PROT_READ, MAP_SHARED, fd_, 0);
    if (p == MAP_FAILED) return false;
    map_ = static_cast<const std::uint8_t*>(p);
    map_length_ = static_cast<std::size_t>(file_size_);
    madvise(const_cast<std::uint8_t*>(map_), map_length_, MADV_SEQUENTIAL);
    released_until_ = populated_until_ = offset & ~std::uint64_t{4095};
    slide_window();
    return true;
}

// Keeps the pages around the read position in the process and no others: the next ones are
// populated ahead in one call (MADV_POPULATE_READ, where the kernel has it; pages fault in one by
// one otherwise), the ones read are dropped from the process (the page cache keeps them), so
// the resident set stays a few MiB whatever the file's size.
void CaptureFile::slide_window() {
    auto* base = const_cast<std::uint8_t*>(map_);
    const std::uint64_t here = offset_ & ~std::uint64_t{4095};
    if (here > released_until_ + kReleaseBytes) {
        madvise(base + released_until_, static_cast<std::size_t>(here - kMapBytes / 2 - released_until_) & ~std::size_t{4095}, MADV_DONTNEED);
        released_until_ = (here - kMapBytes / 2) & ~std::uint64_t{4095};
    }
    if (populated_until_ < here) populated_until_ = here;
    const std::uint64_t end = std::min<std::uint64_t>(populated_until_ + kMapBytes, map_length_);
    if (end > populated_until_) {
#ifdef MADV_POPULATE_READ
        madvise(base + populated_until_, static_cast<std::size_t>(end - populated_until_), MADV_POPULATE_READ);
#endif
        populated_until_ = end;
    }
}

bool CaptureFile::read_view(std::size_t n, const std::uint8_t*& data) {
    if (fd_ >= 0) {
        if (!map_ || offset_ < map_offset_ || offset_ + n > map_offset_ + map_length_) map_at(offset_, n);
        else if (offset_ + n > populated_until_ || offset_ >= released_until_ + kReleaseBytes + kMapBytes) slide_window();
        std::size_t got = 0;
        if (map_ && offset_ >= map_offset_ && offset_ < map_offset_ + map_length_)
            got = static_cast<std::size_t>(std::min<std::uint64_t>(n, map_offset_ + map_length_ - offset_));
        data = map_ ? map_ + (offset_ - map_offset_) : nullptr;
        offset_ += got;
        return got == n;
    }
    if (!window_active_) {
        buffer_.resize(n);
        data = buffer_.data();
        return read_exact(buffer_.data(), n);
    }
    bool whole = fill_window(n);
    std::size_t got = std::min(n, window_end_ - window_begin_);
    data = window_.data() + window_begin_;
    window_begin_ += got;
    offset_ += got;
    return whole;
}

std::uint64_t CaptureFile::compressed_bytes_read() const {
    if (fd_ >= 0 || window_active_) return offset_;  // uncompressed: the file offset of what was read
    auto off = gzoffset(static_cast<gzFile>(gz_));
    return off < 0 ? offset_ : static_cast<std::uint64_t>(off);
}

bool CaptureFile::fail(const std::string& message) {
    error_ = message;
    return false;
}

std::unique_ptr<CaptureFile> CaptureFile::open(const std::string& path, std::string& error) {
    errno = 0;
    // "-" is standard input (a pipe from tcpdump -w -, zcat, ssh): read through zlib like any pipe.
    int fd = path == "-" ? ::fcntl(STDIN_FILENO, F_DUPFD_CLOEXEC, 0) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        error = std::string("cannot open: ") + std::strerror(errno ? errno : ENOENT);
        return nullptr;
    }
    std::unique_ptr<CaptureFile> file(new CaptureFile);
    file->path_ = path;
    // An uncompressed regular file is mapped, a window at a time, and records are views into the
    // mapping: no byte is copied (docs/performance.md). Anything else (gzip, a pipe) goes through
    // zlib, which reads both; zlib takes a file for gzip when it starts with 1f 8b.
    struct stat st {};
    std::uint8_t gzip_magic[2] = {};
    const bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0;
    if (regular && !(pread(fd, gzip_magic, 2, 0) == 2 && gzip_magic[0] == 0x1f && gzip_magic[1] == 0x8b)) {
        file->fd_ = fd;
        if (!file->map_at(0, 4)) file->fd_ = -1;  // cannot be mapped: read it through zlib
    }
    if (file->fd_ < 0) {
        gzFile gz = gzdopen(fd, "rb");
        if (!gz) {
            ::close(fd);
            error = std::string("cannot open: ") + std::strerror(errno ? errno : ENOMEM);
            return nullptr;
        }
        file->gz_ = gz;
        gzbuffer(gz, 256 * 1024);
    }
    std::uint8_t magic[4];
    if (!file->read_exact(magic, 4)) {
        int err = 0;
        if (file->gz_) gzerror(static_cast<gzFile>(file->gz_), &err);
        error = err == Z_ERRNO ? std::string("cannot read: ") + std::strerror(errno)
                               : "not a pcap or pcapng capture (shorter than 4 bytes)";
        return nullptr;
    }
    bool compressed = file->gz_ && gzdirect(static_cast<gzFile>(file->gz_)) == 0;
    std::uint32_t m = std::uint32_t{magic[0]} | (std::uint32_t{magic[1]} << 8) | (std::uint32_t{magic[2]} << 16) |
                      (std::uint32_t{magic[3]} << 24);
    if (m == kPcapngSectionHeader) {
        file->pcapng_ = true;
        file->format_ = "pcapng";
        std::uint8_t length_bytes[4];
        if (!file->read_exact(length_bytes, 4)) {
            error = "pcapng section header truncated at offset 4";
            return nullptr;
        }
        if (!file->read_section_header(file->u32(length_bytes))) {
            // u32 above used the default order; read_section_header re-reads the length once the
            // byte-order magic is known.
            error = file->error_;
            return nullptr;
        }
    } else if (m == kPcapMagicMicro || m == kPcapMagicNano || bswap32(m) == kPcapMagicMicro || bswap32(m) == kPcapMagicNano) {
        file->swapped_ = m != kPcapMagicMicro && m != kPcapMagicNano;
        file->nanoseconds_ = m == kPcapMagicNano || bswap32(m) == kPcapMagicNano;
        file->format_ = "pcap";
        std::uint8_t header[20];
        if (!file->read_exact(header, 20)) {
            error = "pcap file header truncated (" + std::to_string(file->offset_) + " of 24 bytes)";
            return nullptr;
        }
        file->snaplen_ = file->u32(header + 12);
        file->link_type_ = static_cast<int>(file->u32(header + 16) & 0x0fffffff);  // upper bits: FCS info
    } else {
        error = "not a pcap or pcapng capture (unrecognised magic number " + hex32(m) + ")";
        return nullptr;
    }
    if (compressed) file->format_ += "+gzip";
    // Uncompressed files are read ahead through a window and records are views into it. A
    // compressed stream stays on exact-size reads: zlib drops the output of a read that ends in a
    // data error, so larger reads would lose good records before a corrupt block.
    file->window_active_ = !compressed && file->fd_ < 0;
    return file;
}

// The section header block: byte-order magic, version, section length, options.
bool CaptureFile::read_section_header(std::uint32_t raw_length) {
    std::uint8_t bom[4];
    std::uint64_t block_start = offset_ - 8;
    if (!read_exact(bom, 4)) return fail("pcapng section header truncated at offset " + std::to_string(offset_));
    std::uint32_t order = std::uint32_t{bom[0]} | (std::uint32_t{bom[1]} << 8) | (std::uint32_t{bom[2]} << 16) |
                          (std::uint32_t{bom[3]} << 24);
    if (order == kPcapngByteOrderMagic) swapped_ = false;
    else if (bswap32(order) == kPcapngByteOrderMagic) swapped_ = true;
    else return fail("pcapng byte-order magic " + hex32(order) + " wrong at offset " + std::to_string(offset_ - 4));
    std::uint32_t length = swapped_ ? bswap32(raw_length) : raw_length;
    if (length < 28 || length % 4 != 0 || length > kMaxPcapngBlockBytes)
        return fail("pcapng section header length " + std::to_string(length) + " invalid at offset " + std::to_string(block_start));
    buffer_.resize(length - 12);
    if (!read_exact(buffer_.data(), buffer_.size()))
        return fail("pcapng section header truncated at offset " + std::to_string(offset_));
    interfaces_.clear();  // interface ids are per section
    return true;
}

bool CaptureFile::next(CaptureRecord& record) {
    if (!error_.empty()) return false;
    return pcapng_ ? next_pcapng(record) : next_pcap(record);
}

bool CaptureFile::next_pcap(CaptureRecord& record) {
    const std::uint8_t* header = nullptr;
    std::uint64_t at = offset_;
    // In the mapping with the whole record in it (nearly always): no call, no copy.
    if (map_ && offset_ + 16 <= map_offset_ + map_length_) {
        if (offset_ + kMaxRecordBytes + 16 > populated_until_ && populated_until_ < map_length_) slide_window();
        header = map_ + (offset_ - map_offset_);
        std::uint32_t caplen = u32(header + 8);
        if (caplen <= kMaxRecordBytes && offset_ + 16 + caplen <= map_offset_ + map_length_) {
            offset_ += 16 + caplen;
            return take_pcap_record(header, header + 16, record);
        }
    }
    std::uint8_t header_copy[16];  // read_view's bytes may move when the data is read
    if (!read_exact(header_copy, 16)) {
        if (offset_ == at) return false;  // clean end of file
        return fail("record header truncated at offset " + std::to_string(at));
    }
    std::uint32_t caplen = u32(header_copy + 8);
    if (caplen > kMaxRecordBytes)
        return fail("record at offset " + std::to_string(at) + " claims " + std::to_string(caplen) + " bytes (limit " +
                    std::to_string(kMaxRecordBytes) + ")");
    const std::uint8_t* data = nullptr;
    if (!read_view(caplen, data))
        return fail("record at offset " + std::to_string(at) + " truncated: " + std::to_string(offset_ - at - 16) + " of " +
                    std::to_string(caplen) + " bytes");
    return take_pcap_record(header_copy, data, record);
}

bool CaptureFile::take_pcap_record(const std::uint8_t* header, const std::uint8_t* data, CaptureRecord& record) {
    std::uint32_t sec = u32(header), frac = u32(header + 4), caplen = u32(header + 8), origlen = u32(header + 12);
    record.link_type = link_type_;
    record.time = sec + frac / (nanoseconds_ ? 1e9 : 1e6);
    record.original_length = origlen;
    record.data = Bytes(data, caplen);
    record.number = ++number_;
    // The next record's header and the first bytes of its frame, fetched from memory while this
    // one is decoded: in a mapped file they are read there for the first time.
    if (map_ && offset_ + 128 <= map_offset_ + map_length_) {
        const std::uint8_t* next = map_ + (offset_ - map_offset_);
        __builtin_prefetch(next);
        __builtin_prefetch(next + 64);
        // And the one after: the next header was prefetched a record ago, so its length is near.
        const std::uint64_t after = offset_ + 16 + u32(next + 8);
        if (after + 128 <= map_offset_ + map_length_) {
            __builtin_prefetch(map_ + (after - map_offset_));
            __builtin_prefetch(map_ + (after - map_offset_) + 64);
        }
    }
    return true;
}

bool CaptureFile::next_pcapng(CaptureRecord& record) {
    for (;;) {
        std::uint8_t head[8];
        std::uint64_t at = offset_;
        if (!read_exact(head, 8)) {
            if (offset_ == at) return false;
            return fail("pcapng block header truncated at offset " + std::to_string(at));
        }
        std::uint32_t type_le = std::uint32_t{head[0]} | (std::uint32_t{head[1]} << 8) | (std::uint32_t{head[2]} << 16) |
                                (std::uint32_t{head[3]} << 24);
        if (type_le == kPcapngSectionHeader) {  // a new section, maybe with another byte order
            std::uint32_t raw = std::uint32_t{head[4]} | (std::uint32_t{head[5]} << 8) | (std::uint32_t{head[6]} << 16) |
                                (std::uint32_t{head[7]} << 24);
            if (!read_section_header(raw)) return false;
            continue;
        }
        std::uint32_t type = u32(head), length = u32(head + 4);
        if (length < 12 || length % 4 != 0 || length > kMaxPcapngBlockBytes)
            return fail("pcapng block type " + std::to_string(type) + " at offset " + std::to_string(at) + " has invalid length " +
                        std::to_string(length));
        const std::uint8_t* body = nullptr;
        if (!read_view(length - 8, body))
            return fail("pcapng block at offset " + std::to_string(at) + " truncated: " + std::to_string(offset_ - at) + " of " +
                        std::to_string(length) + " bytes");
        if (u32(body + length - 12) != length)
            return fail("pcapng block at offset " + std::to_string(at) + ": trailing length differs from leading length");
        const std::size_t body_length = length - 12;

        if (type == kBlockInterfaceDescription) {
            if (body_length < 8) return fail("pcapng interface block at offset " + std::to_string(at) + " too short");
            if (interfaces_.size() >= kMaxInterfaces) return fail("more than 4096 interfaces in one pcapng section");
            Interface iface;
            iface.link_type = u16(body);
            // Options: if_tsresol (code 9) sets the timestamp units.
            std::size_t pos = 8;
            while (pos + 4 <= body_length) {
                std::uint16_t code = u16(body + pos), len = u16(body + pos + 2);
                pos += 4;
                if (code == 0 || pos + len > body_length) break;
                if (code == 9 && len >= 1) {
                    std::uint8_t r = body[pos];
                    int exponent = r & 0x7f;
                    if (exponent <= 30) iface.units_per_second = (r & 0x80) ? std::ldexp(1.0, exponent) : std::pow(10.0, exponent);
                }
                pos += (len + 3u) & ~3u;
            }
            interfaces_.push_back(iface);
            continue;
        }
        std::uint32_t interface_id = 0, caplen = 0, origlen = 0;
        std::uint64_t timestamp = 0;
        std::size_t data_offset = 0;
        if (type == kBlockEnhancedPacket || type == kBlockObsoletePacket) {
            if (body_length < 20) return fail("pcapng packet block at offset " + std::to_string(at) + " too short");
            interface_id = type == kBlockEnhancedPacket ? u32(body) : u16(body);
            timestamp = (std::uint64_t{u32(body + 4)} << 32) | u32(body + 8);
            caplen = u32(body + 12);
            origlen = u32(body + 16);
            data_offset = 20;
        } else if (type == kBlockSimplePacket) {
            if (body_length < 4) return fail("pcapng simple packet block at offset " + std::to_string(at) + " too short");
            origlen = u32(body);
            caplen = static_cast<std::uint32_t>(std::min<std::size_t>(origlen, body_length - 4));
            data_offset = 4;
        } else {
            continue;  // name resolution, statistics, custom and unknown blocks: skipped
        }
        if (caplen > body_length - data_offset)
            return fail("pcapng packet block at offset " + std::to_string(at) + " claims " + std::to_string(caplen) +
                        " captured bytes in a " + std::to_string(length) + "-byte block");
        if (interface_id >= interfaces_.size())
            return fail("pcapng packet block at offset " + std::to_string(at) + " names interface " + std::to_string(interface_id) +
                        " of " + std::to_string(interfaces_.size()));
        const Interface& iface = interfaces_[interface_id];
        record.link_type = iface.link_type;
        record.time = static_cast<double>(timestamp) / iface.units_per_second;
        record.original_length = origlen;
        record.data = Bytes(body + data_offset, caplen);
        record.number = ++number_;
        return true;
    }
}

}  // namespace camsweep
