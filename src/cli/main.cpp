// camsweep: finds surveillance devices in network captures, names their real maker and
// flags equipment restricted by US law.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "command_line.hpp"
#include "commands.hpp"
#include "usage.hpp"

int main(int argc, char** argv) {
    using namespace camsweep::cli;
    auto command_line = std::make_unique<CommandLine>();
    CommandLine& cl = *command_line;
    CLI::App& app = cl.app;
    CommonOptions& common = cl.common;

    // nmap's "-iL FILE" is one dash and two letters, which no option parser takes as a short
    // option: it is spelled --input-list here and accepted in nmap's form too.
    const std::vector<std::string> in_order(argv + 1, argv + argc);
    if (std::find(in_order.begin(), in_order.end(), "--version") != in_order.end()) {
        if (auto at = std::find(in_order.begin(), in_order.end(), "--signatures"); at != in_order.end() && at + 1 != in_order.end())
            common.signatures = *(at + 1);
        return run_version(common);
    }
    if (auto message = unknown_command(app, in_order)) {
        std::cerr << "camsweep: " << *message << '\n';
        return kUsage;
    }
    std::vector<std::string> arguments(in_order.rbegin(), in_order.rend());  // CLI11 takes them last first
    for (auto& argument : arguments)
        if (argument == "-iL") argument = "--input-list";
    try {
        app.parse(arguments);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "camsweep: " << usage_sentence(e, app) << " (see camsweep --help)\n";
        return kUsage;
    }
    if (cl.quiet && cl.verbose) {
        std::cerr << "camsweep: -q/--quiet and -v/--verbose cannot be used together (see camsweep --help)\n";
        return kUsage;
    }
    common.verbosity = cl.quiet ? 0 : cl.verbose ? 2 : 1;
    common.color = !cl.no_color;

    if (cl.analyze_cmd->parsed()) return run_analyze(common, cl.analyze);
    if (cl.sniff_cmd->parsed()) {
        cl.sniff.promiscuous = !cl.no_promiscuous;
        return run_sniff(common, cl.sniff_report, cl.sniff);
    }
    for (auto [cmd, options] : {std::pair{cl.scan_cmd, &cl.scan}, std::pair{cl.survey_cmd, &cl.survey}}) {
        if (cmd->parsed() && options->targets.empty() && options->target_file.empty()) {
            std::cerr << "camsweep: " << cmd->get_name() << ": no targets (give addresses, CIDRs or ranges, or -iL FILE)\n";
            return kUsage;
        }
    }
    if (cl.scan_cmd->parsed()) return run_scan(common, cl.scan_report, cl.scan);
    if (cl.survey_cmd->parsed()) {
        cl.survey_sniff.promiscuous = !cl.survey_no_promiscuous;
        return run_survey(common, cl.survey_report, cl.survey_sniff, cl.survey);
    }
    if (cl.diff_cmd->parsed()) return run_diff(common, cl.diff);
    if (cl.observations_cmd->parsed()) return run_observations(common, cl.observations);
    if (cl.history_cmd->parsed()) return run_history(common, cl.history);
    if (cl.rejudge_cmd->parsed()) return run_rejudge(common, cl.rejudge);
    if (cl.protocols_cmd->parsed()) return run_protocols(common);
    if (cl.lint_cmd->parsed()) return run_signatures_lint(common);
    if (cl.test_cmd->parsed()) return run_signatures_test(common);
    if (cl.brands_cmd->parsed()) return run_signatures_brands(common);
    return kUsage;
}
