#pragma once
// The SHA-256 of an input file as stored on disk, the digest `sha256sum` prints: an auditor can
// show that the report was made from the capture that was handed over (docs/report-format.md).
#include <string>

namespace camsweep {

// Lowercase hex; empty with `error` set when the file cannot be read to its end.
std::string sha256_of_file(const std::string& path, std::string& error);

}  // namespace camsweep
