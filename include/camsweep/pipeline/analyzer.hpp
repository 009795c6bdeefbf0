#pragma once
// The passive pipeline over capture files and live sources: read -> decode -> dissect, and the
// observations go to an InventoryBuilder (correlate, classify, judge).
#include <atomic>
#include <functional>
#include <mutex>
#include <utility>
#include <vector>
#include <string>

#include "camsweep/capture/live_capture.hpp"
#include "camsweep/core/byte_cursor.hpp"
#include "camsweep/decode/defragmenter.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/pipeline/datagram_memo.hpp"
#include "camsweep/pipeline/frame_queue.hpp"
#include "camsweep/stream/reassembler.hpp"
#include "camsweep/inventory/inventory.hpp"
#include "camsweep/signatures/database.hpp"

namespace camsweep {

struct ReadProgress {
    std::string path;
    std::uint64_t file_bytes = 0;   // size on disk (0 if unknown)
    std::uint64_t bytes_done = 0;   // position in the file on disk
    std::uint64_t packets = 0;
};

// The callbacks are called one at a time and in frame order, but while read_capture runs they
// are called from the thread it reads with (not the caller's).
struct AnalyzerOptions {
    Date audit_date;
    std::size_t max_warnings_per_input = 20;  // further ones are counted, not printed
    std::function<void(const std::string&)> on_warning;  // called once per warning line
    std::function<void(const ReadProgress&)> on_progress;  // called every few thousand packets
    // Device events of the InventoryBuilder (created, merged, changed, evicted), as they happen.
    std::function<void(const DeviceEvent&)> on_device_event;
    std::function<void(const Observation&)> on_observation;  // every observation, before it is correlated
    // Asked every few thousand packets; true stops reading the current input, which then counts
    // as incomplete.
    std::function<bool()> should_stop;
    ReassemblyLimits reassembly;
    // Devices held at once; beyond it the least important are evicted (Correlator::evict,
    // docs/robustness.md). 0 = Correlator::kDefaultMaxDevices.
    std::size_t max_devices = Correlator::kDefaultMaxDevices;
    // Compute each capture file's SHA-256 (on another thread, while it is read) for the reports
    // that show it; standard input is never hashed.
    bool hash_inputs = false;
    // The signature database is filled by the caller while captures are read (run_analyze): a
    // full device table needs it to judge what it keeps, and waits for it here.
    std::function<bool()> database_ready;
};

// When read_live stops: whichever comes first.
struct LiveReadOptions {
    std::string name;          // the input's name ("live:eth0"); warnings say "<name>:frame N"
    double duration = 0;       // seconds of wall-clock time; 0 = no limit
    std::uint64_t count = 0;   // packets; 0 = no limit
    // Set from elsewhere (a signal handler) to end the capture; read between frames and at every
    // poll interval of the source, so it takes effect within one interval.
    const std::atomic<bool>* stop = nullptr;
};

class Analyzer {
public:
    // `db` is read by finish() only (to classify and judge): a caller may fill it while the
    // captures are read, as run_analyze does from another thread.
    Analyzer(const SignatureDatabase& db, AnalyzerOptions options);

    // Reads one capture file (pcap or pcapng). Never throws; problems land in the summary and
    // the warnings, and everything read before a problem is kept. Two threads: this one reads
    // and decodes every frame, a second one feeds the frames something reads to feed_frame().
    InputSummary read_capture(const std::string& path);
    // Reads a live source (format "live") until `options` end it or the source fails. Never
    // throws; a failure ends the input as incomplete (summary.error is the source's error) and
    // everything read before it is kept, as is everything read before a stop.
    InputSummary read_live(LiveSource& source, const LiveReadOptions& options);
    // A summary for a source that is neither a file nor a LiveSource; feed_frame() updates it.
    InputSummary& begin_input(const std::string& name, const std::string& format);
    // Feeds one frame (the entry point of both readers, and of tests).
    void feed_frame(int link_type, Bytes frame, double time, const std::string& where, InputSummary& summary);

    // Observations made elsewhere (the prober, in `camsweep survey`) join the same inventory:
    // post() may be called from any thread; read_live adds them between frames and finish()
    // adds the rest, so the InventoryBuilder is only ever used by one thread. `input` is the
    // index in the inventory's inputs (begin_input) they count in.
    void post(Observation obs, std::size_t input);
    // The same from the analyzer's own thread (`camsweep scan`): added at once.
    void add(Observation& obs, std::size_t input);

    // Classifies and judges the devices seen so far (the analyzer can go on reading).
    Inventory finish();

    const StreamReassembler& reassembler() const { return reassembler_; }

private:
    static bool frame_is_read(int link_type, Bytes frame, double time);
    void consume_frames(FrameQueue& queue, const std::string& path, InputSummary& summary, ReadProgress& progress,
                        std::uint64_t& stopped_after);
    void warn(InputSummary& summary, const std::string& message);
    void observe(Observation& obs, InputSummary& summary);
    void add_posted();

    const SignatureDatabase& db_;
    AnalyzerOptions options_;
    InventoryBuilder builder_;
    StreamReassembler reassembler_;
    Ipv4Defragmenter defragmenter_;
    DatagramMemo memo_;  // datagrams devices repeat are parsed once
    std::vector<std::uint8_t> reassembled_;  // the last datagram the defragmenter completed
    Inventory inventory_;
    std::size_t warnings_this_input_ = 0;
    double last_time_ = 0;
    std::mutex posted_mutex_;
    std::vector<std::pair<Observation, std::size_t>> posted_;
    std::atomic<bool> has_posted_{false};  // read per frame without the lock
};

}  // namespace camsweep
