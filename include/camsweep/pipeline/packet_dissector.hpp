#pragma once
// The passive adapter between decoded packets and the protocol registry: it turns a packet
// into the bytes and MessageMeta a protocol's fields_of reads, and the result into an
// Observation. Protocols never see a DecodedPacket.
#include <string>

#include "camsweep/core/observation.hpp"
#include "camsweep/decode/packet.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/pipeline/datagram_memo.hpp"

namespace camsweep {

MessageMeta meta_of(const DecodedPacket& packet, double time);

// The protocol dissect_packet would read the packet with, or nullptr: nothing is read.
const ProtocolDescriptor* packet_claimant(const DecodedPacket& packet, double time);

// The bytes a protocol carried by `carrier` reads from a packet: the frame's payload after the
// EtherType for protocols over Ethernet, the UDP payload otherwise.
Bytes message_of(const DecodedPacket& packet, Carrier carrier);

// Reads the packet with `protocol`, whether or not the protocol would claim it, into `obs` as
// dissect_packet does.
void read_packet(const ProtocolDescriptor& protocol, const DecodedPacket& packet, double time, const std::string& where,
                 Observation& obs, std::string& error);

// Finds the first registered protocol carried by Ethernet or UDP that claims the packet and
// reads it into `obs` (time, origin, endpoint, protocol, tier, fields; `where` as given).
// Returns that protocol, or nullptr when none claims the packet. `error` is "" or what was
// wrong with the message. With a `memo`, a message read before is not parsed again.
const ProtocolDescriptor* dissect_packet(const DecodedPacket& packet, double time, const std::string& where, Observation& obs,
                                         std::string& error, DatagramMemo* memo = nullptr);

}  // namespace camsweep
