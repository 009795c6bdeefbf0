// camsweep: finds surveillance devices in network captures, names their real maker and
// flags equipment restricted by US law.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "usage.hpp"

int main(int argc, char** argv) {
    using namespace camsweep::cli;
    CLI::App app{"camsweep " CAMSWEEP_VERSION
                 " - find surveillance devices, name their true maker, flag NDAA §889 / FCC Covered List equipment"};
    app.require_subcommand(1);
    bool version_flag = false;  // handled before parsing: it needs no command (run_version)
    app.add_flag("--version", version_flag, "Print the version and the signature database's dates, then exit");
    app.footer("Exit codes: 0 ok, 1 an input was incomplete (partial results written), 2 usage error,\n"
               "3 invalid signature database, 4 signature self-test failed, 5 --fail-on findings, 6 a report could not be\n"
               "written. See docs/cli.md.");

    CommonOptions common;
    bool quiet = false, verbose = false, no_color = false;
    auto add_common = [&](CLI::App* cmd) {
        cmd->add_option("--signatures", common.signatures, "Signature database directory (default: the bundled signatures/)");
        cmd->add_flag("-q,--quiet", quiet, "Print only the summary line and errors");
        cmd->add_flag("-v,--verbose", verbose, "Print evidence per device and every packet-level warning");
        cmd->add_flag("--no-color", no_color, "Never colour the terminal table (also: NO_COLOR)");
    };

    AnalyzeOptions analyze;
    auto* analyze_cmd = app.add_subcommand("analyze", "Analyze capture files (pcap or pcapng, optionally gzip-compressed) and print the device inventory");
    analyze_cmd->add_option("captures", analyze.inputs, "Capture files")->required()->type_name("FILE");
    const std::vector<std::string> formats = {"table", "json", "csv", "html", "cyclonedx"};
    auto add_max_devices = [](CLI::App* cmd, AnalyzeOptions& options) {
        cmd->add_option("--max-devices", options.max_devices,
                        "Hold at most N devices; beyond it the least important are evicted (docs/robustness.md)")
            ->check(CLI::Range(std::size_t{1}, std::size_t{100000000}))
            ->default_str("100000");
    };
    auto add_fail_on = [](CLI::App* cmd, AnalyzeOptions& options) {
        cmd->add_option("--fail-on", options.fail_on,
                        "Exit with code 5 when a device is judged at this level or worse (covered < likely-covered < unknown; "
                        "unknown counts surveillance, telecom and unidentified devices, not phones and laptops)")
            ->transform(CLI::IsMember({"covered", "likely-covered", "unknown"}, CLI::ignore_case));
    };
    // What every inventory-producing command writes: analyze, sniff, scan and survey.
    auto add_report_options = [&](CLI::App* cmd, AnalyzeOptions& report) {
        cmd->add_option("-f,--format", report.format, "Output format (cyclonedx: CycloneDX 1.5 JSON)")
            ->transform(CLI::IsMember(formats, CLI::ignore_case))
            ->default_str("table");
        cmd->add_option("-o,--output", report.output, "Write the report to FILE instead of standard output (- is standard output)");
        cmd->add_option("--report", report.html_report, "Also write the self-contained HTML report to FILE")->type_name("FILE.html");
        cmd->add_option("--audit-date", report.audit_date, "Judge listings and ownership as of this date, YYYY-MM-DD (default: today, UTC)");
        add_fail_on(cmd, report);
        add_max_devices(cmd, report);
        add_common(cmd);
    };
    add_report_options(analyze_cmd, analyze);

    // The live capture's options, shared by sniff and survey.
    auto add_capture_options = [&](CLI::App* cmd, SniffOptions& capture, bool& no_promiscuous_flag) {
        auto* interface = cmd->add_option("-i,--interface", capture.interface, "Interface to capture on (needs root or CAP_NET_RAW)");
        if (cmd->get_name() == "survey") interface->required();  // sniff -D needs none
        cmd->add_option("--filter", capture.filter, "BPF filter expression, e.g. 'udp or tcp port 80'");
        cmd->add_option("--snaplen", capture.snaplen, "Bytes captured per packet")->check(CLI::Range(64, 262144))->default_str("65535");
        cmd->add_flag("--no-promiscuous", no_promiscuous_flag, "Do not put the interface in promiscuous mode");
    };

    SniffOptions sniff;
    AnalyzeOptions sniff_report;
    bool no_promiscuous = false;
    auto* sniff_cmd = app.add_subcommand("sniff", "Capture live from an interface; prints devices as they appear and the "
                                                  "inventory at the end (or on Ctrl-C / SIGTERM)");
    add_capture_options(sniff_cmd, sniff, no_promiscuous);
    sniff_cmd->add_option("--duration", sniff.duration, "Stop after this many seconds")->check(CLI::PositiveNumber);
    sniff_cmd->add_option("--count", sniff.count, "Stop after this many packets")->check(CLI::PositiveNumber);
    sniff_cmd->add_option("-w,--write", sniff.write_path, "Also keep every captured packet in this pcap file (the evidence)")
        ->type_name("FILE.pcap");
    sniff_cmd->add_flag("-D,--list-interfaces", sniff.list_interfaces, "List the interfaces camsweep can capture on, then exit");
    add_report_options(sniff_cmd, sniff_report);

    // The prober's options, shared by scan and survey.
    auto add_scan_options = [&](CLI::App* cmd, ScanCommandOptions& scan) {
        cmd->add_option("targets", scan.targets, "Addresses, CIDRs (10.0.0.0/24), ranges (10.0.0.1-40) or IPv6 literals")
            ->type_name("TARGET");
        cmd->add_option("--input-list", scan.target_file, "-iL FILE: read targets from FILE (whitespace-separated, '#' comments)")
            ->type_name("FILE");
        cmd->add_option("--exclude", scan.excludes, "Never probe these (comma-separated addresses, CIDRs, ranges)")->type_name("LIST");
        cmd->add_option("--excludefile", scan.exclude_file, "Never probe the entries in FILE")->type_name("FILE");
        cmd->add_option("-p,--ports", scan.ports,
                        "TCP ports to check, e.g. 80,443,8000-8100 (default: 80,443,554,8000,8080,8443,8554,34567,37777,49152)");
        cmd->add_option("--max-hosts", scan.max_hosts, "Refuse scopes of more hosts than this")
            ->default_str("65536")
            ->check(CLI::Range(std::uint64_t{1}, std::uint64_t{1} << 32));
        cmd->add_option("--rate", scan.rate, "New packets per second (echo requests, datagrams and connection attempts)")
            ->default_str("2500")
            ->check(CLI::Range(0.1, 100000.0));
        cmd->add_option("--max-inflight", scan.max_inflight, "TCP connections open at once (each host gets one at a time)")
            ->default_str("64")
            ->check(CLI::Range(std::size_t{1}, std::size_t{4096}));
        cmd->add_option("--connect-timeout", scan.connect_timeout, "Seconds to wait for a TCP connection")
            ->default_str("1.5")
            ->check(CLI::Range(0.01, 60.0));
        cmd->add_option("--timeout", scan.timeout, "Seconds one request may take, connection to last byte")
            ->default_str("5")
            ->check(CLI::Range(0.01, 300.0));
        cmd->add_option("--udp-wait", scan.udp_wait, "Seconds to wait for discovery replies after the last request")
            ->default_str("2")
            ->check(CLI::Range(0.0, 60.0));
        cmd->add_option("--udp-retries", scan.udp_retries, "Send each discovery request this many more times")
            ->default_str("1")
            ->check(CLI::Range(0u, 5u));
        cmd->add_option("--deadline", scan.deadline, "Stop after this many seconds and report what was found")->check(CLI::PositiveNumber);
        cmd->add_flag("--no-discovery", scan.no_discovery, "Skip the UDP discovery requests");
        cmd->add_flag("--no-follow-ups", scan.no_follow_ups, "Skip the TCP ports (discovery only)");
        cmd->add_flag("--no-multicast", scan.no_multicast,
                      "Send discovery unicast only: nothing to multicast groups or broadcast addresses (by default they are "
                      "searched on each interface whose subnet the targets reach)");
        auto* ping = cmd->add_flag("--ping", scan.ping,
                                   "Sweep first (ICMP echo and the neighbour table) and probe only the hosts that answer, whatever "
                                   "the scope's size (by default only scopes of more than 256 IPv4 hosts are swept)");
        cmd->add_flag("--no-ping", scan.no_ping, "Never sweep: probe every host of the scope, up or not (nmap -Pn)")->excludes(ping);
    };

    ScanCommandOptions scan;
    AnalyzeOptions scan_report;
    auto* scan_cmd = app.add_subcommand(
        "scan", "Probe hosts (read-only discovery requests, then HTTP, RTSP, TLS and ONVIF on open ports) and print the device "
                "inventory; nothing outside the targets is contacted (docs/scan.md)");
    add_scan_options(scan_cmd, scan);
    scan_cmd->add_flag("--dry-run", scan.dry_run, "Print the hosts and the probes each would get, and send nothing");
    add_report_options(scan_cmd, scan_report);

    ScanCommandOptions survey;
    AnalyzeOptions survey_report;
    SniffOptions survey_sniff;
    bool survey_no_promiscuous = false;
    auto* survey_cmd = app.add_subcommand(
        "survey", "Capture on an interface and scan the targets at once, into one inventory (needs root or CAP_NET_RAW)");
    add_capture_options(survey_cmd, survey_sniff, survey_no_promiscuous);
    survey_cmd->add_option("--linger", survey.linger, "Seconds the capture goes on after the scan")->default_str("2")
        ->check(CLI::Range(0.0, 3600.0));
    add_scan_options(survey_cmd, survey);
    add_report_options(survey_cmd, survey_report);

    DiffOptions diff;
    auto* diff_cmd = app.add_subcommand("diff", "Compare two JSON reports: new, gone and changed devices (firmware, IP, verdict)");
    diff_cmd->add_option("old", diff.older, "The earlier report (camsweep analyze -f json)")->required()->type_name("OLD.json");
    diff_cmd->add_option("new", diff.newer, "The later report")->required()->type_name("NEW.json");
    diff_cmd->add_option("-f,--format", diff.format, "Output format")
        ->transform(CLI::IsMember({"table", "json", "html"}, CLI::ignore_case))
        ->default_str("table");
    diff_cmd->add_option("-o,--output", diff.output, "Write to FILE instead of standard output");
    diff_cmd->add_option("--fail-on", diff.fail_on,
                         "Exit with code 5 when a device of the newer report is new, or newly judged, covered "
                         "(new-likely-covered: or likely-covered)")
        ->transform(CLI::IsMember({"new-covered", "new-likely-covered"}, CLI::ignore_case));

    ObservationsOptions observations;
    auto* observations_cmd = app.add_subcommand(
        "observations", "Print what each message said, one JSON object per line (protocol, endpoint, fields), before any rule");
    observations_cmd->add_option("captures", observations.inputs, "Capture files")->required()->type_name("FILE");
    observations_cmd->add_option("-o,--output", observations.output, "Write to FILE instead of standard output");
    add_common(observations_cmd);

    auto* protocols_cmd = app.add_subcommand("protocols", "List the protocols camsweep reads: carrier, default ports, field prefix, probe");

    auto* signatures_cmd = app.add_subcommand("signatures", "Check the signature database");
    signatures_cmd->require_subcommand(1);
    auto* lint_cmd = signatures_cmd->add_subcommand("lint", "Validate schema, ids, regexes and relation cycles");
    auto* test_cmd = signatures_cmd->add_subcommand("test", "Run every rule's examples and counter-examples");
    auto* brands_cmd = signatures_cmd->add_subcommand("brands", "List every brand with its maker or owner, certainty, dates and source");
    add_common(lint_cmd);
    add_common(test_cmd);
    add_common(brands_cmd);

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
    if (quiet && verbose) {
        std::cerr << "camsweep: -q/--quiet and -v/--verbose cannot be used together (see camsweep --help)\n";
        return kUsage;
    }
    common.verbosity = quiet ? 0 : verbose ? 2 : 1;
    common.color = !no_color;

    if (analyze_cmd->parsed()) return run_analyze(common, analyze);
    if (sniff_cmd->parsed()) {
        sniff.promiscuous = !no_promiscuous;
        return run_sniff(common, sniff_report, sniff);
    }
    for (auto [cmd, options] : {std::pair{scan_cmd, &scan}, std::pair{survey_cmd, &survey}}) {
        if (cmd->parsed() && options->targets.empty() && options->target_file.empty()) {
            std::cerr << "camsweep: " << cmd->get_name() << ": no targets (give addresses, CIDRs or ranges, or -iL FILE)\n";
            return kUsage;
        }
    }
    if (scan_cmd->parsed()) return run_scan(common, scan_report, scan);
    if (survey_cmd->parsed()) {
        survey_sniff.promiscuous = !survey_no_promiscuous;
        return run_survey(common, survey_report, survey_sniff, survey);
    }
    if (diff_cmd->parsed()) return run_diff(common, diff);
    if (observations_cmd->parsed()) return run_observations(common, observations);
    if (protocols_cmd->parsed()) return run_protocols(common);
    if (lint_cmd->parsed()) return run_signatures_lint(common);
    if (test_cmd->parsed()) return run_signatures_test(common);
    if (brands_cmd->parsed()) return run_signatures_brands(common);
    return kUsage;
}
