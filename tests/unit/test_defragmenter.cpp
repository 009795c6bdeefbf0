// IPv4 reassembly: in order, out of order, duplicates, bounded state.
#include <gtest/gtest.h>

#include <string>

#include "camsweep/decode/defragmenter.hpp"
#include "camsweep/synth/frames.hpp"

namespace camsweep {
namespace {

std::vector<DecodedPacket> decode_all(const std::vector<synth::Frame>& frames) {
    std::vector<DecodedPacket> out;
    for (const auto& f : frames) {
        DecodedPacket p;
        EXPECT_EQ(decode_packet(kLinkIpv4, Bytes(f.data(), f.size()), p), "");
        out.push_back(p);
    }
    return out;
}

TEST(Defragmenter, ReassemblesOutOfOrderAndRepeatedFragments) {
    std::string payload(4000, 'x');
    for (std::size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>('a' + i % 26);
    auto frames = synth::ipv4_udp_fragments(synth::ipv4("10.0.0.5"), synth::ipv4("239.255.255.250"), 37020, 37020, payload, 77);
    ASSERT_EQ(frames.size(), 3u);
    auto packets = decode_all(frames);
    for (const auto& p : packets) EXPECT_TRUE(p.fragment);
    Ipv4Defragmenter defrag;
    std::vector<std::uint8_t> out;
    EXPECT_FALSE(defrag.add(packets[2], 1.0, out));
    EXPECT_FALSE(defrag.add(packets[0], 1.0, out));
    EXPECT_FALSE(defrag.add(packets[0], 1.0, out));  // a repeat changes nothing
    ASSERT_TRUE(defrag.add(packets[1], 1.0, out));
    EXPECT_EQ(defrag.pending(), 0u);
    DecodedPacket whole = packets[0];
    ASSERT_EQ(decode_reassembled_transport(Bytes(out.data(), out.size()), whole), "");
    EXPECT_EQ(whole.transport, Transport::udp);
    EXPECT_EQ(whole.dst_port, 37020);
    EXPECT_EQ(as_text(whole.payload), payload);
}

TEST(Defragmenter, BoundedNumberOfDatagramsInProgress) {
    DefragLimits limits;
    limits.max_datagrams = 16;
    Ipv4Defragmenter defrag(limits);
    std::vector<std::uint8_t> out;
    std::string payload(3000, 'y');
    for (std::uint16_t id = 0; id < 1000; ++id) {
        auto frames = synth::ipv4_udp_fragments(synth::ipv4("10.0.0.5"), synth::ipv4("10.0.0.6"), 1, 2, payload, id);
        frames.resize(1);  // only the first fragment ever arrives
        auto packets = decode_all(frames);  // the packets point into `frames`: keep it alive
        defrag.add(packets[0], id, out);
        EXPECT_LE(defrag.pending(), 16u);
    }
    EXPECT_GE(defrag.dropped(), 984u);
}

TEST(Defragmenter, OffsetsBeyond64KiBAreRefused) {
    auto frames = synth::ipv4_udp_fragments(synth::ipv4("10.0.0.5"), synth::ipv4("10.0.0.6"), 1, 2, std::string(3000, 'z'), 9);
    auto packets = decode_all(frames);
    packets[1].fragment_offset = 65528;  // + 1480 bytes runs past 64 KiB
    Ipv4Defragmenter defrag;
    std::vector<std::uint8_t> out;
    EXPECT_FALSE(defrag.add(packets[1], 0, out));
    EXPECT_EQ(defrag.pending(), 0u);
    EXPECT_EQ(defrag.dropped(), 1u);
}

TEST(Defragmenter, ExpiredDatagramsAreDropped) {
    DefragLimits limits;
    limits.max_datagrams = 1;
    limits.timeout_seconds = 5;
    Ipv4Defragmenter defrag(limits);
    std::vector<std::uint8_t> out;
    auto frames_a = synth::ipv4_udp_fragments(synth::ipv4("10.0.0.5"), synth::ipv4("10.0.0.6"), 1, 2, std::string(3000, 'a'), 1);
    auto frames_b = synth::ipv4_udp_fragments(synth::ipv4("10.0.0.5"), synth::ipv4("10.0.0.6"), 1, 2, std::string(2000, 'b'), 2);
    auto a = decode_all(frames_a);
    auto b = decode_all(frames_b);
    defrag.add(a[0], 0, out);
    ASSERT_TRUE(defrag.add(b[0], 10, out) == false);
    ASSERT_TRUE(defrag.add(b[1], 10, out));  // b completes although the table held only one slot
    EXPECT_EQ(out.size(), 2008u);
}

}  // namespace
}  // namespace camsweep
