// Capture files: pcap in both byte orders and timestamp precisions, pcapng with several
// sections and interfaces (own link types and timestamp resolutions), gzip, and files whose
// lengths lie.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "camsweep/capture/capture_file.hpp"

namespace camsweep {
namespace {

namespace fs = std::filesystem;
using Buf = std::vector<std::uint8_t>;

void le16(Buf& b, std::uint16_t v) {
    b.push_back(static_cast<std::uint8_t>(v));
    b.push_back(static_cast<std::uint8_t>(v >> 8));
}
void le32(Buf& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}
void be32(Buf& b, std::uint32_t v) {
    for (int i = 3; i >= 0; --i) b.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

class CaptureFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("camsweep-capture-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const Buf& bytes) {
        auto path = (dir_ / name).string();
        std::ofstream(path, std::ios::binary).write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        return path;
    }
    std::vector<CaptureRecord> read_all(const std::string& path, std::string& error) {
        std::vector<CaptureRecord> out;
        auto file = CaptureFile::open(path, error);
        if (!file) return out;
        CaptureRecord r;
        while (file->next(r)) {
            out.push_back(r);
            copies_.emplace_back(r.data.begin(), r.data.end());
        }
        error = file->error();
        format_ = file->format();
        return out;
    }
    fs::path dir_;
    std::vector<Buf> copies_;
    std::string format_;
};

Buf pcap_header(bool big_endian, bool nanos, std::uint32_t linktype) {
    Buf b;
    auto put32 = [&](std::uint32_t v) { big_endian ? be32(b, v) : le32(b, v); };
    put32(nanos ? 0xa1b23c4d : 0xa1b2c3d4);
    if (big_endian) {
        b.insert(b.end(), {0, 2, 0, 4});
    } else {
        b.insert(b.end(), {2, 0, 4, 0});
    }
    put32(0);
    put32(0);
    put32(65535);
    put32(linktype);
    return b;
}

void pcap_record(Buf& b, bool big_endian, std::uint32_t sec, std::uint32_t frac, const Buf& data, std::uint32_t caplen_override = 0) {
    auto put32 = [&](std::uint32_t v) { big_endian ? be32(b, v) : le32(b, v); };
    put32(sec);
    put32(frac);
    put32(caplen_override ? caplen_override : static_cast<std::uint32_t>(data.size()));
    put32(static_cast<std::uint32_t>(data.size()));
    b.insert(b.end(), data.begin(), data.end());
}

TEST_F(CaptureFileTest, PcapBigEndianNanoseconds) {
    Buf b = pcap_header(true, true, 1);
    pcap_record(b, true, 1793610000, 500000000, Buf(60, 0xab));
    std::string error;
    auto records = read_all(write("be.pcap", b), error);
    ASSERT_EQ(records.size(), 1u) << error;
    EXPECT_EQ(records[0].link_type, 1);
    EXPECT_DOUBLE_EQ(records[0].time, 1793610000.5);
    EXPECT_EQ(records[0].number, 1u);
    EXPECT_EQ(format_, "pcap");
}

TEST_F(CaptureFileTest, RecordLengthNear4GiBIsRefusedWithItsOffset) {
    Buf b = pcap_header(false, false, 1);
    pcap_record(b, false, 1, 0, Buf(60, 1));
    pcap_record(b, false, 2, 0, Buf(60, 2), 0xfffffff0);
    std::string error;
    auto records = read_all(write("lie.pcap", b), error);
    EXPECT_EQ(records.size(), 1u);  // the good record before the lie is kept
    EXPECT_NE(error.find("record at offset 100 claims 4294967280 bytes"), std::string::npos) << error;
}

TEST_F(CaptureFileTest, TruncatedRecordKeepsWhatCameBefore) {
    Buf b = pcap_header(false, false, 1);
    pcap_record(b, false, 1, 0, Buf(60, 1));
    pcap_record(b, false, 2, 0, Buf(60, 2));
    b.resize(b.size() - 10);
    std::string error;
    auto records = read_all(write("cut.pcap", b), error);
    EXPECT_EQ(records.size(), 1u);
    EXPECT_NE(error.find("truncated: 50 of 60 bytes"), std::string::npos) << error;
}

TEST_F(CaptureFileTest, NotACapture) {
    std::string error;
    EXPECT_EQ(CaptureFile::open(write("text.pcap", Buf{'h', 'e', 'l', 'l', 'o', '\n'}), error), nullptr);
    EXPECT_NE(error.find("unrecognised magic number"), std::string::npos);
    EXPECT_EQ(CaptureFile::open(write("short.pcap", Buf{0xd4, 0xc3}), error), nullptr);
    EXPECT_EQ(CaptureFile::open((dir_ / "missing.pcap").string(), error), nullptr);
    EXPECT_NE(error.find("cannot open"), std::string::npos);
}

// pcapng helpers (little-endian sections unless told otherwise).
void block(Buf& b, std::uint32_t type, const Buf& body, bool big_endian = false) {
    auto put32 = [&](std::uint32_t v) { big_endian ? be32(b, v) : le32(b, v); };
    Buf padded = body;
    while (padded.size() % 4) padded.push_back(0);
    std::uint32_t length = static_cast<std::uint32_t>(12 + padded.size());
    put32(type);
    put32(length);
    b.insert(b.end(), padded.begin(), padded.end());
    put32(length);
}
Buf section_header(bool big_endian = false) {
    Buf body;
    if (big_endian) {
        be32(body, 0x1a2b3c4d);
        body.insert(body.end(), {0, 1, 0, 0});
    } else {
        le32(body, 0x1a2b3c4d);
        body.insert(body.end(), {1, 0, 0, 0});
    }
    for (int i = 0; i < 8; ++i) body.push_back(0xff);  // section length unknown
    Buf b;
    block(b, 0x0a0d0d0a, body, big_endian);
    return b;
}
Buf interface_block(std::uint16_t linktype, int tsresol = -1) {
    Buf body;
    le16(body, linktype);
    le16(body, 0);
    le32(body, 65535);
    if (tsresol >= 0) {
        le16(body, 9);
        le16(body, 1);
        body.insert(body.end(), {static_cast<std::uint8_t>(tsresol), 0, 0, 0});
        le32(body, 0);  // opt_endofopt
    }
    Buf b;
    block(b, 1, body);
    return b;
}
Buf enhanced_packet(std::uint32_t interface, std::uint64_t ts, const Buf& data, std::uint32_t caplen_override = 0) {
    Buf body;
    le32(body, interface);
    le32(body, static_cast<std::uint32_t>(ts >> 32));
    le32(body, static_cast<std::uint32_t>(ts));
    le32(body, caplen_override ? caplen_override : static_cast<std::uint32_t>(data.size()));
    le32(body, static_cast<std::uint32_t>(data.size()));
    body.insert(body.end(), data.begin(), data.end());
    Buf b;
    block(b, 6, body);
    return b;
}

TEST_F(CaptureFileTest, PcapngInterfacesWithOwnLinkTypesAndResolutions) {
    Buf b = section_header();
    for (auto part : {interface_block(1), interface_block(101, 9)}) b.insert(b.end(), part.begin(), part.end());
    Buf unknown;
    block(unknown, 0x00000bad, Buf(20, 7));  // unknown block type: skipped
    b.insert(b.end(), unknown.begin(), unknown.end());
    auto p1 = enhanced_packet(0, 1793610000ULL * 1000000 + 250000, Buf(60, 1));
    auto p2 = enhanced_packet(1, 1793610001ULL * 1000000000 + 500000000, Buf(40, 2));
    b.insert(b.end(), p1.begin(), p1.end());
    b.insert(b.end(), p2.begin(), p2.end());
    Buf spb_body;
    le32(spb_body, 50);
    spb_body.insert(spb_body.end(), 50, 3);
    block(b, 3, spb_body);
    std::string error;
    auto records = read_all(write("multi.pcapng", b), error);
    ASSERT_EQ(records.size(), 3u) << error;
    EXPECT_EQ(records[0].link_type, 1);
    EXPECT_DOUBLE_EQ(records[0].time, 1793610000.25);
    EXPECT_EQ(records[1].link_type, 101);
    EXPECT_DOUBLE_EQ(records[1].time, 1793610001.5);
    EXPECT_EQ(records[2].link_type, 1);  // simple packet blocks belong to interface 0
    EXPECT_EQ(copies_[2].size(), 50u);
    EXPECT_TRUE(error.empty()) << error;
}

TEST_F(CaptureFileTest, PcapngSecondSectionInTheOtherByteOrder) {
    Buf b = section_header();
    auto i0 = interface_block(1);
    auto p0 = enhanced_packet(0, 1, Buf(60, 1));
    b.insert(b.end(), i0.begin(), i0.end());
    b.insert(b.end(), p0.begin(), p0.end());
    Buf big = section_header(true);
    // Interface block in big-endian.
    Buf ib;
    ib.insert(ib.end(), {0, 228, 0, 0});  // link type 228 (IPv4), reserved
    be32(ib, 65535);
    block(big, 1, ib, true);
    Buf eb;
    be32(eb, 0);
    be32(eb, 0);
    be32(eb, 5000000);
    be32(eb, 20);
    be32(eb, 20);
    eb.insert(eb.end(), 20, 0x45);
    block(big, 6, eb, true);
    b.insert(b.end(), big.begin(), big.end());
    std::string error;
    auto records = read_all(write("two.pcapng", b), error);
    ASSERT_EQ(records.size(), 2u) << error;
    EXPECT_EQ(records[1].link_type, 228);
    EXPECT_DOUBLE_EQ(records[1].time, 5.0);
}

TEST_F(CaptureFileTest, PcapngLyingLengths) {
    std::string error;
    {  // captured length beyond its block
        Buf b = section_header();
        auto i0 = interface_block(1);
        auto bad = enhanced_packet(0, 1, Buf(60, 1), 4000);
        b.insert(b.end(), i0.begin(), i0.end());
        b.insert(b.end(), bad.begin(), bad.end());
        auto records = read_all(write("caplen.pcapng", b), error);
        EXPECT_TRUE(records.empty());
        EXPECT_NE(error.find("claims 4000 captured bytes"), std::string::npos) << error;
    }
    {  // a packet naming an interface that does not exist
        Buf b = section_header();
        auto bad = enhanced_packet(3, 1, Buf(60, 1));
        b.insert(b.end(), bad.begin(), bad.end());
        read_all(write("iface.pcapng", b), error);
        EXPECT_NE(error.find("names interface 3 of 0"), std::string::npos) << error;
    }
    {  // block length not a multiple of 4 / huge
        Buf b = section_header();
        le32(b, 6);
        le32(b, 0x7ffffff1);
        auto records = read_all(write("huge.pcapng", b), error);
        EXPECT_NE(error.find("invalid length"), std::string::npos) << error;
    }
    {  // trailing length differs
        Buf b = section_header();
        auto i0 = interface_block(1);
        i0[i0.size() - 1] ^= 0x01;
        b.insert(b.end(), i0.begin(), i0.end());
        read_all(write("trail.pcapng", b), error);
        EXPECT_NE(error.find("trailing length differs"), std::string::npos) << error;
    }
}

TEST_F(CaptureFileTest, GzipCompressedCapture) {
    Buf b = pcap_header(false, false, 1);
    for (int i = 0; i < 100; ++i) pcap_record(b, false, static_cast<std::uint32_t>(i), 0, Buf(100, static_cast<std::uint8_t>(i)));
    auto path = (dir_ / "c.pcap.gz").string();
    gzFile gz = gzopen(path.c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    gzwrite(gz, b.data(), static_cast<unsigned>(b.size()));
    gzclose(gz);
    std::string error;
    auto records = read_all(path, error);
    EXPECT_EQ(records.size(), 100u) << error;
    EXPECT_EQ(format_, "pcap+gzip");
    EXPECT_EQ(copies_[42][0], 42);
}

}  // namespace
}  // namespace camsweep
