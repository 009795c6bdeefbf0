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
#include "camsweep/core/byte_writer.hpp"

namespace camsweep {
namespace {

namespace fs = std::filesystem;
using Buf = std::vector<std::uint8_t>;

// Captures are written in either byte order.
ByteWriter& put16(ByteWriter& b, bool big_endian, std::uint16_t v) { return big_endian ? b.be16(v) : b.le16(v); }
ByteWriter& put32(ByteWriter& b, bool big_endian, std::uint32_t v) { return big_endian ? b.be32(v) : b.le32(v); }

class CaptureFileTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("camsweep-capture-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, Bytes bytes) {
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

ByteWriter pcap_header(bool big_endian, bool nanos, std::uint32_t linktype) {
    ByteWriter b;
    put32(b, big_endian, nanos ? 0xa1b23c4d : 0xa1b2c3d4);
    put16(b, big_endian, 2);  // version 2.4
    put16(b, big_endian, 4);
    for (std::uint32_t v : {0u, 0u, 65535u, linktype}) put32(b, big_endian, v);
    return b;
}

void pcap_record(ByteWriter& b, bool big_endian, std::uint32_t sec, std::uint32_t frac, const Buf& data, std::uint32_t caplen_override = 0) {
    put32(b, big_endian, sec);
    put32(b, big_endian, frac);
    put32(b, big_endian, caplen_override ? caplen_override : static_cast<std::uint32_t>(data.size()));
    put32(b, big_endian, static_cast<std::uint32_t>(data.size()));
    b.bytes(data);
}

TEST_F(CaptureFileTest, PcapBigEndianNanoseconds) {
    ByteWriter b = pcap_header(true, true, 1);
    pcap_record(b, true, 1793610000, 500000000, Buf(60, 0xab));
    std::string error;
    auto records = read_all(write("be.pcap", b.view()), error);
    ASSERT_EQ(records.size(), 1u) << error;
    EXPECT_EQ(records[0].link_type, 1);
    EXPECT_DOUBLE_EQ(records[0].time, 1793610000.5);
    EXPECT_EQ(records[0].number, 1u);
    EXPECT_EQ(format_, "pcap");
}

TEST_F(CaptureFileTest, RecordLengthNear4GiBIsRefusedWithItsOffset) {
    ByteWriter b = pcap_header(false, false, 1);
    pcap_record(b, false, 1, 0, Buf(60, 1));
    pcap_record(b, false, 2, 0, Buf(60, 2), 0xfffffff0);
    std::string error;
    auto records = read_all(write("lie.pcap", b.view()), error);
    EXPECT_EQ(records.size(), 1u);  // the good record before the lie is kept
    EXPECT_NE(error.find("record at offset 100 claims 4294967280 bytes"), std::string::npos) << error;
}

TEST_F(CaptureFileTest, TruncatedRecordKeepsWhatCameBefore) {
    ByteWriter b = pcap_header(false, false, 1);
    pcap_record(b, false, 1, 0, Buf(60, 1));
    pcap_record(b, false, 2, 0, Buf(60, 2));
    std::string error;
    auto records = read_all(write("cut.pcap", b.view().first(b.size() - 10)), error);
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
Buf block(std::uint32_t type, Bytes body, bool big_endian = false) {
    const std::size_t padded = (body.size() + 3) / 4 * 4;
    const auto length = static_cast<std::uint32_t>(12 + padded);
    ByteWriter b;
    put32(b, big_endian, type);
    put32(b, big_endian, length);
    b.bytes(body).zeros(padded - body.size());
    put32(b, big_endian, length);
    return b.take();
}
Buf section_header(bool big_endian = false) {
    ByteWriter body;
    put32(body, big_endian, 0x1a2b3c4d);
    put16(body, big_endian, 1);  // version 1.0
    put16(body, big_endian, 0);
    body.be32(0xffffffff).be32(0xffffffff);  // section length unknown
    return block(0x0a0d0d0a, body.view(), big_endian);
}
Buf interface_block(std::uint16_t linktype, int tsresol = -1) {
    ByteWriter body;
    body.le16(linktype).le16(0).le32(65535);
    if (tsresol >= 0) {
        body.le16(9).le16(1).u8(static_cast<std::uint8_t>(tsresol)).zeros(3);
        body.le32(0);  // opt_endofopt
    }
    return block(1, body.view());
}
Buf enhanced_packet(std::uint32_t interface, std::uint64_t ts, const Buf& data, std::uint32_t caplen_override = 0) {
    ByteWriter body;
    body.le32(interface).le32(static_cast<std::uint32_t>(ts >> 32)).le32(static_cast<std::uint32_t>(ts));
    body.le32(caplen_override ? caplen_override : static_cast<std::uint32_t>(data.size()));
    body.le32(static_cast<std::uint32_t>(data.size())).bytes(data);
    return block(6, body.view());
}

TEST_F(CaptureFileTest, PcapngInterfacesWithOwnLinkTypesAndResolutions) {
    ByteWriter b;
    b.bytes(section_header()).bytes(interface_block(1)).bytes(interface_block(101, 9));
    b.bytes(block(0x00000bad, Buf(20, 7)));  // unknown block type: skipped
    b.bytes(enhanced_packet(0, 1793610000ULL * 1000000 + 250000, Buf(60, 1)));
    b.bytes(enhanced_packet(1, 1793610001ULL * 1000000000 + 500000000, Buf(40, 2)));
    ByteWriter spb_body;
    spb_body.le32(50).bytes(Buf(50, 3));
    b.bytes(block(3, spb_body.view()));
    std::string error;
    auto records = read_all(write("multi.pcapng", b.view()), error);
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
    ByteWriter b;
    b.bytes(section_header()).bytes(interface_block(1)).bytes(enhanced_packet(0, 1, Buf(60, 1)));
    b.bytes(section_header(true));
    // Interface block in big-endian.
    ByteWriter ib;
    ib.be16(228).be16(0);  // link type 228 (IPv4), reserved
    ib.be32(65535);
    b.bytes(block(1, ib.view(), true));
    ByteWriter eb;
    eb.be32(0).be32(0).be32(5000000).be32(20).be32(20).bytes(Buf(20, 0x45));
    b.bytes(block(6, eb.view(), true));
    std::string error;
    auto records = read_all(write("two.pcapng", b.view()), error);
    ASSERT_EQ(records.size(), 2u) << error;
    EXPECT_EQ(records[1].link_type, 228);
    EXPECT_DOUBLE_EQ(records[1].time, 5.0);
}

TEST_F(CaptureFileTest, PcapngLyingLengths) {
    std::string error;
    {  // captured length beyond its block
        ByteWriter b;
        b.bytes(section_header()).bytes(interface_block(1)).bytes(enhanced_packet(0, 1, Buf(60, 1), 4000));
        auto records = read_all(write("caplen.pcapng", b.view()), error);
        EXPECT_TRUE(records.empty());
        EXPECT_NE(error.find("claims 4000 captured bytes"), std::string::npos) << error;
    }
    {  // a packet naming an interface that does not exist
        ByteWriter b;
        b.bytes(section_header()).bytes(enhanced_packet(3, 1, Buf(60, 1)));
        read_all(write("iface.pcapng", b.view()), error);
        EXPECT_NE(error.find("names interface 3 of 0"), std::string::npos) << error;
    }
    {  // block length not a multiple of 4 / huge
        ByteWriter b;
        b.bytes(section_header()).le32(6).le32(0x7ffffff1);
        auto records = read_all(write("huge.pcapng", b.view()), error);
        EXPECT_NE(error.find("invalid length"), std::string::npos) << error;
    }
    {  // trailing length differs
        auto i0 = interface_block(1);
        i0[i0.size() - 1] ^= 0x01;
        ByteWriter b;
        b.bytes(section_header()).bytes(i0);
        read_all(write("trail.pcapng", b.view()), error);
        EXPECT_NE(error.find("trailing length differs"), std::string::npos) << error;
    }
}

TEST_F(CaptureFileTest, GzipCompressedCapture) {
    ByteWriter b = pcap_header(false, false, 1);
    for (int i = 0; i < 100; ++i) pcap_record(b, false, static_cast<std::uint32_t>(i), 0, Buf(100, static_cast<std::uint8_t>(i)));
    auto path = (dir_ / "c.pcap.gz").string();
    gzFile gz = gzopen(path.c_str(), "wb");
    ASSERT_NE(gz, nullptr);
    gzwrite(gz, b.view().data(), static_cast<unsigned>(b.size()));
    gzclose(gz);
    std::string error;
    auto records = read_all(path, error);
    EXPECT_EQ(records.size(), 100u) << error;
    EXPECT_EQ(format_, "pcap+gzip");
    EXPECT_EQ(copies_[42][0], 42);
}

}  // namespace
}  // namespace camsweep
