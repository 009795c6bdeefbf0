// camsweep-docgen: writes the man pages and the bash completion from the command tree that
// camsweep itself parses with (src/cli/command_line.hpp), so that both stay true to the program.
//
//   camsweep-docgen man DIR DATE        camsweep.1 and camsweep-COMMAND.1 into DIR
//   camsweep-docgen bash-completion FILE
//
// Built and run by the build (CMakeLists.txt); installed output only, the tool itself is not.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../../src/cli/command_line.hpp"

namespace {

using camsweep::cli::CommandLine;

// What a man page says beyond the option list: a longer description and examples. The option
// text itself comes from the command tree.
struct PageProse {
    std::string description;
    std::vector<std::pair<std::string, std::string>> examples;  // command, what it does
};

const std::map<std::string, PageProse>& prose() {
    static const std::map<std::string, PageProse> pages = {
        {"camsweep",
         {"camsweep finds surveillance devices (IP cameras, video doorbells, NVRs and DVRs, thermal cameras) and other "
          "network equipment in captures, on a live interface or by probing, names who really made them (through "
          "white-label brands), and judges each maker against NDAA FY2019 Section 889, the FCC Covered List, the Commerce "
          "Entity List and the other lists of its signature database. Every conclusion carries its evidence.",
          {{"camsweep analyze site.pcapng", "print the inventory of a capture"},
           {"camsweep scan 192.168.1.0/24", "probe a subnet, read-only"},
           {"camsweep COMMAND --help", "the options of one command"}}}},
        {"analyze",
         {"Reads capture files (pcap or pcapng, optionally gzip-compressed; - is standard input) and prints each device: "
          "its verdict, type, maker and brand, model, address and MAC, with the reason for the verdict under it. A capture that cannot be read fully still gives the devices "
          "read before the error, and the exit code is 1. When nothing could be read at all, no report is written, so an "
          "earlier report at the same path is kept.",
          {{"camsweep analyze site.pcapng", "the inventory as a table"},
           {"camsweep analyze -f json -o site.json --report site.html a.pcap b.pcap", "JSON and the HTML report, from two captures"},
           {"camsweep analyze --fail-on covered site.pcap", "exit 5 when a device is judged covered (for CI)"},
           {"tcpdump -i eth0 -w - | camsweep analyze -", "judge what tcpdump captures"}}}},
        {"sniff",
         {"Captures live from an interface (root or CAP_NET_RAW), prints each new device as it appears and writes the "
          "inventory when the capture ends: after --duration or --count, or on Ctrl-C or SIGTERM.",
          {{"camsweep sniff -i eth0 --duration 600 -w evidence.pcap", "ten minutes on a mirror port, packets kept"},
           {"camsweep sniff -D", "list the interfaces"}}}},
        {"scan",
         {"Probes the targets with read-only requests: discovery (SSDP, WS-Discovery, SADP, DHIP, mDNS and others), then "
          "HTTP, RTSP, TLS and ONVIF on open ports. Nothing outside the targets is contacted, no credentials are tried and "
          "nothing is written to a device.",
          {{"camsweep scan 10.0.0.0/24", "probe a subnet"},
           {"camsweep scan --dry-run -iL hosts.txt", "show what would be sent, send nothing"}}}},
        {"survey",
         {"Captures on an interface and scans the targets at once, into one inventory: the capture hears what the probes "
          "make devices say, with their MAC addresses.",
          {{"camsweep survey -i eth0 192.168.1.0/24 --report site.html", "capture and probe one subnet"}}}},
        {"diff",
         {"Compares two JSON reports: devices that are new, gone, or changed (firmware, address, verdict). Devices are "
          "matched by MAC address, then serial number, then UUID.",
          {{"camsweep diff q1.json q2.json", "what changed between two audits"},
           {"camsweep diff --fail-on new-covered old.json new.json", "exit 5 on a newly covered device"}}}},
        {"history",
         {"Lists the runs kept in a history database (time, sensor, command, inputs, device counts), or with --devices every "
          "device once across runs and sensors: first seen, last seen and its latest verdict, with new devices, devices gone "
          "from their sensor's latest run and changed verdicts marked. The history is a SQLite file, or a PostgreSQL database "
          "for a fleet of sensors; analyze, sniff, scan and survey write to it with --db.",
          {{"camsweep analyze site.pcap --db audits.db --site HQ", "keep a run"},
           {"camsweep history --db audits.db --devices", "every device once"},
           {"camsweep diff --db audits.db latest~1 latest", "what changed since the run before"}}}},
        {"rejudge",
         {"Reads a stored run's observations again through the current signature database and shows, as a diff, every device "
          "whose maker or verdict changed: after a listing is added, a run judged clean months ago can be checked without "
          "capturing again.",
          {{"camsweep rejudge --db audits.db", "the latest run, judged again today"},
           {"camsweep rejudge --db audits.db latest~3 --fail-on new-covered", "exit 5 when a device is newly covered"}}}},
        {"observations",
         {"Prints what each message said, one JSON object per line, before any rule: the raw evidence behind every "
          "conclusion.",
          {{"camsweep observations site.pcap | grep sadp", "the Hikvision SADP replies of a capture"}}}},
        {"protocols",
         {"Lists the protocols camsweep reads: carrier, default ports, field prefix and the probe the scanner sends.", {}}},
        {"signatures",
         {"Checks and lists the signature database: lint validates it (schema, ids, regexes, relation cycles, dates), test "
          "runs every rule's examples and counter-examples, brands lists every brand with its maker or owner.",
          {{"camsweep signatures lint --signatures ./my-signatures", "validate a modified database"},
           {"camsweep signatures brands", "the white-label map"}}}},
    };
    return pages;
}

// Text safe in roff: backslashes escaped, a leading dot or quote neutralised.
std::string roff(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\') out += "\\e";
        else if (c == '-') out += "\\-";
        else out += c;
    }
    if (!out.empty() && (out[0] == '.' || out[0] == '\'')) out.insert(0, "\\&");
    return out;
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
    return app.get_subcommands([](const CLI::App*) { return true; });
}

// "TEXT:{table,json,csv}" → the values of the set, when the option takes one of a set.
std::vector<std::string> choices_of(const CLI::Option& option) {
    const std::string type = option.get_type_name();
    const auto open = type.find('{'), close = type.rfind('}');
    std::vector<std::string> values;
    if (open == std::string::npos || close == std::string::npos || close < open) return values;
    std::stringstream list(type.substr(open + 1, close - open - 1));
    for (std::string value; std::getline(list, value, ',');)
        if (!value.empty()) values.push_back(value);
    return values;
}

// The placeholder of an option's value: its type name without the validators ("FILE", "N").
std::string value_name(const CLI::Option& option) {
    std::string type = option.get_type_name();
    if (const auto colon = type.find(':'); colon != std::string::npos) type.resize(colon);
    if (type.empty() || type == "TEXT") type = "VALUE";
    if (type == "UINT" || type == "INT" || type == "FLOAT") type = "N";
    const auto choices = choices_of(option);
    if (!choices.empty()) {
        type.clear();
        for (const auto& c : choices) type += (type.empty() ? "" : "|") + c;
    }
    return type;
}

void write_options(std::ostream& out, const CLI::App& cmd) {
    for (const CLI::Option* option : cmd.get_options()) {
        if (!option->nonpositional()) continue;
        if (option->get_lnames().size() == 1 && option->get_lnames()[0] == "help") continue;
        std::string names;
        for (const auto& s : option->get_snames()) names += (names.empty() ? "" : ", ") + std::string("\\fB\\-") + roff(s) + "\\fR";
        for (const auto& l : option->get_lnames()) names += (names.empty() ? "" : ", ") + std::string("\\fB\\-\\-") + roff(l) + "\\fR";
        if (option->get_items_expected_max() > 0) names += " \\fI" + roff(value_name(*option)) + "\\fR";
        out << ".TP\n" << names << '\n' << roff(option->get_description());
        if (!option->get_default_str().empty() && option->get_items_expected_max() > 0 && choices_of(*option).empty())
            out << " (default: " << roff(option->get_default_str()) << ")";
        out << '\n';
    }
    out << ".TP\n\\fB\\-h\\fR, \\fB\\-\\-help\\fR\nPrint the options and exit.\n";
}

std::string synopsis_of(const CLI::App& cmd) {
    std::string words;
    for (const CLI::Option* option : cmd.get_options()) {
        if (option->nonpositional()) continue;
        std::string word = "\\fI" + roff(value_name(*option)) + "\\fR" + (option->get_items_expected_max() > 1 ? "..." : "");
        words += " " + (option->get_required() ? word : "[" + word + "]");
    }
    return words;
}

void write_common_sections(std::ostream& out) {
    out << ".SH EXIT STATUS\n"
           ".TP\n0\nSuccess.\n.TP\n1\nAn input could not be read fully; partial results were written.\n"
           ".TP\n2\nUsage error.\n.TP\n3\nThe signature database is invalid.\n.TP\n4\nA signature self-test failed.\n"
           ".TP\n5\n\\fB\\-\\-fail\\-on\\fR findings.\n.TP\n6\nA report could not be written.\n"
           ".TP\n7\nThe history database could not be opened or written (\\fB\\-\\-db\\fR); a report was written first.\n"
           ".SH ENVIRONMENT\n"
           ".TP\nCAMSWEEP_SIGNATURES\nThe signature database directory when \\fB\\-\\-signatures\\fR is not given.\n"
           ".TP\nCOLUMNS\nThe width the table is fitted to.\n"
           ".TP\nNO_COLOR\nWhen set, the table is never coloured.\n"
           ".SH FILES\n"
           ".TP\n\\fIPREFIX\\fR/share/camsweep/signatures\n"
           "The signature database: vendors, brands, legal listings with citations, OUI prefixes and fingerprint rules, "
           "found next to the installed program.\n";
}

void write_page(std::ostream& out, const CLI::App& app, const CLI::App* cmd, const std::string& date) {
    const std::string name = cmd ? "camsweep-" + cmd->get_name() : "camsweep";
    std::string upper;
    for (char c : name) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const PageProse& page = prose().at(cmd ? cmd->get_name() : "camsweep");
    out << ".\\\" Generated by camsweep-docgen from the program's command tree; do not edit.\n"
        << ".TH " << roff(upper) << " 1 \"" << date << "\" \"camsweep " CAMSWEEP_VERSION "\" \"camsweep manual\"\n"
        << ".SH NAME\n" << roff(name) << " \\- " << roff(cmd ? cmd->get_description() : "find surveillance devices and judge their makers")
        << '\n' << ".SH SYNOPSIS\n";
    if (!cmd) {
        out << ".B camsweep\n\\fICOMMAND\\fR [\\fIOPTIONS\\fR]\n.br\n.B camsweep \\-\\-version\n";
    } else {
        const auto children = subcommands_of(*cmd);
        if (children.empty()) {
            out << ".B camsweep " << roff(cmd->get_name()) << "\n[\\fIOPTIONS\\fR]" << synopsis_of(*cmd) << '\n';
        } else {
            for (const CLI::App* child : children)
                out << ".B camsweep " << roff(cmd->get_name()) << ' ' << roff(child->get_name()) << "\n[\\fIOPTIONS\\fR]\n.br\n";
        }
    }
    out << ".SH DESCRIPTION\n" << roff(page.description) << '\n';
    if (!cmd) {
        out << ".SH COMMANDS\n";
        for (const CLI::App* child : subcommands_of(app))
            out << ".TP\n\\fBcamsweep\\-" << roff(child->get_name()) << "\\fR(1)\n" << roff(child->get_description()) << '\n';
        out << ".SH OPTIONS\n.TP\n\\fB\\-\\-version\\fR\n" << roff(app.get_option("--version")->get_description()) << '\n';
    } else if (const auto children = subcommands_of(*cmd); !children.empty()) {
        out << ".SH COMMANDS\n";
        for (const CLI::App* child : children) {
            out << ".SS " << roff(cmd->get_name()) << ' ' << roff(child->get_name()) << '\n' << roff(child->get_description()) << '\n';
            write_options(out, *child);
        }
    } else {
        out << ".SH OPTIONS\n";
        write_options(out, *cmd);
    }
    if (!page.examples.empty()) {
        out << ".SH EXAMPLES\n";
        for (const auto& [command, what] : page.examples) out << ".TP\n.B " << roff(command) << '\n' << roff(what) << '\n';
    }
    write_common_sections(out);
    out << ".SH SEE ALSO\n";
    std::string see;
    if (cmd) see = "\\fBcamsweep\\fR(1)";
    for (const CLI::App* child : subcommands_of(app))
        if (!cmd || child != cmd) see += (see.empty() ? "" : ", ") + std::string("\\fBcamsweep\\-") + roff(child->get_name()) + "\\fR(1)";
    out << see << ", \\fBtcpdump\\fR(8), \\fBnmap\\fR(1)\n";
}

int write_man_pages(const std::filesystem::path& dir, const std::string& date) {
    CommandLine cl;
    std::filesystem::create_directories(dir);
    auto write = [&](const CLI::App* cmd) {
        const std::filesystem::path path = dir / ((cmd ? "camsweep-" + cmd->get_name() : std::string("camsweep")) + ".1");
        std::ofstream file(path);
        write_page(file, cl.app, cmd, date);
        if (!file) {
            std::cerr << "camsweep-docgen: " << path.string() << ": cannot write\n";
            return false;
        }
        return true;
    };
    bool ok = write(nullptr);
    for (const CLI::App* cmd : subcommands_of(cl.app)) ok = write(cmd) && ok;
    return ok ? 0 : 1;
}

// The words a command line may continue with: subcommands, then options; for an option that
// takes a value, how to complete the value (a set, files, interfaces or nothing).
void write_completion_case(std::ostream& out, const std::string& path, const CLI::App& cmd) {
    std::string words;
    for (const CLI::App* child : subcommands_of(cmd)) words += " " + child->get_name();
    std::string values;  // case arms for the previous word
    bool takes_files = false;
    for (const CLI::Option* option : cmd.get_options()) {
        if (!option->nonpositional()) {
            // Captures, reports (OLD.json): files; targets and run names are not.
            const std::string name = value_name(*option);
            takes_files = takes_files || name.find("FILE") != std::string::npos || name.find(".json") != std::string::npos;
            continue;
        }
        std::vector<std::string> names;
        for (const auto& s : option->get_snames()) names.push_back("-" + s);
        for (const auto& l : option->get_lnames()) names.push_back("--" + l);
        std::string pattern;
        for (const auto& n : names) {
            words += " " + n;
            pattern += (pattern.empty() ? "" : "|") + n;
        }
        if (option->get_items_expected_max() == 0) continue;
        const auto choices = choices_of(*option);
        std::string reply;
        if (!choices.empty()) {
            std::string list;
            for (const auto& c : choices) list += (list.empty() ? "" : " ") + c;
            reply = "COMPREPLY=($(compgen -W '" + list + "' -- \"$cur\"))";
        } else if (pattern.find("--interface") != std::string::npos) {
            reply = "COMPREPLY=($(compgen -W \"$(ls /sys/class/net 2>/dev/null)\" -- \"$cur\"))";
        } else if (pattern.find("--signatures") != std::string::npos) {
            reply = "COMPREPLY=($(compgen -d -- \"$cur\"))";
        } else if (value_name(*option).find("FILE") != std::string::npos || pattern.find("--output") != std::string::npos ||
                   pattern.find("--db") != std::string::npos) {
            reply = "COMPREPLY=($(compgen -f -- \"$cur\"))";
        } else {
            reply = "COMPREPLY=()";
        }
        values += "            " + pattern + ") " + reply + "; return ;;\n";
    }
    out << "        \"" << path << "\")\n"
        << "            case \"$prev\" in\n" << values << "            esac\n"
        << "            if [[ \"$cur\" == -* ]]; then COMPREPLY=($(compgen -W '" << words.substr(1) << "' -- \"$cur\"))\n";
    if (takes_files)
        out << "            else COMPREPLY=($(compgen -f -- \"$cur\"))\n";
    else
        out << "            else COMPREPLY=($(compgen -W '" << words.substr(1) << "' -- \"$cur\"))\n";
    out << "            fi ;;\n";
}

int write_bash_completion(const std::filesystem::path& path) {
    CommandLine cl;
    std::ofstream out(path);
    out << "# bash completion for camsweep; generated by camsweep-docgen from the program's command tree.\n"
           "_camsweep() {\n"
           "    local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\" path=\"\" i word\n"
           "    # the command path so far: the words before the cursor that name commands\n"
           "    for ((i = 1; i < COMP_CWORD; i++)); do\n"
           "        word=\"${COMP_WORDS[i]}\"\n"
           "        case \"$path $word\" in\n";
    std::string arms;
    for (const CLI::App* cmd : subcommands_of(cl.app)) {
        out << "            \" " << cmd->get_name() << "\") path=\"" << cmd->get_name() << "\" ;;\n";
        for (const CLI::App* child : subcommands_of(*cmd))
            out << "            \"" << cmd->get_name() << ' ' << child->get_name() << "\") path=\"" << cmd->get_name() << ' '
                << child->get_name() << "\" ;;\n";
    }
    out << "        esac\n"
           "    done\n"
           "    case \"$path\" in\n";
    write_completion_case(out, "", cl.app);
    for (const CLI::App* cmd : subcommands_of(cl.app)) {
        write_completion_case(out, cmd->get_name(), *cmd);
        for (const CLI::App* child : subcommands_of(*cmd)) write_completion_case(out, cmd->get_name() + " " + child->get_name(), *child);
    }
    out << "    esac\n"
           "}\n"
           "complete -F _camsweep camsweep\n";
    if (!out) {
        std::cerr << "camsweep-docgen: " << path.string() << ": cannot write\n";
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 3 && args[0] == "man") return write_man_pages(args[1], args[2]);
    if (args.size() == 2 && args[0] == "bash-completion") return write_bash_completion(args[1]);
    std::cerr << "usage: camsweep-docgen man DIR DATE | camsweep-docgen bash-completion FILE\n";
    return 2;
}
