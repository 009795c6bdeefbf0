#pragma once
// Usage errors in sentences: an unknown command with the nearest one, and CLI11's parse errors
// rewritten the way nmap and tcpdump word theirs ("unknown command 'analyse'; did you mean
// 'analyze'?"). Pure functions of the argument list and the command tree (tests/e2e/cli_usage.sh).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace camsweep::cli {

// The name in `names` nearest to `word` (at most two edits, or `word` is a prefix of exactly
// one name); empty when none is near.
std::string nearest_name(std::string_view word, const std::vector<std::string>& names);

// For arguments in command-line order: the message for the first word that should name a
// command (of `app`, then of the chosen command's own subcommands) but names none; nullopt when
// the commands are all known (options are left to the parser).
std::optional<std::string> unknown_command(const CLI::App& app, const std::vector<std::string>& arguments);

// A parse error as one sentence, without CLI11's capitalised stock phrases.
std::string usage_sentence(const CLI::ParseError& error, const CLI::App& app);

}  // namespace camsweep::cli
