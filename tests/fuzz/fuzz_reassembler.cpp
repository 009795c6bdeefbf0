// libFuzzer target: TCP reassembly with the real stream dissectors (HTTP, RTSP, TLS). Input: a
// sequence of segments, each an 8-byte header
//   direction (bit 0: from the server), flow (bits 1-2: client port), server port (bits 3-4:
//   80, 554, 443, 8000), then TCP flags (the next byte: FIN 0x01, SYN 0x02, RST 0x04, ACK 0x10),
//   sequence delta (32 bits, big-endian, added to the direction's last sequence number, so any
//   distance, 2^31 included, is one mutation away),
//   length (16 bits, big-endian)
// followed by that many payload bytes (fewer at the end of the input); then the capture ends
// (flush). A small flow table and byte cap so eviction and the cap are reached.
#include <cstdint>

#include "fuzz_common.hpp"
#include "camsweep/stream/reassembler.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    ReassemblyLimits limits;
    limits.max_flows = 3;
    limits.bytes_per_direction = 4096;
    limits.max_pending_segments = 4;
    StreamReassembler reassembler(limits);
    std::size_t observations = 0;
    StreamReassembler::Sink sink = [&](Observation& obs, const std::string& error) {
        observations += obs.fields.size() + error.size();
    };
    static constexpr std::uint16_t kServerPorts[] = {80, 554, 443, 8000};
    std::uint32_t seq[4][4][2] = {};  // [flow][server port][direction]
    ByteCursor cursor(Bytes(data, size));
    std::uint8_t select = 0, flags = 0;
    std::uint32_t delta = 0;
    std::uint16_t length = 0;
    double time = 0;
    const std::string where = "fuzz";
    while (cursor.u8(select) && cursor.u8(flags) && cursor.be32(delta) && cursor.be16(length)) {
        Bytes payload;
        if (!cursor.bytes(std::min<std::size_t>(length, cursor.remaining()), payload)) break;
        const int from_server = select & 1;
        const int flow = (select >> 1) & 3;
        const std::uint16_t server_port = kServerPorts[(select >> 3) & 3];
        const std::uint16_t client_port = static_cast<std::uint16_t>(50000 + flow);
        DecodedPacket packet = fuzz::udp_packet(payload, from_server ? server_port : client_port,
                                                from_server ? client_port : server_port);
        packet.dst_ip = IpAddress::v4(0xc0a80101);
        if (from_server) std::swap(packet.src_ip, packet.dst_ip);
        packet.ip_protocol = 6;
        packet.transport = Transport::tcp;
        packet.tcp_flags = flags;
        std::uint32_t& next = seq[flow][(select >> 3) & 3][from_server];
        next += delta;
        packet.tcp_seq = next;
        time += 0.001;
        reassembler.add(packet, time, where, sink);
    }
    reassembler.flush(time, sink);
    return 0;
}
