#pragma once
// Helpers shared by the signature loader tests: a signature directory in a temporary directory,
// and checks that an error names its file:line:col.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "camsweep/signatures/loader.hpp"
#include "unit_helpers.hpp"

namespace camsweep::test {

// A signature directory under a fresh temporary directory; tests change it file by file.
struct SignatureDir {
    TempDir tmp;
    std::filesystem::path dir = tmp.path() / "signatures";

    SignatureLoad load() const { return load_signatures(dir.string()); }
    // Writes `text` to `relative` (under the signature directory), then loads.
    SignatureLoad load_with(const std::filesystem::path& relative, const std::string& text) {
        write_file(dir / relative, text);
        return load();
    }
};

inline std::string all(const std::vector<std::string>& lines) {
    std::string out;
    for (const auto& l : lines) out += l + "\n";
    return out;
}

// 1-based line of the first occurrence of `needle` in `text`.
inline int line_of(const std::string& text, std::string_view needle) {
    auto pos = text.find(needle);
    EXPECT_NE(pos, std::string::npos) << needle;
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(pos), '\n'));
}

// The one error containing `what` must start with "signatures/<file>:<line>:<col>: ".
inline void expect_error_at(const SignatureLoad& load, std::string_view file, int line, std::string_view what) {
    std::string prefix = "signatures/" + std::string(file) + ":" + std::to_string(line) + ":";
    bool found = false;
    for (const auto& e : load.errors) {
        if (e.find(what) == std::string::npos) continue;
        found = true;
        EXPECT_EQ(e.rfind(prefix, 0), 0u) << "error '" << e << "' should start with " << prefix;
        EXPECT_TRUE(std::regex_search(e, std::regex(R"(^[^:]+:\d+:\d+: )"))) << e;
    }
    EXPECT_TRUE(found) << "no error containing '" << what << "' in:\n" << all(load.errors);
}

}  // namespace camsweep::test
