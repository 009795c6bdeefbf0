#pragma once
// The passive pipeline over capture files: read -> decode -> dissect -> correlate, then
// classify and judge every device.
#include <functional>
#include <string>

#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/inventory/correlator.hpp"
#include "camsweep/pipeline/inventory.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

struct AnalyzerOptions {
    Date audit_date;
    std::size_t max_warnings_per_input = 20;  // further ones are counted, not printed
    std::function<void(const std::string&)> on_warning;  // called once per warning line
};

class Analyzer {
public:
    Analyzer(const SignatureDatabase& db, AnalyzerOptions options);

    // Reads one capture file (pcap or pcapng). Never throws; problems land in the summary and
    // the warnings, and everything read before a problem is kept.
    InputSummary read_capture(const std::string& path);
    // Feeds one frame (also the entry point for live capture and tests).
    void feed_frame(int link_type, Bytes frame, double time, const std::string& where, InputSummary& summary);

    // Classifies and judges the devices seen so far.
    Inventory finish();

private:
    void warn(InputSummary& summary, const std::string& message);

    const SignatureDatabase& db_;
    AnalyzerOptions options_;
    Correlator correlator_;
    Inventory inventory_;
    std::size_t warnings_this_input_ = 0;
};

// Classifies and judges devices that came from any source.
void classify_and_judge(std::vector<Device>& devices, const SignatureDatabase& db, const Date& audit_date);

}  // namespace camsweep
