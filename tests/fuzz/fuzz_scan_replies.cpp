// libFuzzer target: what the prober does with bytes it did not choose. A device's reply (is it
// whole, its de-chunked body, is it SOAP), an announced URL it may follow, and the text it reads
// from the user and the kernel (targets, port lists, /proc/net/arp, a netlink neighbour dump). Byte 0 picks the helper,
// the rest is its input.
#include "fuzz_common.hpp"
#include "camsweep/scan/neighbours.hpp"
#include "camsweep/scan/requests.hpp"
#include "camsweep/scan/scope.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    if (size < 1) return 0;
    const std::string_view text = fuzz::text_of(data + 1, size - 1);
    switch (data[0] % fuzz::kScanHelperCount) {
        case 0: (void)scan::reply_complete(scan::ReplyKind::message, text); break;
        case 1: (void)scan::reply_complete(scan::ReplyKind::tls, text); break;
        case 2: {
            const MessageHead head = parse_message_head(text);
            (void)scan::message_body(head, text, 4096);
            (void)scan::looks_like_soap(head, text);
            break;
        }
        case 3: (void)scan::parse_http_url(text); break;
        case 4: (void)scan::parse_target(text); break;
        case 5: (void)scan::parse_port_list(text); break;
        case 6: (void)scan::parse_proc_net_arp(text, 64); break;
        default: {
            scan::NeighbourDump dump;
            scan::parse_neighbour_messages(std::span(data + 1, size - 1), dump, 64);
            break;
        }
    }
    return 0;
}
