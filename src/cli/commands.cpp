#include "commands.hpp"

#include <signal.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <ctime>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <mutex>
#include <thread>

#include "camsweep/capture/live_capture.hpp"
#include "camsweep/compliance/policy.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/report/cyclonedx.hpp"
#include "camsweep/report/diff.hpp"
#include "camsweep/report/html.hpp"
#include "camsweep/report/notices.hpp"
#include "camsweep/report/observation_log.hpp"
#include "camsweep/dissect/protocol.hpp"
#include "camsweep/report/writers.hpp"
#include "camsweep/scan/interfaces.hpp"
#include "camsweep/scan/local_interfaces.hpp"
#include "camsweep/scan/neighbours.hpp"
#include "camsweep/scan/prober.hpp"
#include "camsweep/scan/scope.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/signatures/matcher.hpp"

namespace camsweep::cli {

// The signature database: --signatures, else CAMSWEEP_SIGNATURES, else the one installed with
// the binary (PREFIX/bin/camsweep → PREFIX/share/camsweep/signatures, wherever PREFIX was moved),
// else the source tree's for a binary run from its build tree.
std::string signatures_directory(const CommonOptions& common) {
    if (!common.signatures.empty()) return common.signatures;
    if (const char* env = std::getenv("CAMSWEEP_SIGNATURES"); env && *env) return env;
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    if (!error) {
        const std::filesystem::path installed = self.parent_path().parent_path() / "share" / "camsweep" / "signatures";
        if (std::filesystem::is_directory(installed, error)) return installed.string();
    }
    return CAMSWEEP_DEFAULT_SIGNATURES;
}

bool write_to(const std::string& path, const std::function<void(std::ostream&)>& write) {
    std::ofstream file(path, std::ios::binary);
    if (file) write(file);
    if (!file) {
        std::cerr << "camsweep: " << path << ": cannot write: " << std::strerror(errno) << '\n';
        return false;
    }
    return true;
}

namespace {

Date today_utc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

}  // namespace

std::optional<SignatureLoad> load_or_report(const CommonOptions& common) {
    SignatureLoad load = load_signatures(signatures_directory(common));
    for (const auto& w : load.warnings)
        if (common.verbosity >= 1) std::cerr << "camsweep: warning: " << w << '\n';
    if (load.ok()) return load;
    for (const auto& e : load.errors) std::cerr << e << '\n';
    std::cerr << "camsweep: the signature database has " << load.errors.size() << " error(s); run 'camsweep signatures lint'\n";
    return std::nullopt;
}

std::optional<Date> audit_date_of(const std::string& text) {
    if (text.empty()) return today_utc();
    auto parsed = Date::parse(text);
    if (!parsed) std::cerr << "camsweep: --audit-date '" << printable(text) << "' is not a date YYYY-MM-DD\n";
    return parsed;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string human_bytes(double bytes) {
    const char* units[] = {"B", "kB", "MB", "GB", "TB"};
    int u = 0;
    while (bytes >= 1000 && u < 4) {
        bytes /= 1000;
        ++u;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
    return buf;
}

// A one-line progress bar on a terminal: file, percentage, bytes and packets per second.
class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
    void update(const ReadProgress& p) {
        if (!enabled_) return;
        double elapsed = seconds_since(start_);
        if (elapsed - last_draw_ < 0.2 && p.bytes_done < p.file_bytes) return;
        last_draw_ = elapsed;
        double fraction = p.file_bytes ? std::min(1.0, static_cast<double>(p.bytes_done) / static_cast<double>(p.file_bytes)) : 0;
        int filled = static_cast<int>(fraction * 24);
        char line[160];
        std::snprintf(line, sizeof line, "\r[%s%s] %3.0f%% %s  %.0f pkt/s  ", std::string(filled, '#').c_str(),
                      std::string(24 - filled, '.').c_str(), fraction * 100, human_bytes(static_cast<double>(p.bytes_done)).c_str(),
                      elapsed > 0 ? static_cast<double>(p.packets) / elapsed : 0.0);
        std::cerr << line << std::flush;
        drawn_ = true;
    }
    void clear() {
        if (drawn_) std::cerr << "\r" << std::string(78, ' ') << "\r" << std::flush;
        drawn_ = false;
    }

private:
    bool enabled_;
    bool drawn_ = false;
    double last_draw_ = -1;
    std::chrono::steady_clock::time_point start_;
};

// The width the table fits on standard output: COLUMNS when set (as shells export it), else the
// terminal's, else the full layout (a pipe or a file gets every column).
int terminal_width() {
    if (const char* columns = std::getenv("COLUMNS")) {
        char* end = nullptr;
        const long value = std::strtol(columns, &end, 10);
        if (end != columns && *end == '\0' && value >= 20 && value <= 1000) return static_cast<int>(value);
    }
    winsize size{};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
    return TableOptions{}.width;
}

int write_report(const CommonOptions& common, const AnalyzeOptions& options, Inventory& inventory, const SignatureDatabase& db) {
    inventory.title = options.title;
    inventory.site = options.site;
    // The table on a terminal says it in its footer; every other output also says it here, where
    // the auditor running the command reads it (CSV has no place for it).
    const bool table_on_screen = options.format == "table" && (options.output.empty() || options.output == "-");
    if (common.verbosity >= 1 && !table_on_screen)
        for (const auto& notice : report_notices(inventory))
            if (notice.kind == NoticeKind::stale_listings) std::cerr << "camsweep: warning: " << notice.text << '\n';
    auto write = [&](std::ostream& out) {
        if (options.format == "json") {
            write_json(out, inventory, db);
        } else if (options.format == "csv") {
            write_csv(out, inventory, db);
        } else if (options.format == "html") {
            write_html(out, inventory, db);
        } else if (options.format == "cyclonedx") {
            write_cyclonedx(out, inventory, db);
        } else {
            TableOptions table;
            table.verbosity = common.verbosity;
            if (&out == &std::cout) table.width = terminal_width();
            table.color = common.color && &out == &std::cout && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
            write_table(out, inventory, db, table);
        }
        out.flush();
    };
    int code = kOk;
    if (options.output.empty() || options.output == "-") write(std::cout);  // "-o -": standard output
    else if (!write_to(options.output, write)) code = kWriteFailed;
    if (!options.html_report.empty() &&
        !write_to(options.html_report, [&](std::ostream& out) { write_html(out, inventory, db); }))
        code = kWriteFailed;
    if (!options.db.empty()) {
        const int stored = record_history(common, options, inventory, db);
        if (code == kOk) code = stored;
    }
    return code;
}

// Whether the report written shows each input's SHA-256 (JSON, HTML, CycloneDX): only then is it
// worth a second read of every capture.
bool shows_input_digests(const AnalyzeOptions& options) {
    return options.format == "json" || options.format == "html" || options.format == "cyclonedx" || !options.html_report.empty();
}

// --fail-on LEVEL: covered < likely-covered < unknown, each level including the ones before it.
// How many devices --fail-on LEVEL counts (is_finding: none when no level is set).
std::size_t findings(const Inventory& inventory, const std::string& level) {
    return static_cast<std::size_t>(
        std::count_if(inventory.devices.begin(), inventory.devices.end(), [&](const Device& d) { return is_finding(d, level); }));
}

// Exit code after the report is written: an incomplete input outranks findings.
int final_exit_code(int input_code, int report_code, const Inventory& inventory, const AnalyzeOptions& options) {
    if (input_code != kOk) return input_code;
    if (report_code != kOk) return report_code;
    const std::size_t found = findings(inventory, options.fail_on);
    if (found == 0) return kOk;
    // Said on stderr whatever the verbosity: a CI job that fails must say why.
    std::cerr << "camsweep: --fail-on " << options.fail_on << ": " << found << " device(s) judged " << options.fail_on
              << (options.fail_on == "unknown" ? " (surveillance, telecom or unidentified)" : "") << " or worse; exit code " << kFindings << '\n';
    return kFindings;
}

std::atomic<bool> g_stop{false};
LiveCapture* g_live = nullptr;

// What a command that judges devices needs before it reads anything: the audit date and a valid
// signature database. Without one, `exit_code` says why (the error is already printed).
struct JudgingSetup {
    Date audit_date;
    SignatureLoad load;
    int exit_code = kOk;
    bool ok() const { return exit_code == kOk; }
};
JudgingSetup judging_setup(const CommonOptions& common, const AnalyzeOptions& options) {
    JudgingSetup setup;
    auto audit_date = audit_date_of(options.audit_date);
    if (!audit_date) {
        setup.exit_code = kUsage;
        return setup;
    }
    setup.audit_date = *audit_date;
    auto load = load_or_report(common);
    if (!load) {
        setup.exit_code = kBadSignatures;
        return setup;
    }
    setup.load = std::move(*load);
    return setup;
}

// The interface `sniff` names, opened with its filter; the error on standard error if it cannot be.
std::unique_ptr<LiveCapture> open_live_or_report(const SniffOptions& sniff) {
    LiveCaptureOptions live_options;
    live_options.interface = sniff.interface;
    live_options.filter = sniff.filter;
    live_options.snaplen = sniff.snaplen;
    live_options.promiscuous = sniff.promiscuous;
    live_options.write_path = sniff.write_path;
    std::string error;
    auto live = LiveCapture::open(live_options, error);
    if (!live) std::cerr << "camsweep: " << error << '\n';
    return live;
}

extern "C" void on_stop_signal(int) {
    g_stop = true;
    if (g_live) g_live->interrupt();
}

// What analyze has to say while it reads, held back until the signature database (loading on
// another thread meanwhile) is known to be valid: the output is then the same as if it had been
// loaded first, and nothing but its errors is printed when it is not.
class HeldOutput {
public:
    explicit HeldOutput(std::future<SignatureLoad> loading, int verbosity) : loading_(std::move(loading)), verbosity_(verbosity) {}

    // Settles the load (waiting for it when `wait`, else only if it is done): its warnings, then
    // what was held, or its errors. True once settled.
    bool settle(bool wait, SignatureDatabase& db) {
        if (settled_) return true;
        if (!wait && loading_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
        SignatureLoad load = loading_.get();
        settled_ = true;
        for (const auto& w : load.warnings)
            if (verbosity_ >= 1) std::cerr << "camsweep: warning: " << w << '\n';
        if (!load.ok()) {
            failed_ = true;
            held_.clear();
            for (const auto& e : load.errors) std::cerr << e << '\n';
            std::cerr << "camsweep: the signature database has " << load.errors.size() << " error(s); run 'camsweep signatures lint'\n";
            return true;
        }
        db = std::move(load.database);
        std::cerr << held_ << std::flush;
        held_.clear();
        return true;
    }
    bool live() const { return settled_ && !failed_; }  // output goes straight to the terminal
    bool failed() const { return failed_; }
    void say(const std::string& text) {
        if (live()) std::cerr << text;
        else if (!settled_) held_ += text;
    }

private:
    std::future<SignatureLoad> loading_;
    int verbosity_;
    bool settled_ = false, failed_ = false;
    std::string held_;
};

}  // namespace

// A report written over one of the captures would destroy the evidence it was made from.
bool writes_over_an_input(const AnalyzeOptions& options) {
    for (const std::string& output : {options.output, options.html_report}) {
        if (output.empty() || output == "-") continue;
        std::error_code error;
        const auto target = std::filesystem::weakly_canonical(output, error);
        if (error) continue;
        for (const auto& input : options.inputs) {
            std::error_code same_error;
            if (input != "-" && std::filesystem::equivalent(target, input, same_error)) {
                std::cerr << "camsweep: " << printable(output) << " is also an input: a report never overwrites a capture\n";
                return true;
            }
        }
    }
    return false;
}

int run_analyze(const CommonOptions& common, const AnalyzeOptions& options) {
    auto audit_date = audit_date_of(options.audit_date);
    if (!audit_date) return kUsage;
    if (writes_over_an_input(options)) return kUsage;
    // The database is needed only to classify and judge, after the captures are read: it loads
    // on another thread meanwhile (docs/performance.md).
    HeldOutput out(std::async(std::launch::async, load_signatures, signatures_directory(common)), common.verbosity);
    SignatureDatabase db;

    const bool on_terminal = isatty(STDERR_FILENO) && common.verbosity >= 1;
    ProgressBar bar(on_terminal);
    AnalyzerOptions analyzer_options;
    analyzer_options.audit_date = *audit_date;
    analyzer_options.max_devices = options.max_devices;
    analyzer_options.hash_inputs = shows_input_digests(options);
    analyzer_options.on_warning = [&](const std::string& line) {
        if (common.verbosity >= 2) {
            if (out.live()) bar.clear();
            out.say("camsweep: warning: " + line + "\n");
        }
    };
    analyzer_options.on_progress = [&](const ReadProgress& p) {
        if (out.settle(false, db) && out.live()) bar.update(p);
    };
    analyzer_options.should_stop = [&] { return out.settle(false, db) && out.failed(); };
    analyzer_options.database_ready = [&] { return out.settle(true, db) && !out.failed(); };
    Analyzer analyzer(db, analyzer_options);
    int exit_code = kOk;
    auto start = std::chrono::steady_clock::now();
    std::uint64_t packets = 0, bytes = 0;
    for (const auto& path : options.inputs) {
        if (out.failed()) break;
        InputSummary summary = analyzer.read_capture(path);
        if (out.failed()) break;
        bar.clear();
        packets += summary.packets;
        bytes += summary.bytes;
        if (!summary.complete) {
            out.say("camsweep: " + path + ": " + summary.error + "\n");
            exit_code = kIncompleteInput;
        }
        if (summary.malformed > 0 && common.verbosity >= 1)
            out.say("camsweep: " + path + ": " + std::to_string(summary.malformed) + " malformed packet(s) skipped" +
                    (common.verbosity >= 2 ? "" : " (details with --verbose)") + "\n");
        if (summary.devices_evicted > 0 && common.verbosity >= 1)
            out.say("camsweep: " + path + ": " + std::to_string(summary.devices_evicted) + " device(s) evicted: more than " +
                    std::to_string(options.max_devices) + " devices (raise --max-devices)\n");
    }
    out.settle(true, db);
    if (out.failed()) return kBadSignatures;
    Inventory inventory = analyzer.finish();
    // Nothing read at all (every input missing or not a capture): no report, so that an earlier
    // report at the same path is never replaced by an empty one.
    if (std::none_of(inventory.inputs.begin(), inventory.inputs.end(), [](const InputSummary& s) { return s.packets > 0; }) &&
        exit_code != kOk) {
        // One input: its own error line already says why (one line per problem).
        if (options.inputs.size() > 1) std::cerr << "camsweep: nothing could be read from any input; no report written\n";
        return kIncompleteInput;
    }
    if (on_terminal) {
        double elapsed = seconds_since(start);
        char line[200];
        std::snprintf(line, sizeof line, "camsweep: read %llu packets (%s) from %zu file(s) in %.2f s (%.0f pkt/s); %zu devices\n",
                      static_cast<unsigned long long>(packets), human_bytes(static_cast<double>(bytes)).c_str(), options.inputs.size(),
                      elapsed, elapsed > 0 ? static_cast<double>(packets) / elapsed : 0.0, inventory.devices.size());
        std::cerr << line;
    }
    int report = write_report(common, options, inventory, db);
    return final_exit_code(exit_code, report, inventory, options);
}

// sniff -D: the interfaces libpcap can open, as tcpdump -D lists them, with their addresses.
int list_capture_interfaces() {
    std::string error;
    const auto interfaces = LiveCapture::interfaces(error);
    if (!error.empty()) {
        std::cerr << "camsweep: " << error << '\n';
        return kIncompleteInput;
    }
    for (std::size_t i = 0; i < interfaces.size(); ++i) {
        const auto& entry = interfaces[i];
        std::cout << i + 1 << '.' << entry.name;
        if (!entry.description.empty()) std::cout << " (" << entry.description << ')';
        std::cout << " [" << (entry.up ? "Up" : "Down") << (entry.running ? ", Running" : "") << (entry.loopback ? ", Loopback" : "") << ']';
        for (const auto& address : entry.addresses) std::cout << ' ' << address;
        std::cout << '\n';
    }
    return kOk;
}

int run_sniff(const CommonOptions& common, const AnalyzeOptions& options, const SniffOptions& sniff) {
    if (sniff.list_interfaces) return list_capture_interfaces();
    if (sniff.interface.empty()) {
        std::cerr << "camsweep: sniff needs -i IFACE (camsweep sniff -D lists the interfaces)\n";
        return kUsage;
    }
    const JudgingSetup judging = judging_setup(common, options);
    if (!judging.ok()) return judging.exit_code;
    const SignatureDatabase& db = judging.load.database;

    auto live = open_live_or_report(sniff);
    if (!live) return kIncompleteInput;

    AnalyzerOptions analyzer_options;
    analyzer_options.audit_date = judging.audit_date;
    analyzer_options.max_devices = options.max_devices;
    analyzer_options.on_warning = [&](const std::string& line) {
        if (common.verbosity >= 2) std::cerr << "camsweep: warning: " << line << '\n';
    };
    analyzer_options.on_device_event = [&](const DeviceEvent& event) {
        if (common.verbosity < 1 || event.kind != DeviceEventKind::created) return;
        const Observation& obs = event.cause;
        std::cerr << "camsweep: + " << iso8601_utc(obs.time).substr(11, 8) << " new device "
                  << (obs.endpoint.mac ? obs.endpoint.mac->to_string() : std::string("-")) << ' '
                  << (obs.endpoint.ip ? obs.endpoint.ip->to_string() : std::string("-")) << " (" << obs.protocol << ")\n";
    };
    Analyzer analyzer(db, analyzer_options);
    LiveReadOptions read;
    read.name = "live:" + sniff.interface;
    read.duration = sniff.duration;
    read.count = sniff.count;
    read.stop = &g_stop;

    g_live = live.get();
    g_stop = false;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);

    if (common.verbosity >= 1)
        std::cerr << "camsweep: capturing on " << sniff.interface << (sniff.filter.empty() ? "" : " (filter: " + sniff.filter + ")")
                  << "; Ctrl-C writes the inventory\n";
    auto start = std::chrono::steady_clock::now();
    InputSummary summary = analyzer.read_live(*live, read);
    g_live = nullptr;
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    int exit_code = kOk;
    if (!summary.complete) {
        std::cerr << "camsweep: " << sniff.interface << ": " << summary.error << '\n';
        exit_code = kIncompleteInput;
    }
    if (common.verbosity >= 1)
        std::cerr << "camsweep: captured " << summary.packets << " packets on " << sniff.interface << " in "
                  << static_cast<long>(seconds_since(start)) << " s (" << live->dropped() << " dropped by the kernel)\n";
    Inventory inventory = analyzer.finish();
    int report = write_report(common, options, inventory, db);
    return final_exit_code(exit_code, report, inventory, options);
}

// The devices of the newer report that a diff's --fail-on counts: new ones at the level, and
// matched ones whose verdict reached it.
std::size_t newly_flagged(const InventoryDiff& diff, const std::string& level) {
    auto at_level = [&](const std::string& status) {
        return status == "covered" || (level == "new-likely-covered" && status == "likely-covered");
    };
    std::size_t count = 0;
    for (const auto& device : diff.new_devices) count += at_level(device.status);
    for (const auto& matched : diff.changed) count += at_level(matched.newer.status) && !at_level(matched.older.status);
    return count;
}

int write_diff(const DiffOptions& options, const InventoryDiff& diff) {
    auto exit_code = [&](int written) -> int {
        if (written != kOk || options.fail_on.empty()) return written;
        const std::size_t found = newly_flagged(diff, options.fail_on);
        if (found == 0) return kOk;
        std::cerr << "camsweep: --fail-on " << options.fail_on << ": " << found << " device(s) newly judged "
                  << (options.fail_on == "new-covered" ? "covered" : "covered or likely-covered") << "; exit code " << kFindings << '\n';
        return kFindings;
    };
    auto write = [&](std::ostream& out) {
        if (options.format == "json") write_diff_json(out, diff);
        else if (options.format == "html") write_diff_html(out, diff);
        else write_diff_table(out, diff);
        out.flush();
    };
    if (options.output.empty() || options.output == "-") {
        write(std::cout);
        return exit_code(kOk);
    }
    return exit_code(write_to(options.output, write) ? kOk : kWriteFailed);
}

int run_diff(const CommonOptions& common, const DiffOptions& options) {
    if (!options.db.empty()) return run_history_diff(common, options);
    if (!options.since.empty() || !options.sensor.empty()) {
        std::cerr << "camsweep: diff " << (options.since.empty() ? "--sensor" : "--since") << " compares runs of a history: give --db\n";
        return kUsage;
    }
    if (options.older.empty() || options.newer.empty()) {
        std::cerr << "camsweep: diff needs two reports (OLD.json NEW.json), or --db with two runs or --since DATE (see camsweep diff --help)\n";
        return kUsage;
    }
    auto diff = diff_report_files(options.older, options.newer);
    if (!diff) {
        std::cerr << "camsweep: " << printable(diff.error()) << '\n';
        return kUsage;
    }
    return write_diff(options, *diff);
}

int run_version(const CommonOptions& common) {
    std::cout << "camsweep " << CAMSWEEP_VERSION << '\n';
    const std::string dir = signatures_directory(common);
    SignatureLoad load = load_signatures(dir);
    if (!load.ok()) {
        std::cout << "signatures: " << dir << ": " << load.errors.size() << " error(s) (camsweep signatures lint)\n";
        return kBadSignatures;
    }
    const auto& db = load.database;
    std::cout << "signatures: " << dir << "\n  vendors as of " << db.vendors_as_of << " (" << db.vendors.size() << " vendors)\n  listings as of "
              << db.listings_as_of << " (" << db.listings.size() << " listings)\n  OUI registry of " << db.oui_as_of << " ("
              << db.ouis.size() << " prefixes)\n  " << db.rules.size() << " rules\n";
    return kOk;
}

int run_signatures_brands(const CommonOptions& common) {
    const std::string dir = signatures_directory(common);
    SignatureLoad load = load_signatures(dir);
    for (const auto& e : load.errors) std::cerr << e << '\n';
    if (!load.ok()) return kBadSignatures;
    const auto& db = load.database;
    std::size_t brands = 0;
    for (const auto& [id, vendor] : db.vendors) {
        if (vendor.kind != "brand") continue;
        ++brands;
        std::cout << vendor.display << " (" << id << ")";
        if (!vendor.country.empty()) std::cout << ", " << vendor.country;
        std::cout << '\n';
        bool any = false;
        for (const auto& r : vendor.relations) {
            if (r.type == RelationType::component_supplier || r.type == RelationType::related) continue;
            any = true;
            std::cout << "  " << to_string(r.type) << ' ' << db.display_name(r.target) << " (" << r.target << "), certainty "
                      << to_string(r.certainty) << ", " << r.status;
            if (r.since) std::cout << ", since " << r.since->to_string();
            if (r.until) std::cout << ", until " << r.until->to_string();
            if (!r.models.empty()) std::cout << ", models " << r.models;
            if (r.partial) std::cout << ", some products only";
            std::cout << "\n    source: " << r.source << '\n';
        }
        if (!any) std::cout << "  (its own products; no maker or owner recorded)\n";
    }
    std::cout << brands << " brands in " << dir << "/vendors.yaml (vendors as of " << db.vendors_as_of << ")\n";
    return kOk;
}

int run_signatures_lint(const CommonOptions& common) {
    std::string dir = signatures_directory(common);
    SignatureLoad load = load_signatures(dir);
    for (const auto& w : load.warnings) std::cerr << "warning: " << w << '\n';
    for (const auto& e : load.errors) std::cout << e << '\n';
    if (!load.ok()) {
        std::cout << load.errors.size() << " error(s) in " << dir << '\n';
        return kBadSignatures;
    }
    const auto& db = load.database;
    std::cout << dir << ": OK: " << db.vendors.size() << " vendors, " << db.listings.size() << " listings in " << db.regimes.size()
              << " regimes, " << db.ouis.size() << " OUI prefixes, " << db.rules.size() << " rules\n";
    return kOk;
}

int run_signatures_test(const CommonOptions& common) {
    auto load = load_or_report(common);
    if (!load) return kBadSignatures;
    SelfTestReport report = run_rule_examples(load->database);
    for (const auto& f : report.failures) std::cout << f << '\n';
    std::size_t failed = report.failures.size();
    std::cout << (report.examples_run - std::min(failed, report.examples_run)) << " passed, " << failed << " failed\n";
    return failed == 0 ? kOk : kSignatureTestsFailed;
}

int run_observations(const CommonOptions& common, const ObservationsOptions& options) {
    // Observations need no signature database: nothing is classified.
    const SignatureDatabase no_rules;
    int exit_code = kOk;
    auto write = [&](std::ostream& out) {
        AnalyzerOptions analyzer_options;
        analyzer_options.on_observation = [&](const Observation& obs) { write_observation_line(out, obs); };
        analyzer_options.on_warning = [&](const std::string& line) {
            if (common.verbosity >= 2) std::cerr << "camsweep: warning: " << line << '\n';
        };
        Analyzer analyzer(no_rules, analyzer_options);
        for (const auto& path : options.inputs) {
            InputSummary summary = analyzer.read_capture(path);
            if (!summary.complete) {
                std::cerr << "camsweep: " << path << ": " << summary.error << '\n';
                exit_code = kIncompleteInput;
            }
        }
        analyzer.finish();  // streams cut off by the end of the captures are read as they are
    };
    if (options.output.empty() || options.output == "-") {
        write(std::cout);
        std::cout.flush();
        return exit_code;
    }
    return write_to(options.output, write) ? exit_code : kWriteFailed;
}

int run_protocols(const CommonOptions&) {
    static constexpr const char* kCarriers[] = {"ethernet", "udp", "tcp", "http-body"};
    static constexpr const char* kTiers[] = {"chatter", "network", "banner", "discovery", "identified"};
    std::printf("%-10s %-9s %-8s %-22s %-10s %-6s %s\n", "NAME", "CARRIER", "FIELDS", "DEFAULT PORTS", "TIER", "PROBE", "WHAT IT READS");
    for (const auto* p : all_protocols()) {
        std::string ports;
        for (auto port : p->ports) {
            char buf[16];
            std::snprintf(buf, sizeof buf, p->carrier == Carrier::ethernet ? "0x%04x" : "%u", static_cast<unsigned>(port));
            ports += (ports.empty() ? "" : ",") + std::string(buf);
        }
        if (ports.empty()) ports = "-";  // HTTP bodies: whatever URL the prober fetched
        std::printf("%-10s %-9s %-8s %-22s %-10s %-6s %s\n", std::string(p->name).c_str(), kCarriers[static_cast<int>(p->carrier)],
                    (std::string(p->field_prefix) + ".").c_str(), ports.c_str(), kTiers[static_cast<int>(p->tier)],
                    p->build_request ? "yes" : "-", std::string(p->summary).c_str());
    }
    return kOk;
}

namespace {

// The scope from the command line: targets and -iL, minus --exclude and --excludefile.
std::optional<scan::Scope> scope_of(const ScanCommandOptions& options) {
    std::vector<std::string> targets = options.targets, excludes;
    for (const auto& entry : options.excludes) {  // --exclude takes comma-separated lists, as in nmap
        std::string_view rest = entry;
        while (!rest.empty()) {
            const std::size_t comma = rest.find(',');
            if (!trim(rest.substr(0, comma)).empty()) excludes.emplace_back(trim(rest.substr(0, comma)));
            rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        }
    }
    for (auto [path, list] : {std::pair{&options.target_file, &targets}, std::pair{&options.exclude_file, &excludes}}) {
        if (path->empty()) continue;
        auto entries = scan::read_target_file(*path);
        if (!entries) {
            std::cerr << "camsweep: scan: " << printable(entries.error()) << '\n';
            return std::nullopt;
        }
        list->insert(list->end(), entries->begin(), entries->end());
    }
    auto scope = scan::Scope::build(targets, excludes, options.max_hosts);
    if (!scope) {
        std::cerr << "camsweep: scan: " << scope.error() << '\n';
        return std::nullopt;
    }
    return *scope;
}

// --dry-run: the hosts (one per line, as nmap -sL) and what each would be sent; nothing is sent.
void print_plan(std::ostream& out, const scan::Scope& scope, const scan::ScanOptions& options) {
    out << "# camsweep scan --dry-run: " << scope.host_count() << " host(s); nothing was sent\n# probes per host:\n";
    for (const auto& probe : scan::planned_probes(options))
        out << "#   " << probe.transport << "/" << probe.port << "  " << probe.what << '\n';
    if (!options.discovery || !options.multicast) {
        out << "# multicast: off (" << (options.discovery ? "--no-multicast" : "--no-discovery") << ")\n";
    } else {
        const std::vector<scan::MulticastLink> links = scan::select_multicast_links(scan::read_network_interfaces(), scope);
        for (const std::string& line : scan::describe_multicast_plan(links)) out << "# " << line << '\n';
        if (!links.empty()) out << "# (each sent 1 + " << options.udp_retries << " times, paced with the unicast requests)\n";
    }
    std::size_t ipv4_hosts = 0;
    scope.for_each_host([&](const IpAddress& host) {
        ipv4_hosts += host.family == IpAddress::Family::v4;
        return true;
    });
    if (scan::sweep_applies(options.sweep, ipv4_hosts))
        out << "# sweep first: an ICMP echo to each of the " << ipv4_hosts
            << " IPv4 host(s); only those that answer it, a discovery request or ARP are probed (--no-ping: all)\n";
    else
        out << "# no sweep: every host is probed" << (options.sweep == scan::SweepMode::never ? " (--no-ping)" : "") << '\n';
    out << "# rate " << options.rate << " packets/s, at most " << options.max_inflight
        << " connections at once, one per host\n";
    scope.for_each_host([&](const IpAddress& host) {
        out << host.to_string() << '\n';
        return static_cast<bool>(out);
    });
}

std::string scan_progress_line(const scan::ScanProgress& p, double elapsed) {
    char line[160];
    std::snprintf(line, sizeof line, "\r%-9s %llu/%llu hosts  %llu sent  %llu replies  %llu open ports  %.0f s  ", p.phase,
                  static_cast<unsigned long long>(p.hosts_done), static_cast<unsigned long long>(p.hosts_total),
                  static_cast<unsigned long long>(p.datagrams_sent), static_cast<unsigned long long>(p.replies),
                  static_cast<unsigned long long>(p.open_ports), elapsed);
    return line;
}

std::chrono::milliseconds milliseconds_of(double seconds) {
    return std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000));
}

// The prober's options from the command line; false after printing why they are wrong.
bool scan_options_of(const ScanCommandOptions& command, scan::ScanOptions& out) {
    if (!command.ports.empty()) {
        auto ports = scan::parse_port_list(command.ports);
        if (!ports) {
            std::cerr << "camsweep: scan: --ports: " << ports.error() << '\n';
            return false;
        }
        out.tcp_ports = *ports;
    }
    out.rate = command.rate;
    out.max_inflight = command.max_inflight;
    out.connect_timeout = milliseconds_of(command.connect_timeout);
    out.exchange_timeout = milliseconds_of(command.timeout);
    out.udp_wait = milliseconds_of(command.udp_wait);
    out.udp_retries = command.udp_retries;
    out.deadline = milliseconds_of(command.deadline);
    out.discovery = !command.no_discovery;
    out.follow_ups = !command.no_follow_ups;
    out.multicast = !command.no_multicast;
    out.sweep = command.ping ? scan::SweepMode::always : command.no_ping ? scan::SweepMode::never : scan::SweepMode::automatic;
    return true;
}

void print_scan_summary(const scan::ScanSummary& result, double seconds) {
    if (result.swept)
        std::cerr << "camsweep: sweep: " << result.hosts_up << " of " << result.hosts << " host(s) up (" << result.echo_requests
                  << " echo requests); only those were probed\n";
    char line[320];
    std::snprintf(line, sizeof line,
                  "camsweep: scanned %llu host(s) in %.1f s: %llu datagrams, %llu connections, %llu open ports, %llu replies "
                  "(%llu from outside the scope, not followed up; %llu from off an interface's subnet)\n",
                  static_cast<unsigned long long>(result.hosts), seconds, static_cast<unsigned long long>(result.datagrams_sent),
                  static_cast<unsigned long long>(result.connections), static_cast<unsigned long long>(result.open_ports),
                  static_cast<unsigned long long>(result.replies), static_cast<unsigned long long>(result.replies_outside_scope),
                  static_cast<unsigned long long>(result.replies_off_subnet));
    std::cerr << line;
}

// Hosts on the local link: the kernel resolved their MACs (ARP, NDP) while the scan talked to them.
std::vector<Observation> neighbour_observations(const scan::Scope& scope) {
    std::vector<Observation> out;
    for (const auto& neighbour : scan::read_neighbours()) {
        if (!scope.contains(neighbour.ip)) continue;
        Observation obs;
        obs.time = std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
        obs.origin = Origin::active;
        obs.protocol = "scan";
        obs.tier = EvidenceTier::chatter;
        obs.endpoint = Endpoint{neighbour.mac, neighbour.ip, 0};
        obs.where = "kernel neighbour table (" + std::string(neighbour.ip.family == IpAddress::Family::v4 ? "ARP" : "NDP") + ", " +
                    neighbour.device + ")";
        obs.add("scan.neighbour", neighbour.device);
        out.push_back(std::move(obs));
    }
    return out;
}

// Marks an input incomplete when the scan was cut short; returns the exit code that implies.
int note_scan_end(const scan::ScanSummary& result, InputSummary& summary) {
    summary.packets = result.replies;
    if (!result.interrupted && !result.deadline_reached) return kOk;
    summary.complete = false;
    summary.error = result.interrupted ? "interrupted: the inventory holds what was found so far"
                                       : "the --deadline was reached: the inventory holds what was found so far";
    std::cerr << "camsweep: scan: " << summary.error << '\n';
    return kIncompleteInput;
}

void install_stop_handlers() {
    g_stop = false;
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void restore_default_handlers() {
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

// The prober's terminal output: a progress line on a terminal, warnings with -v; the warnings
// also go into the report.
class ScanConsole {
public:
    explicit ScanConsole(const CommonOptions& common)
        : common_(common), on_terminal_(isatty(STDERR_FILENO) && common.verbosity >= 1), start_(std::chrono::steady_clock::now()) {}

    scan::ScanCallbacks callbacks() {
        scan::ScanCallbacks out;
        out.on_warning = [this](const std::string& line) {
            std::lock_guard lock(mutex_);
            warnings_.push_back(line);
            if (common_.verbosity >= 2) {
                clear();
                std::cerr << "camsweep: warning: " << printable(line) << '\n';
            }
        };
        out.on_progress = [this](const scan::ScanProgress& p) {
            if (!on_terminal_) return;
            std::cerr << scan_progress_line(p, seconds()) << std::flush;
            drawn_ = true;
        };
        return out;
    }
    void clear() {
        if (drawn_) std::cerr << "\r" << std::string(100, ' ') << "\r" << std::flush;
        drawn_ = false;
    }
    double seconds() const { return seconds_since(start_); }
    void move_warnings_into(Inventory& inventory) {
        std::lock_guard lock(mutex_);
        inventory.warnings.insert(inventory.warnings.end(), warnings_.begin(), warnings_.end());
        warnings_.clear();
    }

private:
    const CommonOptions& common_;
    bool on_terminal_;
    bool drawn_ = false;
    std::chrono::steady_clock::time_point start_;
    std::mutex mutex_;
    std::vector<std::string> warnings_;
};

AnalyzerOptions scan_analyzer_options(const CommonOptions& common, const AnalyzeOptions& options, const Date& audit_date) {
    AnalyzerOptions out;
    out.audit_date = audit_date;
    out.max_devices = options.max_devices;
    out.on_warning = [verbosity = common.verbosity](const std::string& line) {
        if (verbosity >= 2) std::cerr << "camsweep: warning: " << printable(line) << '\n';
    };
    return out;
}

std::string scan_input_name(const scan::Scope& scope) { return "scan:" + std::to_string(scope.host_count()) + " host(s)"; }

}  // namespace

int run_scan(const CommonOptions& common, const AnalyzeOptions& options, const ScanCommandOptions& command) {
    auto scope = scope_of(command);
    if (!scope) return kUsage;
    scan::ScanOptions scan_options;
    if (!scan_options_of(command, scan_options)) return kUsage;
    if (command.dry_run) {
        print_plan(std::cout, *scope, scan_options);
        return kOk;
    }

    const JudgingSetup judging = judging_setup(common, options);
    if (!judging.ok()) return judging.exit_code;
    const SignatureDatabase& db = judging.load.database;

    Analyzer analyzer(db, scan_analyzer_options(common, options, judging.audit_date));
    analyzer.begin_input(scan_input_name(*scope), "scan");
    const std::size_t input = 0;
    ScanConsole console(common);
    scan::ScanCallbacks callbacks = console.callbacks();
    callbacks.on_observation = [&](Observation& obs) { analyzer.add(obs, input); };
    install_stop_handlers();
    callbacks.stop = &g_stop;
    if (common.verbosity >= 1)
        std::cerr << "camsweep: scanning " << scope->host_count() << " host(s); Ctrl-C writes what was found so far\n";

    const scan::ScanSummary result = scan::run_scan(*scope, scan_options, callbacks);
    restore_default_handlers();
    console.clear();
    for (auto& obs : neighbour_observations(*scope)) analyzer.add(obs, input);
    Inventory inventory = analyzer.finish();
    const int exit_code = note_scan_end(result, inventory.inputs[input]);
    if (common.verbosity >= 1) print_scan_summary(result, console.seconds());
    console.move_warnings_into(inventory);
    int report = write_report(common, options, inventory, db);
    return final_exit_code(exit_code, report, inventory, options);
}

int run_survey(const CommonOptions& common, const AnalyzeOptions& options, const SniffOptions& sniff,
               const ScanCommandOptions& command) {
    auto scope = scope_of(command);
    if (!scope) return kUsage;
    scan::ScanOptions scan_options;
    if (!scan_options_of(command, scan_options)) return kUsage;
    const JudgingSetup judging = judging_setup(common, options);
    if (!judging.ok()) return judging.exit_code;
    const SignatureDatabase& db = judging.load.database;

    auto live = open_live_or_report(sniff);
    if (!live) return kIncompleteInput;

    ScanConsole console(common);
    // The capture thread owns the analyzer; the prober's observations reach it through post().
    Analyzer analyzer(db, scan_analyzer_options(common, options, judging.audit_date));
    analyzer.begin_input(scan_input_name(*scope), "scan");
    const std::size_t scan_input = 0;
    scan::ScanCallbacks callbacks = console.callbacks();
    callbacks.on_observation = [&](Observation& obs) { analyzer.post(obs, scan_input); };
    install_stop_handlers();
    g_live = live.get();
    callbacks.stop = &g_stop;
    std::atomic<bool> capture_stop{false};
    LiveReadOptions read;
    read.name = "live:" + sniff.interface;
    read.stop = &capture_stop;
    InputSummary live_summary;
    std::thread capture([&] { live_summary = analyzer.read_live(*live, read); });
    if (common.verbosity >= 1)
        std::cerr << "camsweep: capturing on " << sniff.interface << " and scanning " << scope->host_count()
                  << " host(s); Ctrl-C writes what was found so far\n";

    const scan::ScanSummary result = scan::run_scan(*scope, scan_options, callbacks);
    console.clear();
    for (auto& obs : neighbour_observations(*scope)) analyzer.post(obs, scan_input);
    // Late replies (and what the scan made devices say to others) are still listened to.
    const auto linger_end = std::chrono::steady_clock::now() + milliseconds_of(command.linger);
    while (!g_stop && std::chrono::steady_clock::now() < linger_end) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    capture_stop = true;
    capture.join();
    g_live = nullptr;
    restore_default_handlers();

    Inventory inventory = analyzer.finish();
    int exit_code = note_scan_end(result, inventory.inputs[scan_input]);
    if (!live_summary.complete) {
        std::cerr << "camsweep: " << sniff.interface << ": " << live_summary.error << '\n';
        exit_code = kIncompleteInput;
    }
    if (common.verbosity >= 1) {
        print_scan_summary(result, console.seconds());
        std::cerr << "camsweep: captured " << live_summary.packets << " packets on " << sniff.interface << " ("
                  << live->dropped() << " dropped by the kernel)\n";
    }
    console.move_warnings_into(inventory);
    int report = write_report(common, options, inventory, db);
    return final_exit_code(exit_code, report, inventory, options);
}

}  // namespace camsweep::cli
