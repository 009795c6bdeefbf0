#pragma once
// The signature files the signature_loader target can replace, in a fixed order shared with
// make_corpus.cpp: the first input byte picks one (modulo the count).
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

namespace camsweep::fuzz {

// Paths relative to the signatures directory: vendors.yaml, listings.yaml, policy.yaml, then
// rules/*.yaml and oui/*.yaml, each sorted by name.
inline std::vector<std::string> signature_files(const std::filesystem::path& directory) {
    std::vector<std::string> files = {"vendors.yaml", "listings.yaml", "policy.yaml"};
    for (const char* sub : {"rules", "oui"}) {
        std::vector<std::string> names;
        if (std::filesystem::is_directory(directory / sub))
            for (const auto& entry : std::filesystem::directory_iterator(directory / sub))
                if (entry.path().extension() == ".yaml") names.push_back(std::string(sub) + "/" + entry.path().filename().string());
        std::sort(names.begin(), names.end());
        files.insert(files.end(), names.begin(), names.end());
    }
    return files;
}

}  // namespace camsweep::fuzz
