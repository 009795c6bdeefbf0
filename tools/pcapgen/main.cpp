// camsweep-pcapgen: writes the project's own sample and test captures
// (see include/camsweep/synth/scenarios.hpp). Regenerate the bundled sample with
//   camsweep-pcapgen sample-lan -o pcaps/sample-lan.pcap
#include <CLI/CLI.hpp>

#include <iostream>
#include <map>

#include "camsweep/synth/scenarios.hpp"

int main(int argc, char** argv) {
    const std::map<std::string, camsweep::synth::PcapWriter (*)()> scenarios = {
        {"sample-lan", camsweep::synth::sample_lan},
    };
    CLI::App app{"camsweep-pcapgen - write camsweep's generated sample captures"};
    std::string scenario, output;
    std::vector<std::string> names;
    for (const auto& [name, _] : scenarios) names.push_back(name);
    app.add_option("scenario", scenario, "Which capture to write")->required()->check(CLI::IsMember(names));
    app.add_option("-o,--output", output, "Output pcap file")->required();
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "camsweep-pcapgen: " << e.what() << " (see --help)\n";
        return 2;
    }
    auto writer = scenarios.at(scenario)();
    if (!writer.write(output)) {
        std::cerr << "camsweep-pcapgen: " << output << ": cannot write\n";
        return 1;
    }
    std::cerr << "camsweep-pcapgen: wrote " << output << " (" << writer.bytes().size() << " bytes)\n";
    return 0;
}
