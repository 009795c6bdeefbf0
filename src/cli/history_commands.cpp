// The history commands (docs/history.md): --db on the inventory commands, `history`,
// `diff` from the store and `rejudge`.
#include <unistd.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <sstream>

#include "camsweep/core/text.hpp"
#include "camsweep/history/store.hpp"
#include "camsweep/inventory/inventory_builder.hpp"
#include "camsweep/report/diff.hpp"
#include "camsweep/report/writers.hpp"
#include "camsweep/signatures/loader.hpp"
#include "commands.hpp"

namespace camsweep::cli {
namespace {

std::string host_name() {
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0') return "sensor";
    return name;
}

// To the microsecond: runs of one second still sort in the order they were made.
std::string now_utc() {
    const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
    return iso8601_utc(std::chrono::duration<double>(since_epoch).count());
}

// Opens an existing store to read it, or says why not (one line); nullptr then.
std::unique_ptr<history::HistoryStore> open_store(const std::string& location) {
    try {
        return history::HistoryStore::open(location, history::HistoryStore::Access::read);
    } catch (const history::HistoryError& e) {
        std::cerr << "camsweep: " << printable(e.what()) << '\n';
        return nullptr;
    }
}

std::string json_report_of(const Inventory& inventory, const SignatureDatabase& db) {
    std::ostringstream out;
    write_json(out, inventory, db);
    return out.str();
}

// A run reference the store resolves, or a message naming it.
std::optional<std::string> resolve_or_report(history::HistoryStore& store, const std::string& reference) {
    auto id = store.resolve_run(reference);
    if (!id)
        std::cerr << "camsweep: " << store.location() << ": no run '" << printable(reference)
                  << "' (camsweep history lists them; 'latest', 'latest~1', an id or a unique prefix of one)\n";
    return id;
}

void write_to_output(const std::string& output, int& code, const std::function<void(std::ostream&)>& write) {
    if (output.empty() || output == "-") write(std::cout);
    else if (!write_to(output, write)) code = kWriteFailed;
}

// A cell of `width` columns ending in a space; "~" marks a cut, as in the inventory table.
std::string pad(const std::string& text, std::size_t width) {
    std::string shown = printable(text);
    if (shown.size() >= width) return shown.substr(0, width - 2) + "~ ";
    return shown + std::string(width - shown.size(), ' ');
}

}  // namespace

int record_history(const CommonOptions& common, const AnalyzeOptions& options, const Inventory& inventory, const SignatureDatabase& db) {
    try {
        auto store = history::HistoryStore::open(options.db);
        history::RunContext context;
        context.command = options.command.empty() ? "analyze" : options.command;
        context.sensor = options.sensor.empty() ? host_name() : options.sensor;
        context.signatures_digest = history::signatures_digest(signatures_directory(common));
        context.oui_as_of = db.oui_as_of;
        context.started_at = now_utc();
        const std::string id = store->record_run(inventory, context, json_report_of(inventory, db));
        if (common.verbosity >= 1)
            std::cerr << "camsweep: run " << id << " stored in " << store->location() << " (" << inventory.devices.size()
                      << " devices, sensor " << printable(context.sensor) << ")\n";
        return kOk;
    } catch (const history::HistoryError& e) {
        std::cerr << "camsweep: " << printable(e.what()) << "; the report was written, the run is not in the history\n";
        return kHistoryFailed;
    }
}

int run_history(const CommonOptions& common, const HistoryOptions& options) {
    auto store = open_store(options.db);
    if (!store) return kHistoryFailed;
    // Makers are stored by id; the table shows them as every report does ("D-Link", not
    // "d-link"), when the signature database loads (else the ids).
    SignatureLoad names = load_signatures(signatures_directory(common));
    auto maker_name = [&](const std::string& id) { return names.ok() && !id.empty() ? names.database.display_name(id) : id; };
    int code = kOk;
    try {
        if (!options.devices) {
            const auto runs = store->runs();
            write_to_output(options.output, code, [&](std::ostream& out) {
                if (options.format == "json") {
                    nlohmann::ordered_json doc{{"format", "camsweep-history"}, {"format_version", 1}, {"runs", nlohmann::ordered_json::array()}};
                    for (const auto& r : runs)
                        doc["runs"].push_back({{"id", r.id}, {"started_at", r.started_at}, {"command", r.command}, {"sensor", utf8_or_escaped(r.sensor)},
                                               {"site", r.site.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(utf8_or_escaped(r.site))},
                                               {"title", r.title.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(utf8_or_escaped(r.title))},
                                               {"audit_date", r.audit_date}, {"camsweep_version", r.camsweep_version},
                                               {"signatures_digest", r.signatures_digest}, {"listings_as_of", r.listings_as_of},
                                               {"inputs", r.inputs}, {"complete", r.complete},
                                               {"devices", r.devices},
                                               {"by_verdict", {{"covered", r.covered}, {"likely-covered", r.likely_covered},
                                                               {"not-covered", r.not_covered}, {"unknown", r.unknown}}}});
                    out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
                    return;
                }
                out << pad("RUN", 21) << pad("STARTED (UTC)", 21) << pad("SENSOR", 14) << pad("COMMAND", 9) << pad("DEVICES", 8)
                    << "COV LIK NOT UNK  INPUTS\n";
                for (const auto& r : runs) {
                    char counts[48];
                    std::snprintf(counts, sizeof counts, "%-3lld %-3lld %-3lld %-3lld  ", r.covered, r.likely_covered, r.not_covered, r.unknown);
                    std::string inputs;
                    for (const auto& in : r.inputs) inputs += (inputs.empty() ? "" : ", ") + printable(in);
                    out << pad(r.id, 21) << pad(r.started_at.substr(0, 19), 21) << pad(r.sensor, 14) << pad(r.command, 9)
                        << pad(std::to_string(r.devices), 8) << counts << inputs << (r.complete ? "" : " (incomplete)") << '\n';
                }
                out << runs.size() << " run(s) in " << store->location() << '\n';
            });
            return code;
        }
        const auto devices = store->devices();
        write_to_output(options.output, code, [&](std::ostream& out) {
            if (options.format == "json") {
                nlohmann::ordered_json doc{{"format", "camsweep-history-devices"}, {"format_version", 1}, {"devices", nlohmann::ordered_json::array()}};
                for (const auto& d : devices) {
                    auto text = [](const std::string& s) { return s.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(utf8_or_escaped(s)); };
                    doc["devices"].push_back({{"uid", d.uid}, {"identity", text(d.identity)}, {"first_seen", d.first_seen},
                                              {"last_seen", d.last_seen}, {"first_run", d.first_run}, {"last_run", d.last_run},
                                              {"last_sensor", text(d.last_sensor)}, {"verdict", d.verdict},
                                              {"previous_verdict", text(d.previous_verdict)}, {"maker", text(d.maker)},
                                              {"model", text(d.model)}, {"firmware", text(d.firmware)}, {"mac", text(d.mac)},
                                              {"ip", text(d.ip)}, {"new", d.is_new}, {"gone", d.is_gone},
                                              {"verdict_changed", d.verdict_changed}});
                }
                out << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
                return;
            }
            out << pad("IDENTITY", 26) << pad("FIRST SEEN", 12) << pad("LAST SEEN", 12) << pad("VERDICT", 15) << pad("MAKER", 14)
                << pad("MODEL", 16) << "MARK\n";
            std::size_t new_count = 0, gone = 0, changed = 0;
            for (const auto& d : devices) {
                std::string mark;
                if (d.is_new) {
                    mark += "new ";
                    ++new_count;
                }
                if (d.is_gone) {
                    mark += "gone ";
                    ++gone;
                }
                if (d.verdict_changed) {
                    mark += "verdict was " + d.previous_verdict;
                    ++changed;
                }
                out << pad(d.identity, 26) << pad(d.first_seen.substr(0, 10), 12) << pad(d.last_seen.substr(0, 10), 12)
                    << pad(d.verdict, 15) << pad(d.maker.empty() ? "?" : maker_name(d.maker), 14) << pad(d.model.empty() ? "-" : d.model, 16)
                    << printable(mark) << '\n';
            }
            out << devices.size() << " device(s): " << new_count << " new in the latest run, " << gone
                << " gone from their sensor's latest run, " << changed << " with a changed verdict\n";
        });
        return code;
    } catch (const history::HistoryError& e) {
        std::cerr << "camsweep: " << printable(e.what()) << '\n';
        return kHistoryFailed;
    }
}

int run_history_diff(const CommonOptions&, const DiffOptions& options) {
    auto store = open_store(options.db);
    if (!store) return kHistoryFailed;
    try {
        std::optional<std::string> older, newer;
        if (!options.since.empty()) {
            if (!Date::parse(options.since)) {
                std::cerr << "camsweep: --since '" << printable(options.since) << "' is not a date YYYY-MM-DD\n";
                return kUsage;
            }
            if (!options.older.empty()) {
                std::cerr << "camsweep: diff --since takes no runs (it compares the last run before the date with the latest)\n";
                return kUsage;
            }
            older = store->last_run_before(options.since, options.sensor);
            newer = store->latest_run(options.sensor);
            const std::string of_sensor = options.sensor.empty() ? "" : " of sensor " + printable(options.sensor);
            if (!older || !newer) {
                std::cerr << "camsweep: " << store->location() << ": no run " << (older ? "at all" : "before " + options.since) << of_sensor
                          << '\n';
                return kUsage;
            }
            if (*older == *newer) {
                std::cerr << "camsweep: " << store->location() << ": no run" << of_sensor << " after " << options.since
                          << ": the last one before it is the latest (" << *newer << "), nothing to compare\n";
                return kUsage;
            }
        } else {
            if (options.older.empty() || options.newer.empty()) {
                std::cerr << "camsweep: diff --db needs two runs (e.g. latest~1 latest) or --since DATE\n";
                return kUsage;
            }
            if (!options.sensor.empty()) {
                std::cerr << "camsweep: diff --sensor goes with --since (two runs named are compared whatever their sensor)\n";
                return kUsage;
            }
            older = resolve_or_report(*store, options.older);
            newer = resolve_or_report(*store, options.newer);
            if (!older || !newer) return kUsage;
        }
        const auto old_json = nlohmann::json::parse(store->run_report(*older), nullptr, false);
        const auto new_json = nlohmann::json::parse(store->run_report(*newer), nullptr, false);
        auto diff = diff_reports(old_json, new_json);
        if (!diff) {
            std::cerr << "camsweep: " << store->location() << ": " << printable(diff.error()) << '\n';
            return kHistoryFailed;
        }
        InventoryDiff named = *diff;
        named.older.source = "run " + *older;
        named.newer.source = "run " + *newer;
        return write_diff(options, named);
    } catch (const history::HistoryError& e) {
        std::cerr << "camsweep: " << printable(e.what()) << '\n';
        return kHistoryFailed;
    }
}

int run_rejudge(const CommonOptions& common, const RejudgeOptions& options) {
    const auto audit = audit_date_of(options.audit_date);
    if (!audit) return kUsage;
    const Date audit_date = *audit;
    const std::string directory = signatures_directory(common);
    auto loaded = load_or_report(common);
    if (!loaded) return kBadSignatures;
    const SignatureLoad& load = *loaded;
    auto store = open_store(options.db);
    if (!store) return kHistoryFailed;
    try {
        const auto run_id = resolve_or_report(*store, options.run);
        if (!run_id) return kUsage;
        const history::RunSummary stored = store->run(*run_id);
        // The same devices, with the observations each was judged from, judged with today's
        // database (correlation does not depend on it: only makers and verdicts can change).
        Inventory rejudged;
        rejudged.devices = store->run_devices(*run_id);
        classify_and_judge(rejudged.devices, load.database, audit_date);
        rejudged.audit_date = audit_date;
        rejudged.vendors_as_of = load.database.vendors_as_of;
        rejudged.listings_as_of = load.database.listings_as_of;
        rejudged.site = stored.site;
        rejudged.title = stored.title;
        const std::string new_report = json_report_of(rejudged, load.database);
        auto diff = diff_reports(nlohmann::json::parse(store->run_report(*run_id), nullptr, false),
                                 nlohmann::json::parse(new_report, nullptr, false));
        if (!diff) {
            std::cerr << "camsweep: " << store->location() << ": " << printable(diff.error()) << '\n';
            return kHistoryFailed;
        }
        InventoryDiff named = *diff;
        named.older.source = "run " + *run_id + " as judged then";
        named.newer.source = "run " + *run_id + " judged now";
        if (common.verbosity >= 1)
            std::cerr << "camsweep: run " << *run_id << " (" << stored.audit_date << ", listings as of " << stored.listings_as_of
                      << ") judged again on " << audit_date.to_string() << " with the listings as of " << load.database.listings_as_of
                      << (stored.signatures_digest == history::signatures_digest(directory) ? " (the same signature database)" : "")
                      << '\n';
        DiffOptions output;
        output.format = options.format;
        output.output = options.output;
        output.fail_on = options.fail_on;
        return write_diff(output, named);
    } catch (const history::HistoryError& e) {
        std::cerr << "camsweep: " << printable(e.what()) << '\n';
        return kHistoryFailed;
    }
}

}  // namespace camsweep::cli
