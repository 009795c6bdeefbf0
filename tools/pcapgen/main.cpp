// camsweep-pcapgen: writes the project's own sample and test captures
// (see include/camsweep/synth/scenarios.hpp). Regenerate the bundled sample with
//   camsweep-pcapgen write sample-lan -o pcaps/sample-lan.pcap
#include <CLI/CLI.hpp>
#include <pcap/pcap.h>

#include <cstdio>
#include <iostream>
#include <map>

#include "camsweep/capture/capture_file.hpp"
#include "camsweep/synth/flood.hpp"
#include "camsweep/synth/hostile.hpp"
#include "camsweep/synth/protocol_scenarios.hpp"
#include "camsweep/synth/scenarios.hpp"

namespace {

// Sends every frame of a capture out of an interface, as fast as the interface takes them.
// Used by the live-capture test inside network namespaces it creates; never aimed elsewhere.
int replay(const std::string& interface, const std::string& path) {
    std::string error;
    auto file = camsweep::CaptureFile::open(path, error);
    if (!file) {
        std::cerr << "camsweep-pcapgen: " << path << ": " << error << '\n';
        return 1;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* out = pcap_open_live(interface.c_str(), 65535, 0, 100, errbuf);
    if (!out) {
        std::cerr << "camsweep-pcapgen: " << interface << ": " << errbuf << '\n';
        return 1;
    }
    camsweep::CaptureRecord record;
    std::uint64_t sent = 0;
    while (file->next(record)) {
        if (pcap_inject(out, record.data.data(), record.data.size()) < 0) {
            std::cerr << "camsweep-pcapgen: " << interface << ": " << pcap_geterr(out) << '\n';
            pcap_close(out);
            return 1;
        }
        ++sent;
    }
    pcap_close(out);
    std::cerr << "camsweep-pcapgen: sent " << sent << " frames on " << interface << '\n';
    return file->error().empty() ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::map<std::string, camsweep::synth::PcapWriter (*)()> scenarios = {
        {"sample-lan", camsweep::synth::sample_lan},
        {"hostile-banners", camsweep::synth::hostile_banners},
        {"proto-arp-dhcp", camsweep::synth::proto_arp_dhcp},
        {"proto-dhcpv6-eui64", camsweep::synth::proto_dhcpv6_eui64},
        {"proto-dns-mdns", camsweep::synth::proto_dns_mdns},
        {"proto-ssdp-wsd", camsweep::synth::proto_ssdp_wsd},
        {"proto-sadp", camsweep::synth::proto_sadp},
        {"proto-dhip-5050", camsweep::synth::proto_dhip_5050},
        {"proto-xiongmai", camsweep::synth::proto_xiongmai},
        {"proto-tcp-banners", camsweep::synth::proto_tcp_banners},
        {"proto-vlan-linktypes", camsweep::synth::proto_vlan_linktypes},
        {"proto-linux-sll2", camsweep::synth::proto_linux_sll2},
        {"proto-maker-discovery", camsweep::synth::proto_maker_discovery},
    };
    CLI::App app{"camsweep-pcapgen - write camsweep's generated sample captures, or replay one onto an interface"};
    app.require_subcommand(1);
    std::string scenario, output, interface, input;
    std::vector<std::string> names;
    for (const auto& [name, _] : scenarios) names.push_back(name);
    auto* write_cmd = app.add_subcommand("write", "Write a generated capture");
    write_cmd->add_option("scenario", scenario, "Which capture to write")->required()->check(CLI::IsMember(names));
    write_cmd->add_option("-o,--output", output, "Output pcap file")->required();
    double megabytes = 1024;
    std::string mix = "lan";
    auto* bench_cmd = app.add_subcommand("bench", "Write a large benchmark capture (docs/performance.md)");
    bench_cmd->add_option("-o,--output", output, "Output pcap file")->required();
    bench_cmd->add_option("--megabytes", megabytes, "Approximate size")->check(CLI::PositiveNumber)->default_str("1024");
    bench_cmd->add_option("--mix", mix, "lan: RTP with a rare burst of discovery and banners; chatter: hundreds of cameras "
                                        "announcing themselves, about 6 % of the frames")
        ->check(CLI::IsMember({"lan", "chatter"}))
        ->default_str("lan");
    // Streamed to the file, and not among `write`'s scenarios: tests that run every scenario
    // (report_schema, cyclonedx) would otherwise analyse 3 million frames each.
    auto* flood_cmd = app.add_subcommand("flood-macs", "Write the flood capture for the resource-ceiling test (tests/e2e/flood.sh)");
    flood_cmd->add_option("-o,--output", output, "Output pcap file")->required();
    auto* replay_cmd = app.add_subcommand("replay", "Send a capture's frames out of an interface (for namespace labs)");
    replay_cmd->add_option("-i,--interface", interface, "Interface")->required();
    replay_cmd->add_option("capture", input, "Capture file")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "camsweep-pcapgen: " << e.what() << " (see --help)\n";
        return 2;
    }
    if (replay_cmd->parsed()) return replay(interface, input);
    if (bench_cmd->parsed()) {
        camsweep::synth::BenchCounts counts;
        const auto kind = mix == "chatter" ? camsweep::synth::BenchMix::chatter : camsweep::synth::BenchMix::lan;
        if (!camsweep::synth::write_bench(output, static_cast<std::uint64_t>(megabytes * 1e6), kind, counts)) {
            std::cerr << "camsweep-pcapgen: " << output << ": cannot write\n";
            return 1;
        }
        auto percent = [&](std::uint64_t n) {
            char text[16];
            std::snprintf(text, sizeof text, "%.2f %%", counts.frames ? 100.0 * static_cast<double>(n) / static_cast<double>(counts.frames) : 0.0);
            return std::string(text);
        };
        std::cerr << "camsweep-pcapgen: wrote " << output << " (" << mix << " mix): " << counts.frames << " frames, "
                  << counts.chatter_frames << " of discovery, DHCP, DNS and banners (" << percent(counts.chatter_frames) << "), "
                  << counts.arp_frames << " ARP (" << percent(counts.arp_frames) << ")\n";
        return 0;
    }
    if (flood_cmd->parsed()) {
        if (!camsweep::synth::write_flood_macs(output)) {
            std::cerr << "camsweep-pcapgen: " << output << ": cannot write\n";
            return 1;
        }
        std::cerr << "camsweep-pcapgen: wrote " << output << '\n';
        return 0;
    }
    auto writer = scenarios.at(scenario)();
    if (!writer.write(output)) {
        std::cerr << "camsweep-pcapgen: " << output << ": cannot write\n";
        return 1;
    }
    std::cerr << "camsweep-pcapgen: wrote " << output << " (" << writer.bytes().size() << " bytes)\n";
    return 0;
}
