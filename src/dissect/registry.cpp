// The protocol registry: every protocol camsweep reads, in the order they are tried. One line
// per protocol; each descriptor is defined beside its parser in src/dissect/<protocol>.cpp.
#include <algorithm>

#include "camsweep/dissect/protocol.hpp"

#define CAMSWEEP_PROTOCOLS(X) \
    X(arp)                    \
    X(dhcp)                   \
    X(ssdp)                   \
    X(sadp)                   \
    X(dhip)                   \
    X(wsd)                    \
    X(mdns)                   \
    X(llmnr)                  \
    X(nbns)                   \
    X(dns)                    \
    X(dhcpv6)                 \
    X(xiongmai)               \
    X(dahua5050)              \
    X(bosch)                  \
    X(hanwha)                 \
    X(vivotek)                \
    X(sony_ipsetup)           \
    X(sony)                   \
    X(panasonic)              \
    X(ubiquiti)               \
    X(sadp_l2)                \
    X(http)                   \
    X(rtsp)                   \
    X(tls)                    \
    X(onvif)                  \
    X(upnp)                   \
    X(isapi)                  \
    X(hnap)                   \
    X(rpc2)                   \
    X(favicon)

namespace camsweep {
namespace protocols {
#define CAMSWEEP_DECLARE(name) extern const ProtocolDescriptor name;
CAMSWEEP_PROTOCOLS(CAMSWEEP_DECLARE)
#undef CAMSWEEP_DECLARE
}  // namespace protocols

namespace {
#define CAMSWEEP_ADDRESS(name) &protocols::name,
constexpr const ProtocolDescriptor* kProtocols[] = {CAMSWEEP_PROTOCOLS(CAMSWEEP_ADDRESS)};
#undef CAMSWEEP_ADDRESS
}  // namespace

std::span<const ProtocolDescriptor* const> all_protocols() { return kProtocols; }

const ProtocolDescriptor* find_protocol(std::string_view name) {
    for (const auto* p : kProtocols)
        if (p->name == name) return p;
    return nullptr;
}

std::vector<const ProtocolDescriptor*> protocols_carried_by(Carrier carrier) {
    std::vector<const ProtocolDescriptor*> out;
    for (const auto* p : kProtocols)
        if (p->carrier == carrier) out.push_back(p);
    return out;
}

bool ProtocolDescriptor::claims(const MessageMeta& meta, Bytes bytes) const {
    auto on_port = [&] {
        return std::any_of(ports.begin(), ports.end(), [&](std::uint16_t p) {
            return carrier == Carrier::ethernet ? meta.ethertype == p : meta.has_port(p);
        });
    };
    switch (claim) {
        case Claim::port: return on_port();
        case Claim::port_and_content: return on_port() && !bytes.empty() && looks_like(meta, bytes);
        case Claim::content: return !bytes.empty() && looks_like(meta, bytes);
    }
    return false;
}

ParseState read_message(const ProtocolDescriptor& protocol, Bytes message, const MessageMeta& meta, Observation& obs,
                        std::string& error) {
    MessageFields out;
    ParseState state = protocol.fields_of(message, meta, out);
    take_fields(protocol, std::move(out), obs, error);
    return state;
}

void take_fields(const ProtocolDescriptor& protocol, MessageFields&& fields, Observation& obs, std::string& error) {
    obs.protocol = std::string(protocol.protocol);
    obs.tier = protocol.tier;
    obs.fields = std::move(fields.fields);
    if (fields.subject) obs.endpoint = *fields.subject;
    error = std::move(fields.error);
}

}  // namespace camsweep
