// Writes the fuzz targets' seed corpora from the project's golden inputs:
//   make_corpus <source dir> <output dir>
// reads every capture under pcaps/ and pcaps/protocols/ (CaptureFile + decode_packet), the
// HTTP-body fixtures under tests/fixtures/<protocol>/ and the signature database, and writes
// <output dir>/<target>/<hash> files in each target's input format (see the comment at the top
// of each fuzz_<target>.cpp). Each target's directory is emptied first, so the seeds are the
// same on every run.
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "signature_files.hpp"
#include "camsweep/capture/capture_file.hpp"
#include "camsweep/core/byte_writer.hpp"
#include "camsweep/decode/defragmenter.hpp"
#include "camsweep/pipeline/packet_dissector.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/dissect/vendor_discovery.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/synth/payloads.hpp"

namespace fs = std::filesystem;
using namespace camsweep;
using Buffer = std::vector<std::uint8_t>;

namespace {

const char* const kTargets[] = {"capture_file", "decode",          "defragmenter", "reassembler", "protocols",
                                "parsers",      "signature_loader", "rule_matcher", "analyzer",  "scan_replies"};

class CorpusWriter {
public:
    explicit CorpusWriter(fs::path root) : root_(std::move(root)) {
        for (const char* target : kTargets) {
            fs::remove_all(root_ / target);
            fs::create_directories(root_ / target);
        }
    }
    void add(const std::string& target, const Buffer& bytes) {
        std::uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a: the name dedupes equal seeds
        for (std::uint8_t b : bytes) hash = (hash ^ b) * 0x100000001b3ULL;
        char name[17];
        std::snprintf(name, sizeof name, "%016llx", static_cast<unsigned long long>(hash));
        fs::path path = root_ / target / name;
        if (!written_.insert(path.string()).second) return;
        std::ofstream out(path, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        ++counts_[target];
    }
    void add(const std::string& target, Bytes bytes) { add(target, Buffer(bytes.begin(), bytes.end())); }
    void report() const {
        for (const char* target : kTargets) {
            auto it = counts_.find(target);
            std::printf("%-17s %zu seeds\n", target, it == counts_.end() ? std::size_t{0} : it->second);
        }
    }

private:
    fs::path root_;
    std::set<std::string> written_;
    std::map<std::string, std::size_t> counts_;
};

Buffer read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The records of a capture as pcapng: one section, one interface, enhanced packet blocks.
Buffer to_pcapng(const std::vector<CaptureRecord>& records, const std::vector<Buffer>& frames, int link_type) {
    ByteWriter out;
    out.le32(0x0a0d0d0a).le32(28).le32(0x1a2b3c4d);
    out.le16(1).le16(0).le32(0xffffffff).le32(0xffffffff).le32(28);
    out.le32(1).le32(20).le16(static_cast<std::uint16_t>(link_type)).le16(0);
    out.le32(262144).le32(20);
    for (std::size_t i = 0; i < records.size(); ++i) {
        const Buffer& frame = frames[i];
        std::uint32_t padded = static_cast<std::uint32_t>((frame.size() + 3) & ~std::size_t{3});
        std::uint32_t length = 32 + padded;
        auto micros = static_cast<std::uint64_t>(records[i].time * 1e6);
        out.le32(6).le32(length).le32(0);
        out.le32(static_cast<std::uint32_t>(micros >> 32)).le32(static_cast<std::uint32_t>(micros));
        out.le32(static_cast<std::uint32_t>(frame.size())).le32(records[i].original_length);
        out.bytes(frame).zeros(padded - frame.size());
        out.le32(length);
    }
    return out.take();
}

Buffer gzip(const Buffer& data) {
    z_stream z{};
    if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
    Buffer out(deflateBound(&z, static_cast<uLong>(data.size())) + 32);
    z.next_in = const_cast<Bytef*>(data.data());
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = out.data();
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// fuzz_protocols' format: the protocol's registry index, the delivery control byte, the message.
void add_protocol_seed(CorpusWriter& corpus, const ProtocolDescriptor& protocol, std::uint8_t control, Bytes message) {
    const auto protocols = all_protocols();
    const auto index = std::find(protocols.begin(), protocols.end(), &protocol) - protocols.begin();
    Buffer seed{static_cast<std::uint8_t>(index), control};
    seed.insert(seed.end(), message.begin(), message.end());
    corpus.add("protocols", seed);
    // fuzz_parsers' format: a helper index, then bytes; every message seeds every helper (the
    // JSON, XML, DER and name helpers find their shapes inside the envelopes).
    for (std::size_t helper = 0; helper < fuzz::kParserHelperCount; ++helper) {
        Buffer parser_seed{static_cast<std::uint8_t>(helper)};
        parser_seed.insert(parser_seed.end(), message.begin(), message.end());
        corpus.add("parsers", parser_seed);
    }
}

// The datagram and frame seeds: each message under the protocol that claims it, as the
// registry decides (its ports and content tests).
void route_datagram(CorpusWriter& corpus, const DecodedPacket& p) {
    Observation obs;
    std::string error;
    if (const auto* protocol = dissect_packet(p, 0, "seed", obs, error))
        add_protocol_seed(corpus, *protocol, 0, message_of(p, protocol->carrier));
}

struct TcpSegment {
    bool from_server = false;
    std::uint8_t flags = 0;
    std::uint32_t seq = 0;
    Buffer payload;
};

struct TcpFlow {
    std::uint16_t server_port = 0;
    std::vector<TcpSegment> segments;
};

// The in-order bytes of one direction from its first sequence number (retransmissions and
// overlaps dropped, stopping at a gap).
Buffer direction_stream(const TcpFlow& flow, bool from_server) {
    std::map<std::uint32_t, Buffer> pieces;
    std::uint32_t start = 0;
    bool started = false;
    for (const auto& s : flow.segments) {
        if (s.from_server != from_server) continue;
        std::uint32_t seq = s.seq + ((s.flags & 0x02) ? 1 : 0);
        if (!started) { start = seq; started = true; }
        if (s.payload.empty()) continue;
        auto& piece = pieces[seq - start];
        if (piece.size() < s.payload.size()) piece = s.payload;
    }
    Buffer out;
    for (const auto& [offset, bytes] : pieces) {
        if (offset > out.size() || offset > (1u << 30)) break;
        std::size_t skip = out.size() - offset;
        if (skip < bytes.size()) out.insert(out.end(), bytes.begin() + static_cast<std::ptrdiff_t>(skip), bytes.end());
    }
    return out;
}

// fuzz_scan_replies' format: a helper index, then text. Every recorded server reply seeds the
// reply helpers (whole?, body, SOAP?); the text helpers get their seeds in add_scan_text_seeds.
void add_scan_reply_seed(CorpusWriter& corpus, const Buffer& reply) {
    for (std::uint8_t helper : {0, 1, 2}) {
        Buffer seed{helper};
        seed.insert(seed.end(), reply.begin(), reply.end());
        corpus.add("scan_replies", seed);
    }
}

void add_scan_text_seeds(CorpusWriter& corpus) {
    const std::pair<std::uint8_t, std::string_view> seeds[] = {
        {3, "http://192.168.1.64:80/onvif/device_service"},
        {3, "http://[fe80::1]:8080/description.xml?x=1"},
        {4, "192.168.1.0/24"},
        {4, "10.0.0.1-10.0.1.5"},
        {4, "2001:db8::1-2001:db8::ff"},
        {5, "80,443,554,8000-8010"},
        {6, "IP address       HW type     Flags       HW address            Mask     Device\n"
            "192.168.1.64     0x1         0x2         44:19:b6:12:34:56     *        eth0\n"},
    };
    for (const auto& [helper, text] : seeds) {
        Buffer seed{helper};
        seed.insert(seed.end(), text.begin(), text.end());
        corpus.add("scan_replies", seed);
    }
    const std::string dump = synth::netlink_neighbour(*IpAddress::parse("192.168.1.64"), "44:19:b6:12:34:56", 0x02, 2) +
                             synth::netlink_neighbour(*IpAddress::parse("fe80::4619:b6ff:fe12:3456"), "44:19:b6:12:34:56", 0x04, 2) +
                             synth::netlink_end();
    Buffer seed{7};
    seed.insert(seed.end(), dump.begin(), dump.end());
    corpus.add("scan_replies", seed);
}

void route_stream(CorpusWriter& corpus, const Buffer& stream, bool from_client, std::uint16_t server_port) {
    if (stream.empty()) return;
    if (!from_client) add_scan_reply_seed(corpus, stream);
    MessageMeta meta;
    meta.from_client = from_client;
    meta.src_port = from_client ? 49152 : server_port;
    meta.dst_port = from_client ? server_port : 49152;
    const Bytes bytes(stream.data(), stream.size());
    for (const auto* protocol : protocols_carried_by(Carrier::tcp)) {
        if (!protocol->looks_like(meta, bytes)) continue;
        for (std::uint8_t cut : {std::uint8_t{64}, std::uint8_t{127}})
            add_protocol_seed(corpus, *protocol, static_cast<std::uint8_t>((cut << 1) | (from_client ? 1 : 0)), bytes);
        return;
    }
}

// fuzz_reassembler's format: an 8-byte header per segment, then its payload.
void append_reassembler_segment(ByteWriter& seed, int flow_index, std::uint16_t server_port, const TcpSegment& s,
                                std::uint32_t& last_seq) {
    static constexpr std::uint16_t kServerPorts[] = {80, 554, 443, 8000};
    int port_index = 0;
    for (int i = 0; i < 4; ++i) if (kServerPorts[i] == server_port) port_index = i;
    seed.u8(static_cast<std::uint8_t>((s.from_server ? 1 : 0) | ((flow_index & 3) << 1) | (port_index << 3)));
    seed.u8(s.flags);
    const std::uint32_t delta = s.seq - last_seq;
    seed.be32(delta);
    last_seq = s.seq;
    std::size_t n = std::min<std::size_t>(s.payload.size(), 0xffff);
    seed.be16(static_cast<std::uint16_t>(n)).bytes(Bytes(s.payload).first(n));
}

void read_capture(CorpusWriter& corpus, const fs::path& path) {
    Buffer whole = read_file(path);
    corpus.add("capture_file", whole);
    if (whole.size() > 24 && whole[0] == 0xd4 && whole[1] == 0xc3 && whole[2] == 0xb2 && whole[3] == 0xa1 && whole[20] == 1 &&
        whole[21] == 0)
        corpus.add("analyzer", Buffer(whole.begin() + 24, whole.end()));

    std::string error;
    auto capture = CaptureFile::open(path.string(), error);
    if (!capture) {
        std::fprintf(stderr, "make_corpus: %s: %s\n", path.c_str(), error.c_str());
        return;
    }
    std::vector<CaptureRecord> records;
    std::vector<Buffer> frames;
    Ipv4Defragmenter defragmenter;
    Buffer reassembled;
    ByteWriter defrag_seed;
    std::map<std::string, TcpFlow> flows;
    std::vector<std::string> flow_order;
    ByteWriter all_flows;  // every TCP segment of the capture, as captured (flows interleaved)
    std::map<std::string, std::array<std::uint32_t, 2>> all_flows_seq;
    CaptureRecord record;
    int link_type = 0;
    while (capture->next(record)) {
        link_type = record.link_type;
        records.push_back(record);
        frames.emplace_back(record.data.begin(), record.data.end());
        const Buffer& frame = frames.back();
        for (std::size_t i = 0; i < fuzz::kFuzzLinkTypeCount; ++i)
            if (fuzz::kFuzzLinkTypes[i] == record.link_type) {
                Buffer seed{static_cast<std::uint8_t>(i)};
                seed.insert(seed.end(), frame.begin(), frame.end());
                corpus.add("decode", seed);
            }
        DecodedPacket packet;
        decode_packet(record.link_type, Bytes(frame.data(), frame.size()), packet);
        if (packet.fragment) {
            // fuzz_defragmenter's format: all fragments of the capture, 7-byte header each.
            defrag_seed.u8(static_cast<std::uint8_t>((packet.more_fragments ? 1 : 0) | ((packet.ip_id & 3) << 1) |
                                                     (packet.ip_protocol == 6 ? 8 : 0)));
            defrag_seed.be16(static_cast<std::uint16_t>(packet.fragment_offset / 8));
            defrag_seed.be16(static_cast<std::uint16_t>(packet.ip_payload.size()));
            defrag_seed.u8(0);
            defrag_seed.bytes(packet.ip_payload);
            if (!defragmenter.add(packet, record.time, reassembled)) continue;
            if (!decode_reassembled_transport(Bytes(reassembled.data(), reassembled.size()), packet).empty()) continue;
        }
        route_datagram(corpus, packet);
        if (packet.transport == Transport::tcp && packet.src_ip && packet.dst_ip) {
            std::uint16_t server_port = std::min(packet.src_port, packet.dst_port);
            bool from_server = packet.src_port == server_port;
            IpAddress client = from_server ? *packet.dst_ip : *packet.src_ip;
            IpAddress server = from_server ? *packet.src_ip : *packet.dst_ip;
            std::string key = client.to_string() + ":" + std::to_string(from_server ? packet.dst_port : packet.src_port) +
                              ">" + server.to_string() + ":" + std::to_string(server_port);
            auto [it, created] = flows.try_emplace(key);
            if (created) flow_order.push_back(key);
            it->second.server_port = server_port;
            it->second.segments.push_back({from_server, packet.tcp_flags, packet.tcp_seq,
                                           Buffer(packet.payload.begin(), packet.payload.end())});
            const auto index = std::find(flow_order.begin(), flow_order.end(), key) - flow_order.begin();
            append_reassembler_segment(all_flows, static_cast<int>(index), server_port, it->second.segments.back(),
                                       all_flows_seq[key][from_server ? 1 : 0]);
        }
    }
    if (!defrag_seed.empty()) corpus.add("defragmenter", defrag_seed.view());
    if (!records.empty()) {
        Buffer pcapng = to_pcapng(records, frames, link_type);
        corpus.add("capture_file", pcapng);
        corpus.add("capture_file", gzip(pcapng));
        corpus.add("capture_file", gzip(whole));
    }
    // Reassembler seeds: all of the capture's flows interleaved as captured, and each flow alone.
    if (!all_flows.empty()) corpus.add("reassembler", all_flows.view());
    for (std::size_t f = 0; f < flow_order.size(); ++f) {
        const TcpFlow& flow = flows[flow_order[f]];
        ByteWriter seed;
        std::uint32_t last_seq[2] = {0, 0};
        for (const auto& s : flow.segments) append_reassembler_segment(seed, 0, flow.server_port, s, last_seq[s.from_server]);
        corpus.add("reassembler", seed.view());
        route_stream(corpus, direction_stream(flow, false), true, flow.server_port);
        route_stream(corpus, direction_stream(flow, true), false, flow.server_port);
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::fprintf(stderr, "usage: make_corpus <source dir> <output dir>\n");
        return 2;
    }
    const fs::path source = argv[1];
    CorpusWriter corpus(argv[2]);
    add_scan_text_seeds(corpus);

    std::vector<fs::path> captures;
    for (const fs::path& dir : {source / "pcaps", source / "pcaps" / "protocols"})
        for (const auto& entry : fs::directory_iterator(dir))
            if (entry.path().extension() == ".pcap" || entry.path().extension() == ".pcapng") captures.push_back(entry.path());
    std::sort(captures.begin(), captures.end());
    if (captures.empty()) {
        std::fprintf(stderr, "make_corpus: no captures under %s/pcaps\n", source.c_str());
        return 1;
    }
    for (const auto& path : captures) read_capture(corpus, path);

    // HTTP bodies the prober fetches never appear in captures (passive reads heads only): the
    // seeds of each Carrier::http_body protocol are its test fixtures, tests/fixtures/<name>/.
    for (const auto* protocol : protocols_carried_by(Carrier::http_body)) {
        const fs::path dir = source / "tests" / "fixtures" / std::string(protocol->name);
        std::vector<fs::path> bodies;
        if (fs::is_directory(dir))
            for (const auto& entry : fs::directory_iterator(dir))
                if (entry.is_regular_file() && entry.path().filename() != "SOURCES.md") bodies.push_back(entry.path());
        if (bodies.empty()) {
            std::fprintf(stderr, "make_corpus: no fixtures under %s\n", dir.c_str());
            return 1;
        }
        std::sort(bodies.begin(), bodies.end());
        for (const auto& path : bodies) {
            Buffer body = read_file(path);
            add_protocol_seed(corpus, *protocol, 0, Bytes(body.data(), body.size()));
        }
    }

    // Every request builder's message seeds its own protocol (the searches the prober sends; a
    // protocol whose replies no capture holds still starts from its request's shape).
    for (const auto* protocol : all_protocols()) {
        if (!protocol->build_request) continue;
        RequestContext context;
        context.message_id = "6008ad0a-90c4-4f5e-9a61-2f3b1c0e7d44";
        const auto request = protocol->build_request(context);
        add_protocol_seed(corpus, *protocol, 0, Bytes(request.data(), request.size()));
    }

    // Signature files: the selector byte of fuzz_signature_loader, then the file's text.
    const fs::path signatures = source / "signatures";
    auto files = fuzz::signature_files(signatures);
    for (std::size_t i = 0; i < files.size(); ++i) {
        Buffer seed{static_cast<std::uint8_t>(i)};
        Buffer text = read_file(signatures / files[i]);
        seed.insert(seed.end(), text.begin(), text.end());
        corpus.add("signature_loader", seed);
    }

    // Rules: fuzz_rule_matcher's control byte, pattern length and pattern, then each example and
    // counter-example value.
    SignatureLoad load = load_signatures(signatures.string());
    if (!load.ok()) {
        std::fprintf(stderr, "make_corpus: the bundled signatures do not load: %s\n", load.errors.front().c_str());
        return 1;
    }
    for (const Rule& rule : load.database.rules) {
        std::vector<std::string> values;
        for (const auto& example : rule.examples) values.push_back(example.value);
        for (const auto& [value, place] : rule.counter_examples) values.push_back(value);
        if (values.empty()) values.emplace_back();
        for (const auto& value : values) {
            ByteWriter seed;
            seed.u8(static_cast<std::uint8_t>(static_cast<int>(rule.kind) | (rule.case_insensitive ? 4 : 0)));
            std::size_t n = std::min<std::size_t>(rule.pattern.size(), 0xffff);
            seed.be16(static_cast<std::uint16_t>(n)).text(std::string_view(rule.pattern).substr(0, n)).text(value);
            corpus.add("rule_matcher", seed.view());
        }
    }
    corpus.report();
    return 0;
}
