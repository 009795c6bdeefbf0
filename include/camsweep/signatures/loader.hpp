#pragma once
// Loading and validating signatures/: every problem is reported as "file:line:col: message".
#include <string>
#include <vector>

#include "camsweep/signatures/database.hpp"

namespace camsweep {

struct SignatureLoad {
    SignatureDatabase database;
    std::vector<std::string> errors;    // the database must not be used when non-empty
    std::vector<std::string> warnings;
    bool ok() const { return errors.empty(); }
};

SignatureLoad load_signatures(const std::string& directory);

}  // namespace camsweep
