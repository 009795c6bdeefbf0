#include "camsweep/pipeline/analyzer.hpp"

#include <pcap/pcap.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "camsweep/classify/classifier.hpp"
#include "camsweep/compliance/policy.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/dissect/dissector.hpp"

namespace camsweep {
namespace {

constexpr std::size_t kExcerptBytes = 160;

std::string detect_format(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    unsigned char magic[4] = {};
    in.read(reinterpret_cast<char*>(magic), 4);
    if (in.gcount() < 4) return "unknown";
    if (magic[0] == 0x0a && magic[1] == 0x0d && magic[2] == 0x0d && magic[3] == 0x0a) return "pcapng";
    std::uint32_t m = magic[0] | (magic[1] << 8) | (magic[2] << 16) | (std::uint32_t{magic[3]} << 24);
    if (m == 0xa1b2c3d4 || m == 0xd4c3b2a1 || m == 0xa1b23c4d || m == 0x4d3cb2a1) return "pcap";
    return "unknown";
}

std::string excerpt_of(Bytes payload) {
    std::string_view text = as_text(payload.first(std::min(payload.size(), kExcerptBytes)));
    return std::string(text);
}

}  // namespace

Analyzer::Analyzer(const SignatureDatabase& db, AnalyzerOptions options) : db_(db), options_(std::move(options)) {
    inventory_.audit_date = options_.audit_date;
    inventory_.vendors_as_of = db.vendors_as_of;
    inventory_.listings_as_of = db.listings_as_of;
}

void Analyzer::warn(InputSummary& summary, const std::string& message) {
    (void)summary;
    if (++warnings_this_input_ > options_.max_warnings_per_input) return;
    std::string line = printable(message);
    inventory_.warnings.push_back(line);
    if (options_.on_warning) options_.on_warning(line);
}

void Analyzer::feed_frame(int link_type, Bytes frame, double time, const std::string& where, InputSummary& summary) {
    ++summary.packets;
    summary.bytes += frame.size();
    DecodedPacket packet;
    std::string error = decode_packet(link_type, frame, packet);
    if (!error.empty()) {
        ++summary.malformed;
        warn(summary, where + ": " + error);
        if (packet.ethertype == 0 && packet.transport == Transport::none) return;
    }
    for (const auto& dissector : all_dissectors()) {
        if (!dissector.accepts(packet)) continue;
        Observation obs;
        obs.time = time;
        obs.origin = Origin::passive;
        obs.protocol = std::string(dissector.protocol);
        obs.endpoint = Endpoint{packet.src_mac, packet.src_ip, packet.src_port};
        obs.where = where;
        std::string problem = dissector.dissect(packet, obs);
        if (!problem.empty()) {
            ++summary.malformed;
            warn(summary, where + ": " + std::string(dissector.protocol) + ": " + problem);
        }
        if (obs.fields.size() > kMaxFieldsPerObservation) obs.fields.resize(kMaxFieldsPerObservation);
        if (!obs.fields.empty()) {
            obs.excerpt = excerpt_of(packet.transport == Transport::none ? packet.network : packet.payload);
            ++summary.observations;
            correlator_.add(obs);
        }
        break;
    }
}

InputSummary Analyzer::read_capture(const std::string& path) {
    InputSummary summary;
    summary.path = path;
    warnings_this_input_ = 0;
    std::FILE* probe = std::fopen(path.c_str(), "rb");
    if (!probe) {
        summary.complete = false;
        summary.error = "cannot open: " + std::string(std::strerror(errno));
        inventory_.inputs.push_back(summary);
        return summary;
    }
    std::fclose(probe);
    summary.format = detect_format(path);
    if (summary.format == "unknown") {
        summary.complete = false;
        summary.error = "not a pcap or pcapng capture (unrecognised magic number)";
        inventory_.inputs.push_back(summary);
        return summary;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* handle = pcap_open_offline_with_tstamp_precision(path.c_str(), PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (!handle) {
        summary.complete = false;
        summary.error = std::string("cannot read capture: ") + errbuf;
        inventory_.inputs.push_back(summary);
        return summary;
    }
    int link_type = pcap_datalink(handle);
    summary.link_types.push_back(link_type);
    if (!is_supported_link_type(link_type)) warn(summary, path + ": link type " + std::to_string(link_type) + " is not supported; frames skipped");
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int rc = 0;
    std::uint64_t frame_number = 0;
    while ((rc = pcap_next_ex(handle, &header, &data)) >= 0) {
        if (rc == 0) continue;
        ++frame_number;
        int current_link = pcap_datalink(handle);  // pcapng: interfaces may differ
        if (current_link != link_type) {
            link_type = current_link;
            if (std::find(summary.link_types.begin(), summary.link_types.end(), link_type) == summary.link_types.end())
                summary.link_types.push_back(link_type);
        }
        if (!is_supported_link_type(link_type)) {
            ++summary.packets;
            continue;
        }
        double time = static_cast<double>(header->ts.tv_sec) + static_cast<double>(header->ts.tv_usec) / 1e6;
        feed_frame(link_type, Bytes(data, header->caplen), time, path + ":frame " + std::to_string(frame_number), summary);
    }
    if (warnings_this_input_ > options_.max_warnings_per_input) {
        std::string line = path + ": " + std::to_string(warnings_this_input_ - options_.max_warnings_per_input) +
                           " further warning(s) not shown";
        inventory_.warnings.push_back(line);
        if (options_.on_warning) options_.on_warning(line);
    }
    if (rc == PCAP_ERROR) {
        summary.complete = false;
        summary.error = std::string("capture ends early after frame ") + std::to_string(frame_number) + ": " + pcap_geterr(handle);
    }
    pcap_close(handle);
    inventory_.inputs.push_back(summary);
    return summary;
}

Inventory Analyzer::finish() {
    Inventory out = inventory_;
    out.devices = correlator_.devices();
    classify_and_judge(out.devices, db_, options_.audit_date);
    return out;
}

void classify_and_judge(std::vector<Device>& devices, const SignatureDatabase& db, const Date& audit_date) {
    for (auto& device : devices) {
        classify(device, db);
        device.verdict = judge(device, db, audit_date);
    }
}

}  // namespace camsweep
