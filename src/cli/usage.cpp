#include "usage.hpp"

#include <algorithm>

namespace camsweep::cli {
namespace {

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::vector<std::string> command_names(const CLI::App& app) {
    std::vector<std::string> names;
    for (const CLI::App* sub : app.get_subcommands([](const CLI::App*) { return true; })) names.push_back(sub->get_name());
    return names;
}

std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

}  // namespace

std::string nearest_name(std::string_view word, const std::vector<std::string>& names) {
    if (word.empty()) return {};
    std::string best;
    std::size_t best_distance = 3;
    std::size_t prefixed = 0;
    std::string prefix_match;
    for (const auto& name : names) {
        if (name.starts_with(word)) {
            ++prefixed;
            prefix_match = name;
        }
        const std::size_t d = edit_distance(word, name);
        if (d < best_distance) {
            best_distance = d;
            best = name;
        }
    }
    if (!best.empty()) return best;
    return prefixed == 1 ? prefix_match : std::string();
}

std::optional<std::string> unknown_command(const CLI::App& app, const std::vector<std::string>& arguments) {
    const CLI::App* level = &app;
    for (const auto& argument : arguments) {
        if (argument.starts_with("-")) {
            // Before any command only --help and --version exist: anything else is a typo of one
            // of them or an option given before its command.
            if (level != &app || argument == "-h" || argument == "--help" || argument == "--version") return std::nullopt;
            const std::string near = nearest_name(argument, {"--help", "--version"});
            return "unknown option '" + argument + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?") +
                   (near.empty() ? " (options go after their command: camsweep COMMAND --help)" : "");
        }
        if (level == &app && argument == "help") return std::string("there is no help command: camsweep --help, or camsweep COMMAND --help");
        const auto names = command_names(*level);
        if (names.empty()) return std::nullopt;
        if (std::find(names.begin(), names.end(), argument) == names.end()) {
            const std::string where = level == &app ? "command" : level->get_name() + " command";
            const std::string near = nearest_name(argument, names);
            return "unknown " + where + " '" + argument + "'" + (near.empty() ? "" : "; did you mean '" + near + "'?") +
                   (near.empty() ? " (commands: " + joined(names) + ")" : "");
        }
        level = level->get_subcommand(argument);
        if (!level->get_require_subcommand_min()) return std::nullopt;
    }
    return std::nullopt;
}

std::string usage_sentence(const CLI::ParseError& error, const CLI::App& app) {
    const std::string what = error.what();
    if (what == "A subcommand is required") {
        // The deepest command given is the one missing its subcommand ("camsweep signatures").
        const CLI::App* level = &app;
        while (!level->get_subcommands().empty()) level = level->get_subcommands().front();
        if (level != &app) return level->get_name() + " needs a command: " + joined(command_names(*level));
        return "no command given (commands: " + joined(command_names(app)) + ")";
    }
    if (what.starts_with("A subcommand is required")) return "this command needs a subcommand: " + what.substr(what.find(':') + 1);
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        std::string rest = what.substr(what.find(':') + 1);
        return "unexpected argument" + std::string(rest.find(' ', 1) == std::string::npos ? "" : "s") + ":" + rest;
    }
    if (dynamic_cast<const CLI::ExcludesError*>(&error)) return "options that cannot be used together: " + what;
    if (auto* required = dynamic_cast<const CLI::RequiredError*>(&error); required && what.ends_with(" is required"))
        return "missing " + what.substr(0, what.size() - 12);
    std::string sentence = what;
    if (!sentence.empty() && sentence[0] >= 'A' && sentence[0] <= 'Z' && !(sentence.size() > 1 && sentence[1] >= 'A' && sentence[1] <= 'Z'))
        sentence[0] = static_cast<char>(sentence[0] - 'A' + 'a');
    return sentence;
}

}  // namespace camsweep::cli
