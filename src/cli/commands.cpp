#include "commands.hpp"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>

#include "camsweep/pipeline/analyzer.hpp"
#include "camsweep/report/writers.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/signatures/matcher.hpp"

namespace camsweep::cli {
namespace {

std::string signatures_directory(const CommonOptions& common) {
    if (!common.signatures.empty()) return common.signatures;
    if (const char* env = std::getenv("CAMSWEEP_SIGNATURES"); env && *env) return env;
    return CAMSWEEP_DEFAULT_SIGNATURES;
}

Date today_utc() {
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

// Loads and validates the database; on failure prints every problem and returns nullopt.
std::optional<SignatureLoad> load_or_report(const CommonOptions& common) {
    SignatureLoad load = load_signatures(signatures_directory(common));
    for (const auto& w : load.warnings)
        if (common.verbosity >= 1) std::cerr << "camsweep: warning: " << w << '\n';
    if (load.ok()) return load;
    for (const auto& e : load.errors) std::cerr << e << '\n';
    std::cerr << "camsweep: the signature database has " << load.errors.size() << " error(s); run 'camsweep signatures lint'\n";
    return std::nullopt;
}

}  // namespace

int run_analyze(const CommonOptions& common, const AnalyzeOptions& options) {
    Date audit_date = today_utc();
    if (!options.audit_date.empty()) {
        auto parsed = Date::parse(options.audit_date);
        if (!parsed) {
            std::cerr << "camsweep: --audit-date '" << options.audit_date << "' is not a date YYYY-MM-DD\n";
            return kUsage;
        }
        audit_date = *parsed;
    }
    auto load = load_or_report(common);
    if (!load) return kBadSignatures;
    const SignatureDatabase& db = load->database;

    AnalyzerOptions analyzer_options;
    analyzer_options.audit_date = audit_date;
    analyzer_options.on_warning = [&](const std::string& line) {
        if (common.verbosity >= 2) std::cerr << "camsweep: warning: " << line << '\n';
    };
    Analyzer analyzer(db, analyzer_options);
    int exit_code = kOk;
    for (const auto& path : options.inputs) {
        InputSummary summary = analyzer.read_capture(path);
        if (!summary.complete) {
            std::cerr << "camsweep: " << path << ": " << summary.error << '\n';
            exit_code = kIncompleteInput;
        }
        if (summary.malformed > 0 && common.verbosity >= 1)
            std::cerr << "camsweep: " << path << ": " << summary.malformed << " malformed packet(s) skipped"
                      << (common.verbosity >= 2 ? "" : " (details with --verbose)") << '\n';
    }
    Inventory inventory = analyzer.finish();

    std::ofstream file;
    std::ostream* out = &std::cout;
    if (!options.output.empty()) {
        file.open(options.output, std::ios::binary);
        if (!file) {
            std::cerr << "camsweep: " << options.output << ": cannot write: " << std::strerror(errno) << '\n';
            return kIncompleteInput;
        }
        out = &file;
    }
    if (options.format == "json") {
        write_json(*out, inventory, db);
    } else if (options.format == "csv") {
        write_csv(*out, inventory, db);
    } else {
        TableOptions table;
        table.verbosity = common.verbosity;
        table.color = common.color && out == &std::cout && isatty(STDOUT_FILENO) && std::getenv("NO_COLOR") == nullptr;
        write_table(*out, inventory, db, table);
    }
    out->flush();
    return exit_code;
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

}  // namespace camsweep::cli
