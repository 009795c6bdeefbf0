#pragma once
// The camsweep command tree: every command, option and its help text, defined once. main()
// parses with it; camsweep-docgen writes the man pages and the bash completion from it, so
// neither can drift from what the program accepts.
#include <CLI/CLI.hpp>

#include "commands.hpp"

namespace camsweep::cli {

// Options are bound to the members by reference: one CommandLine lives where it was made.
struct CommandLine {
    CommandLine();
    CommandLine(const CommandLine&) = delete;
    CommandLine& operator=(const CommandLine&) = delete;

    CLI::App app;
    bool version_flag = false;  // handled before parsing: it needs no command (run_version)
    CommonOptions common;
    bool quiet = false, verbose = false, no_color = false;
    AnalyzeOptions analyze, sniff_report, scan_report, survey_report;
    SniffOptions sniff, survey_sniff;
    bool no_promiscuous = false, survey_no_promiscuous = false;
    ScanCommandOptions scan, survey;
    DiffOptions diff;
    ObservationsOptions observations;
    HistoryOptions history;
    RejudgeOptions rejudge;

    CLI::App* analyze_cmd = nullptr;
    CLI::App* sniff_cmd = nullptr;
    CLI::App* scan_cmd = nullptr;
    CLI::App* survey_cmd = nullptr;
    CLI::App* diff_cmd = nullptr;
    CLI::App* observations_cmd = nullptr;
    CLI::App* history_cmd = nullptr;
    CLI::App* rejudge_cmd = nullptr;
    CLI::App* protocols_cmd = nullptr;
    CLI::App* signatures_cmd = nullptr;
    CLI::App* lint_cmd = nullptr;
    CLI::App* test_cmd = nullptr;
    CLI::App* brands_cmd = nullptr;
};

}  // namespace camsweep::cli
