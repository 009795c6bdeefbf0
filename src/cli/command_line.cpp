#include "command_line.hpp"

#include <cstdlib>
#include <string>
#include <vector>

namespace camsweep::cli {
namespace {

// CLI11's PositiveNumber prints the double range in full ("not in range 0.000000 to 1797…").
const CLI::Validator kPositive(
    [](std::string& value) {
        char* end = nullptr;
        const double number = std::strtod(value.c_str(), &end);
        if (end == value.c_str() || *end != '\0') return "'" + value + "' is not a number";
        return number > 0 ? std::string() : "must be greater than 0, got " + value;
    },
    "POSITIVE");

}  // namespace

CommandLine::CommandLine()
    : app{"camsweep " CAMSWEEP_VERSION " - find surveillance devices, name their true maker, flag NDAA §889 / FCC Covered List equipment"} {
    app.require_subcommand(1);
    analyze.command = "analyze";
    sniff_report.command = "sniff";
    scan_report.command = "scan";
    survey_report.command = "survey";
    app.add_flag("--version", version_flag, "Print the version and the signature database's dates, then exit");
    app.footer("Exit codes: 0 ok, 1 an input was incomplete (partial results written), 2 usage error,\n"
               "3 invalid signature database, 4 signature self-test failed, 5 --fail-on findings, 6 a report could not be\n"
               "written, 7 --db: the run could not be stored (the report was written). "
               "See docs/cli.md.");

    auto add_common = [&](CLI::App* cmd) {
        cmd->add_option("--signatures", common.signatures, "Signature database directory (default: CAMSWEEP_SIGNATURES, else the one installed with camsweep)")
            ->type_name("DIR");
        cmd->add_flag("-q,--quiet", quiet, "Print only the summary line and errors");
        cmd->add_flag("-v,--verbose", verbose, "Print evidence per device and every packet-level warning");
        cmd->add_flag("--no-color", no_color, "Never colour the terminal table (also: NO_COLOR)");
    };

    analyze_cmd = app.add_subcommand("analyze", "Analyze capture files (pcap or pcapng, optionally gzip-compressed) and print the device inventory");
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
        cmd->add_option("-o,--output", report.output, "Write the report to FILE instead of standard output (- is standard output)")
            ->type_name("FILE");
        cmd->add_option("--report", report.html_report, "Also write the self-contained HTML report to FILE")->type_name("FILE.html");
        cmd->add_option("--audit-date", report.audit_date, "Judge listings and ownership as of this date, YYYY-MM-DD (default: today, UTC)")
            ->type_name("DATE");
        cmd->add_option("--title", report.title, "Title of the report (HTML heading, JSON and CycloneDX), e.g. 'Q4 camera audit'")
            ->type_name("TEXT");
        cmd->add_option("--site", report.site, "Where the inputs were taken, named in the report, e.g. 'Building 12, VLAN 40'")
            ->type_name("TEXT");
        add_fail_on(cmd, report);
        add_max_devices(cmd, report);
        cmd->add_option("--db", report.db,
                        "Also keep the run in this history: a SQLite file, or postgresql://… for a fleet (docs/history.md)")
            ->type_name("PATH|URL");
        cmd->add_option("--sensor", report.sensor, "Name of this sensor in the history (default: the host name)")->type_name("NAME");
        add_common(cmd);
    };
    add_report_options(analyze_cmd, analyze);

    // The live capture's options, shared by sniff and survey.
    auto add_capture_options = [&](CLI::App* cmd, SniffOptions& capture, bool& no_promiscuous_flag) {
        auto* interface = cmd->add_option("-i,--interface", capture.interface, "Interface to capture on (needs root or CAP_NET_RAW)")->type_name("IFACE");
        if (cmd->get_name() == "survey") interface->required();  // sniff -D needs none
        cmd->add_option("--filter", capture.filter, "BPF filter expression, e.g. 'udp or tcp port 80'")->type_name("EXPR");
        cmd->add_option("--snaplen", capture.snaplen, "Bytes captured per packet")->check(CLI::Range(64, 262144))->default_str("65535");
        cmd->add_flag("--no-promiscuous", no_promiscuous_flag, "Do not put the interface in promiscuous mode");
    };

    sniff_cmd = app.add_subcommand("sniff", "Capture live from an interface; prints devices as they appear and the "
                                                  "inventory at the end (or on Ctrl-C / SIGTERM)");
    add_capture_options(sniff_cmd, sniff, no_promiscuous);
    sniff_cmd->add_option("--duration", sniff.duration, "Stop after this many seconds")->check(kPositive);
    sniff_cmd->add_option("--count", sniff.count, "Stop after this many packets")->check(kPositive);
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
                        "TCP ports to check, e.g. 80,443,8000-8100 (default: 80,443,554,8000,8080,8443,8554,34567,37777,49152)")
            ->type_name("PORTS");
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
        cmd->add_option("--deadline", scan.deadline, "Stop after this many seconds and report what was found")->check(kPositive);
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

    scan_cmd = app.add_subcommand(
        "scan", "Probe hosts (read-only discovery requests, then HTTP, RTSP, TLS and ONVIF on open ports) and print the device "
                "inventory; nothing outside the targets is contacted (docs/scan.md)");
    add_scan_options(scan_cmd, scan);
    scan_cmd->add_flag("--dry-run", scan.dry_run, "Print the hosts and the probes each would get, and send nothing");
    add_report_options(scan_cmd, scan_report);

    survey_cmd = app.add_subcommand(
        "survey", "Capture on an interface and scan the targets at once, into one inventory (needs root or CAP_NET_RAW)");
    add_capture_options(survey_cmd, survey_sniff, survey_no_promiscuous);
    survey_cmd->add_option("--linger", survey.linger, "Seconds the capture goes on after the scan")->default_str("2")
        ->check(CLI::Range(0.0, 3600.0));
    add_scan_options(survey_cmd, survey);
    add_report_options(survey_cmd, survey_report);

    diff_cmd = app.add_subcommand("diff", "Compare two JSON reports, or two runs of the history: new, gone and changed devices "
                                          "(firmware, IP, verdict)");
    diff_cmd->add_option("old", diff.older, "The earlier report (camsweep analyze -f json); with --db, a run (latest~1, an id)")
        ->type_name("OLD.json");
    diff_cmd->add_option("new", diff.newer, "The later report; with --db, a run (latest, an id)")->type_name("NEW.json");
    diff_cmd->add_option("--db", diff.db, "Compare runs of this history instead of files (docs/history.md)")->type_name("PATH|URL");
    diff_cmd->add_option("--since", diff.since, "With --db: the last run before this date against the latest run")->type_name("DATE");
    diff_cmd->add_option("--sensor", diff.sensor, "With --since: only the runs of this sensor")->type_name("NAME");
    diff_cmd->add_option("-f,--format", diff.format, "Output format")
        ->transform(CLI::IsMember({"table", "json", "html"}, CLI::ignore_case))
        ->default_str("table");
    diff_cmd->add_option("-o,--output", diff.output, "Write to FILE instead of standard output")->type_name("FILE");
    diff_cmd->add_option("--fail-on", diff.fail_on,
                         "Exit with code 5 when a device of the newer report is new, or newly judged, covered "
                         "(new-likely-covered: or likely-covered)")
        ->transform(CLI::IsMember({"new-covered", "new-likely-covered"}, CLI::ignore_case));

    observations_cmd = app.add_subcommand(
        "observations", "Print what each message said, one JSON object per line (protocol, endpoint, fields), before any rule");
    observations_cmd->add_option("captures", observations.inputs, "Capture files")->required()->type_name("FILE");
    observations_cmd->add_option("-o,--output", observations.output, "Write to FILE instead of standard output")->type_name("FILE");
    add_common(observations_cmd);

    history_cmd = app.add_subcommand("history", "List the runs kept in a history database, or (--devices) every device once "
                                                "with first and last seen and its latest verdict");
    history_cmd->add_option("--db", history.db, "The history: a SQLite file or postgresql://… (docs/history.md)")
        ->required()
        ->type_name("PATH|URL");
    history_cmd->add_flag("--devices", history.devices, "Every device once: first seen, last seen, latest verdict; new, gone and "
                                                        "changed verdicts marked");
    history_cmd->add_option("-f,--format", history.format, "Output format")
        ->transform(CLI::IsMember({"table", "json"}, CLI::ignore_case))
        ->default_str("table");
    history_cmd->add_option("-o,--output", history.output, "Write to FILE instead of standard output")->type_name("FILE");

    rejudge_cmd = app.add_subcommand("rejudge", "Judge a stored run's observations again with the current signature database and "
                                                "show what changed");
    rejudge_cmd->add_option("run", rejudge.run, "The run: latest (default), latest~N, an id or a unique prefix")->type_name("RUN");
    rejudge_cmd->add_option("--db", rejudge.db, "The history: a SQLite file or postgresql://…")->required()->type_name("PATH|URL");
    rejudge_cmd->add_option("-f,--format", rejudge.format, "Output format")
        ->transform(CLI::IsMember({"table", "json", "html"}, CLI::ignore_case))
        ->default_str("table");
    rejudge_cmd->add_option("-o,--output", rejudge.output, "Write to FILE instead of standard output")->type_name("FILE");
    rejudge_cmd->add_option("--audit-date", rejudge.audit_date, "Judge as of this date, YYYY-MM-DD (default: today, UTC)")
        ->type_name("DATE");
    rejudge_cmd->add_option("--fail-on", rejudge.fail_on, "Exit with code 5 when a device is newly judged covered "
                                                          "(new-likely-covered: or likely-covered)")
        ->transform(CLI::IsMember({"new-covered", "new-likely-covered"}, CLI::ignore_case));
    add_common(rejudge_cmd);

    protocols_cmd = app.add_subcommand("protocols", "List the protocols camsweep reads: carrier, default ports, field prefix, probe");

    signatures_cmd = app.add_subcommand("signatures", "Check the signature database");
    signatures_cmd->require_subcommand(1);
    lint_cmd = signatures_cmd->add_subcommand("lint", "Validate schema, ids, regexes and relation cycles");
    test_cmd = signatures_cmd->add_subcommand("test", "Run every rule's examples and counter-examples");
    brands_cmd = signatures_cmd->add_subcommand("brands", "List every brand with its maker or owner, certainty, dates and source");
    add_common(lint_cmd);
    add_common(test_cmd);
    add_common(brands_cmd);

}

}  // namespace camsweep::cli
