// libFuzzer target: link/network/transport decoding. Input: one byte choosing the link type
// (kFuzzLinkTypes, including an unsupported one), then the frame. A fragment's IP payload is
// also decoded as a reassembled datagram.
#include "fuzz_common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size == 0) return 0;
    int link_type = fuzz::kFuzzLinkTypes[data[0] % fuzz::kFuzzLinkTypeCount];
    DecodedPacket packet;
    std::string error = decode_packet(link_type, Bytes(data + 1, size - 1), packet);
    (void)is_supported_link_type(link_type);
    if (packet.fragment) {
        DecodedPacket whole = packet;
        (void)decode_reassembled_transport(packet.ip_payload, whole);
    }
    return 0;
}
