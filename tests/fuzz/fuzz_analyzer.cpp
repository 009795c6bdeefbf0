// libFuzzer target: the whole passive pipeline. Input: the records of a pcap file (after a fixed
// little-endian, microsecond, Ethernet header), read by Analyzer::read_capture with the bundled
// signatures, then classified and judged (finish).
#include <cstring>
#include <vector>

#include "fuzz_common.hpp"
#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/signatures/loader.hpp"

namespace {

// Magic a1b2c3d4 (little-endian), version 2.4, snaplen 262144, link type 1 (Ethernet).
constexpr std::uint8_t kPcapHeader[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                          0, 0, 4, 0, 1, 0, 0, 0};

const camsweep::SignatureDatabase& database() {
    static const camsweep::SignatureLoad load = [] {
        auto l = camsweep::load_signatures(CAMSWEEP_DEFAULT_SIGNATURES);
        if (!l.ok()) std::abort();
        return l;
    }();
    return load.database;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    static fuzz::MemoryFile file;
    static std::vector<std::uint8_t> buffer;
    buffer.assign(kPcapHeader, kPcapHeader + sizeof kPcapHeader);
    buffer.insert(buffer.end(), data, data + size);
    AnalyzerOptions options;
    options.audit_date = Date{2026, 11, 23};
    ReassemblyLimits small;
    small.max_flows = 64;
    options.reassembly = small;
    Analyzer analyzer(database(), options);
    (void)analyzer.read_capture(file.write(buffer.data(), buffer.size()));
    Inventory inventory = analyzer.finish();
    (void)inventory;
    return 0;
}
