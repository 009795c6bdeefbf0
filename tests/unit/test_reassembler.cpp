// TCP stream reassembly: heads split across segments, out-of-order and repeated segments, the
// per-direction cap, FIN as the end of a stream, and the bounded flow table.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "camsweep/stream/reassembler.hpp"
#include "camsweep/synth/frames.hpp"

namespace camsweep {
namespace {

// A stand-in protocol: a direction starting with "HELLO" is read up to the first '\n'.
ParseState line_fields_of(Bytes prefix, const MessageMeta& meta, MessageFields& out) {
    std::string_view text = as_text(prefix);
    auto end = text.find('\n');
    if (end == std::string_view::npos) {
        if (!meta.final) return ParseState::incomplete;
        return out.invalid("no end of line before the stream ended");
    }
    out.add("line.text", std::string(text.substr(0, end)));
    out.add("line.from_client", meta.from_client ? "yes" : "no");
    if (!meta.request.empty()) out.add("line.request", std::string(meta.request));
    return ParseState::complete;
}
bool looks_like_line(Bytes first) { return as_text(first).starts_with("HELLO"); }
const ProtocolDescriptor kLine = {.name = "line", .protocol = "line", .field_prefix = "line", .carrier = Carrier::tcp,
                                  .claim = Claim::content, .ports = {}, .tier = EvidenceTier::banner,
                                  .looks_like = by_content<looks_like_line>, .fields_of = line_fields_of,
                                  .build_request = nullptr, .summary = "test lines"};

struct Harness {
    explicit Harness(ReassemblyLimits limits = {}) : reassembler(limits, {&kLine}) {}

    void segment(const char* src, std::uint16_t sport, const char* dst, std::uint16_t dport, std::uint32_t seq, std::uint8_t flags,
                 std::string_view payload) {
        frames.push_back(synth::ipv4_tcp(synth::ipv4(src), synth::ipv4(dst), sport, dport, seq, 0, flags, payload));
        DecodedPacket packet;
        const auto& f = frames.back();
        ASSERT_EQ(decode_packet(kLinkIpv4, Bytes(f.data(), f.size()), packet), "");
        reassembler.add(packet, 1.0, "test", [&](Observation& obs, const std::string& error) {
            if (!error.empty()) errors.push_back(error);
            if (auto text = obs.get("line.text")) lines.emplace_back(*text);
            if (auto side = obs.get("line.from_client")) sides.emplace_back(*side);
            if (auto request = obs.get("line.request")) requests.emplace_back(*request);
        });
    }

    StreamReassembler reassembler;
    std::vector<synth::Frame> frames;
    std::vector<std::string> lines, sides, errors, requests;
};

constexpr std::uint8_t kSyn = 0x02, kAck = 0x10, kPsh = 0x08, kFin = 0x01;

TEST(Reassembler, HeadSplitAcrossSegmentsIsReadOnce) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 99, kSyn, "");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 100, kAck | kPsh, "HEL");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 103, kAck | kPsh, "LO wor");
    EXPECT_TRUE(h.lines.empty());
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 109, kAck | kPsh, "ld\nand more");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 119, kAck | kPsh, "\nHELLO again\n");
    ASSERT_EQ(h.lines.size(), 1u);
    EXPECT_EQ(h.lines[0], "HELLO world");
    EXPECT_EQ(h.sides[0], "yes");  // the SYN's sender is the client
}

TEST(Reassembler, OutOfOrderAndRetransmittedSegments) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 554, 99, kSyn, "");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 554, 106, kAck, "there\n");  // ahead: waits
    EXPECT_TRUE(h.lines.empty());
    h.segment("10.0.0.1", 40000, "10.0.0.2", 554, 100, kAck, "HEL");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 554, 100, kAck, "HELLO ");  // retransmission, overlaps and fills the gap
    ASSERT_EQ(h.lines.size(), 1u);
    EXPECT_EQ(h.lines[0], "HELLO there");
    EXPECT_EQ(h.reassembler.stats().segments_out_of_order, 1u);
}

TEST(Reassembler, BothDirectionsAreSeparateStreams) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 0, kSyn, "");
    h.segment("10.0.0.2", 80, "10.0.0.1", 40000, 500, kSyn | kAck, "");
    h.segment("10.0.0.2", 80, "10.0.0.1", 40000, 501, kAck, "HELLO from server\n");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 1, kAck, "HELLO from client\n");
    ASSERT_EQ(h.lines.size(), 2u);
    EXPECT_EQ(h.lines[0], "HELLO from server");
    EXPECT_EQ(h.sides[0], "no");
    EXPECT_EQ(h.lines[1], "HELLO from client");
}

// A server's reply is read with the start of the client's first request (MessageMeta::request),
// kept within the byte budget only until the reply is read.
TEST(Reassembler, TheReplyIsReadWithTheRequestItAnswers) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 0, kSyn, "");
    h.segment("10.0.0.2", 80, "10.0.0.1", 40000, 500, kSyn | kAck, "");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 1, kAck, "HELLO asking\n" + std::string(1000, 'q'));
    ASSERT_EQ(h.lines.size(), 1u);
    EXPECT_TRUE(h.requests.empty());  // the client's own message has no request beside it
    EXPECT_EQ(h.reassembler.buffered_bytes(), kRequestHeadBytes);
    h.segment("10.0.0.2", 80, "10.0.0.1", 40000, 501, kAck, "HELLO answering\n");
    ASSERT_EQ(h.requests.size(), 1u);
    EXPECT_EQ(h.requests[0], "HELLO asking\n" + std::string(kRequestHeadBytes - 13, 'q'));
    EXPECT_EQ(h.reassembler.buffered_bytes(), 0u);
    // Without the client's side (a capture that started mid-flow) the reply comes alone.
    Harness mid;
    mid.segment("10.0.0.2", 80, "10.0.0.1", 40001, 900, kAck, "HELLO answering\n");
    ASSERT_EQ(mid.lines.size(), 1u);
    EXPECT_TRUE(mid.requests.empty());
}

TEST(Reassembler, FinEndsAStreamThatNeededMore) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 10, kAck, "HELLO without end");
    EXPECT_TRUE(h.errors.empty());
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 27, kAck | kFin, "");
    ASSERT_EQ(h.errors.size(), 1u);
    EXPECT_NE(h.errors[0].find("no end of line"), std::string::npos);
}

TEST(Reassembler, CapEndsAStreamWithoutGrowingMemory) {
    ReassemblyLimits limits;
    limits.bytes_per_direction = 64;
    Harness h(limits);
    std::uint32_t seq = 1;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, seq, kAck, "HELLO");
    seq += 5;
    for (int i = 0; i < 100; ++i) {
        h.segment("10.0.0.1", 40000, "10.0.0.2", 80, seq, kAck, std::string(1000, 'x'));
        seq += 1000;
    }
    EXPECT_EQ(h.errors.size(), 1u);  // read once at the cap, then finished
    EXPECT_TRUE(h.lines.empty());
}

TEST(Reassembler, NotMyProtocolIsSkipped) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 22, 1, kAck, "SSH-2.0-OpenSSH_9.2\r\n");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 22, 22, kAck, "HELLO\n");  // later data of a skipped stream
    EXPECT_TRUE(h.lines.empty());
    EXPECT_TRUE(h.errors.empty());
}

TEST(Reassembler, FlowTableIsBoundedAndEvictsTheOldest) {
    ReassemblyLimits limits;
    limits.max_flows = 100;
    Harness h(limits);
    for (int i = 0; i < 5000; ++i)
        h.segment("10.0.0.1", static_cast<std::uint16_t>(1024 + i), "10.0.0.2", 80, 1, kAck, "HELLO partial");
    EXPECT_LE(h.reassembler.flow_count(), 100u);
    EXPECT_EQ(h.reassembler.stats().flows_evicted, 4900u);
    // The newest flows are still there and complete.
    h.segment("10.0.0.1", static_cast<std::uint16_t>(1024 + 4999), "10.0.0.2", 80, 14, kAck, " end\n");
    ASSERT_EQ(h.lines.size(), 1u);
    EXPECT_EQ(h.lines[0], "HELLO partial end");
}

TEST(Reassembler, BufferedBytesStayWithinTheGlobalBudget) {
    ReassemblyLimits limits;
    limits.bytes_per_direction = 4096;
    limits.max_buffered_bytes = 64 * 1024;
    Harness h(limits);
    // Many flows that each start a head and never finish it, plus out-of-order segments.
    for (int i = 0; i < 2000; ++i) {
        auto port = static_cast<std::uint16_t>(2000 + i);
        h.segment("10.0.0.1", port, "10.0.0.2", 80, 1, kAck, "HELLO " + std::string(3000, 'x'));
        h.segment("10.0.0.1", port, "10.0.0.2", 80, 5001, kAck, std::string(1000, 'y'));  // a gap: waits
        EXPECT_LE(h.reassembler.buffered_bytes(), limits.max_buffered_bytes);
    }
    EXPECT_GT(h.reassembler.stats().flows_evicted, 1900u);
    // The most recent flow survived and still completes.
    h.segment("10.0.0.1", 3999, "10.0.0.2", 80, 3007, kAck, "\n" + std::string(1994, 'z'));
    ASSERT_EQ(h.lines.size(), 1u);
}

TEST(Reassembler, SequenceNumbersWrapAround) {
    Harness h;
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 0xfffffffd, kAck, "HEL");
    h.segment("10.0.0.1", 40000, "10.0.0.2", 80, 0x00000000, kAck, "LO wrap\n");
    ASSERT_EQ(h.lines.size(), 1u);
    EXPECT_EQ(h.lines[0], "HELLO wrap");
}

}  // namespace
}  // namespace camsweep
