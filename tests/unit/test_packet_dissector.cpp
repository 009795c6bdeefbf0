// The passive adapter's shortcuts (pipeline/packet_dissector.cpp): the table of which protocols
// may claim a datagram by its ports, and the memo of repeated datagrams, against the plain walk
// over the registry and a fresh read.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "camsweep/capture/capture_file.hpp"
#include "camsweep/pipeline/datagram_memo.hpp"
#include "unit_helpers.hpp"

namespace camsweep {
namespace {

using namespace camsweep::test;

// What dissect_packet must find: the first registered protocol with the packet's carrier that
// claims it, asked of every protocol in registry order.
const ProtocolDescriptor* first_claimant_in_registry(const DecodedPacket& packet, double time) {
    const bool l2 = packet.transport == Transport::none;
    if (!l2 && packet.transport != Transport::udp) return nullptr;
    const Carrier carrier = l2 ? Carrier::ethernet : Carrier::udp;
    const MessageMeta meta = meta_of(packet, time);
    for (const auto* protocol : all_protocols())
        if (protocol->carrier == carrier && protocol->claims(meta, message_of(packet, carrier))) return protocol;
    return nullptr;
}

// Every frame of every golden capture, decoded (the frames own their bytes).
std::vector<Frame> golden_frames() {
    std::vector<Frame> frames;
    const std::filesystem::path root = std::filesystem::path(CAMSWEEP_SOURCE_DIR) / "pcaps";
    for (const auto& entry : std::filesystem::recursive_directory_iterator(root)) {
        if (entry.path().extension() != ".pcap") continue;
        std::string error;
        auto file = CaptureFile::open(entry.path().string(), error);
        EXPECT_NE(file, nullptr) << entry.path() << ": " << error;
        if (!file) continue;
        CaptureRecord record;
        while (file->next(record)) frames.push_back(decode(record.link_type, Buf(record.data.begin(), record.data.end())));
        EXPECT_EQ(file->error(), "") << entry.path();
    }
    return frames;
}

TEST(PacketDissector, ClaimTableFindsWhatTheRegistryWalkFindsInEveryGoldenCapture) {
    const std::vector<Frame> frames = golden_frames();
    ASSERT_GT(frames.size(), 100u);
    std::set<std::string_view> claimed;
    for (std::size_t i = 0; i < frames.size(); ++i) {
        const DecodedPacket& packet = frames[i].packet;
        const ProtocolDescriptor* expected = first_claimant_in_registry(packet, 1000.0);
        const ProtocolDescriptor* found = packet_claimant(packet, 1000.0);
        EXPECT_EQ(found, expected) << "frame " << i << ": " << (found ? found->name : "none") << " instead of "
                                   << (expected ? expected->name : "none");
        if (found) claimed.insert(found->name);
    }
    // The captures exercise every datagram and frame protocol, the makers' searches included, so
    // each one's ports and content test went through the table.
    for (const auto* protocol : all_protocols()) {
        if (protocol->carrier != Carrier::udp && protocol->carrier != Carrier::ethernet) continue;
        EXPECT_TRUE(claimed.contains(protocol->name)) << protocol->name << " claimed no frame of the golden captures";
    }
}

// Each protocol's own request and a video-like datagram, from and to each of its ports and from a
// port of none: the first claimant is the registry walk's wherever the table has bits set.
TEST(PacketDissector, ClaimTableFindsWhatTheRegistryWalkFindsOnEveryRegisteredPort) {
    const std::string rtp("\x80\x60\x12\x34\x00\x00\x00\x01\x11\x22\x33\x44payload", 20);
    for (const auto* protocol : all_protocols()) {
        if (protocol->carrier != Carrier::udp) continue;
        std::vector<std::string> payloads{rtp, std::string(1, '\0')};
        if (protocol->build_request) {
            const auto request = protocol->build_request(RequestContext{"11111111-2222-3333-4444-555555555555", std::nullopt, 0});
            payloads.emplace_back(request.begin(), request.end());
        }
        std::vector<std::uint16_t> ports(protocol->ports.begin(), protocol->ports.end());
        ports.push_back(40000);
        for (std::uint16_t port : ports)
            for (const auto& payload : payloads)
                for (bool to_port : {true, false}) {
                    const DecodedPacket packet = to_port ? raw_udp_packet(payload, 40001, port) : raw_udp_packet(payload, port, 40001);
                    const ProtocolDescriptor* expected = first_claimant_in_registry(packet, 1000.0);
                    const ProtocolDescriptor* found = packet_claimant(packet, 1000.0);
                    EXPECT_EQ(found, expected) << protocol->name << " port " << port << (to_port ? " (to)" : " (from)") << ": "
                                               << (found ? found->name : "none") << " instead of " << (expected ? expected->name : "none");
                }
    }
}

TEST(PacketDissector, MemoAnswersAsAFreshReadOfTheSameDatagram) {
    const std::vector<Frame> frames = golden_frames();
    DatagramMemo memo;
    std::size_t read = 0;
    for (int pass = 0; pass < 3; ++pass)
        for (const auto& frame : frames) {
            Observation fresh, remembered;
            std::string fresh_error, remembered_error;
            const ProtocolDescriptor* a = dissect_packet(frame.packet, 1000.0 + pass, "x", fresh, fresh_error);
            const ProtocolDescriptor* b = dissect_packet(frame.packet, 1000.0 + pass, "x", remembered, remembered_error, &memo);
            ASSERT_EQ(a, b);
            if (!a) continue;
            ++read;
            EXPECT_EQ(remembered_error, fresh_error) << a->name;
            EXPECT_EQ(remembered.protocol, fresh.protocol);
            EXPECT_EQ(remembered.time, fresh.time);
            EXPECT_EQ(remembered.endpoint.mac, fresh.endpoint.mac) << a->name;
            EXPECT_EQ(remembered.endpoint.ip, fresh.endpoint.ip) << a->name;
            EXPECT_EQ(remembered.endpoint.port, fresh.endpoint.port) << a->name;
            EXPECT_EQ(remembered.excerpt, fresh.excerpt) << a->name;
            ASSERT_EQ(remembered.fields.size(), fresh.fields.size()) << a->name;
            for (std::size_t i = 0; i < fresh.fields.size(); ++i) {
                EXPECT_EQ(remembered.fields[i].key, fresh.fields[i].key) << a->name;
                EXPECT_EQ(remembered.fields[i].value, fresh.fields[i].value) << a->name;
            }
        }
    EXPECT_GT(read, 0u);
    EXPECT_GT(memo.hits(), 0u);  // the second and third passes repeat every datagram
}

}  // namespace
}  // namespace camsweep
