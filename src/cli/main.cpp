// camsweep: finds surveillance devices in network captures, names their real maker and
// flags equipment restricted by US law.
#include <CLI/CLI.hpp>

#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
    using namespace camsweep::cli;
    CLI::App app{"camsweep " CAMSWEEP_VERSION
                 " - find surveillance devices, name their true maker, flag NDAA §889 / FCC Covered List equipment"};
    app.require_subcommand(1);
    app.set_version_flag("--version", CAMSWEEP_VERSION);
    app.footer("Exit codes: 0 ok, 1 an input was incomplete (partial results written), 2 usage error,\n"
               "3 invalid signature database, 4 signature self-test failed. See docs/cli.md.");

    CommonOptions common;
    bool quiet = false, verbose = false, no_color = false;
    auto add_common = [&](CLI::App* cmd) {
        cmd->add_option("--signatures", common.signatures, "Signature database directory (default: the bundled signatures/)");
        cmd->add_flag("-q,--quiet", quiet, "Print only the summary line and errors");
        cmd->add_flag("-v,--verbose", verbose, "Print evidence per device and every packet-level warning");
        cmd->add_flag("--no-color", no_color, "Never colour the terminal table (also: NO_COLOR)");
    };

    AnalyzeOptions analyze;
    auto* analyze_cmd = app.add_subcommand("analyze", "Analyze capture files (pcap or pcapng) and print the device inventory");
    analyze_cmd->add_option("captures", analyze.inputs, "Capture files")->required()->type_name("FILE");
    analyze_cmd->add_option("-f,--format", analyze.format, "Output format")
        ->check(CLI::IsMember({"table", "json", "csv"}))
        ->default_str("table");
    analyze_cmd->add_option("-o,--output", analyze.output, "Write the report to FILE instead of standard output");
    analyze_cmd->add_option("--audit-date", analyze.audit_date,
                            "Judge listings and ownership as of this date, YYYY-MM-DD (default: today, UTC)");
    add_common(analyze_cmd);

    auto* signatures_cmd = app.add_subcommand("signatures", "Check the signature database");
    signatures_cmd->require_subcommand(1);
    auto* lint_cmd = signatures_cmd->add_subcommand("lint", "Validate schema, ids, regexes and relation cycles");
    auto* test_cmd = signatures_cmd->add_subcommand("test", "Run every rule's examples and counter-examples");
    add_common(lint_cmd);
    add_common(test_cmd);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "camsweep: " << e.what() << " (see camsweep --help)\n";
        return kUsage;
    }
    common.verbosity = quiet ? 0 : verbose ? 2 : 1;
    common.color = !no_color;

    if (analyze_cmd->parsed()) return run_analyze(common, analyze);
    if (lint_cmd->parsed()) return run_signatures_lint(common);
    if (test_cmd->parsed()) return run_signatures_test(common);
    return kUsage;
}
