// libFuzzer target: IPv4 reassembly. Input: a sequence of fragments, each a 7-byte header
//   flags (bit 0 more fragments, bits 1-2 datagram id, bit 3 TCP instead of UDP),
//   offset in 8-byte units (16 bits, big-endian, 13 used), length (16 bits, big-endian),
//   seconds since the previous fragment
// followed by that many payload bytes (fewer at the end of the input). A completed datagram is
// decoded as a reassembled transport. Small limits so eviction and timeouts are reached.
#include <vector>

#include "fuzz_common.hpp"
#include "camsweep/decode/defragmenter.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    Ipv4Defragmenter defragmenter(DefragLimits{4, 65535, 30});
    ByteCursor cursor(Bytes(data, size));
    std::vector<std::uint8_t> payload;
    double time = 0;
    std::uint8_t flags = 0, seconds = 0;
    std::uint16_t offset = 0, length = 0;
    while (cursor.u8(flags) && cursor.be16(offset) && cursor.be16(length) && cursor.u8(seconds)) {
        Bytes piece;
        if (!cursor.bytes(std::min<std::size_t>(length, cursor.remaining()), piece)) break;
        DecodedPacket fragment = fuzz::udp_packet({}, 0, 0);
        fragment.transport = Transport::none;
        fragment.ip_protocol = (flags & 8) ? 6 : 17;
        fragment.fragment = true;
        fragment.more_fragments = (flags & 1) != 0;
        fragment.ip_id = static_cast<std::uint16_t>((flags >> 1) & 3);
        fragment.fragment_offset = std::uint32_t{offset & 0x1fffu} * 8;
        fragment.ip_payload = piece;
        time += seconds;
        if (defragmenter.add(fragment, time, payload)) {
            DecodedPacket whole = fragment;
            (void)decode_reassembled_transport(Bytes(payload.data(), payload.size()), whole);
        }
    }
    return 0;
}
