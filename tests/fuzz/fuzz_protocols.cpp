// libFuzzer target: every registered protocol (dissect/protocol.hpp), one target for all, as
// Suricata does. Input: byte 0 picks the protocol (its index in the registry, modulo the count),
// byte 1 controls the message's delivery (see fuzz::deliver), the rest is the message. A new
// protocol is fuzzed as soon as it is registered; make_corpus seeds it from the captures.
#include "fuzz_common.hpp"
#include "camsweep/dissect/protocol.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size < 2) return 0;
    const auto protocols = all_protocols();
    const ProtocolDescriptor& protocol = *protocols[data[0] % protocols.size()];
    fuzz::deliver(protocol, data[1], Bytes(data + 2, size - 2));
    return 0;
}
