#pragma once
// The sub-commands of the camsweep CLI. Each returns the process exit code (docs/cli.md).
#include <string>
#include <vector>

namespace camsweep::cli {

enum ExitCode : int {
    kOk = 0,
    kIncompleteInput = 1,   // an input could not be read fully; partial results were written
    kUsage = 2,             // bad command line
    kBadSignatures = 3,     // the signature database is invalid
    kSignatureTestsFailed = 4,
};

struct CommonOptions {
    std::string signatures;  // directory
    int verbosity = 1;       // 0 quiet, 1 normal, 2 verbose
    bool color = true;       // still only on a terminal
};

struct AnalyzeOptions {
    std::vector<std::string> inputs;
    std::string format = "table";
    std::string output;      // "" = standard output
    std::string audit_date;  // "" = today (UTC)
};

int run_analyze(const CommonOptions&, const AnalyzeOptions&);
int run_signatures_lint(const CommonOptions&);
int run_signatures_test(const CommonOptions&);

}  // namespace camsweep::cli
