// libFuzzer target: the signature loader (YAML parsing and validation). At start-up the bundled
// signatures are copied to a temporary directory; each input replaces one file of the copy (the
// first byte picks it from signature_files(); the rest is its text), the database is loaded and
// the file is put back.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iterator>

#include "fuzz_common.hpp"
#include "signature_files.hpp"
#include "camsweep/signatures/loader.hpp"
#include "camsweep/signatures/matcher.hpp"

namespace fs = std::filesystem;

namespace {

struct SignatureCopy {
    fs::path directory;
    std::vector<std::string> files;
    std::vector<std::string> originals;

    SignatureCopy() {
        std::string templ = (fs::temp_directory_path() / "camsweep-fuzz-signatures-XXXXXX").string();
        if (!mkdtemp(templ.data())) std::abort();
        directory = templ;
        fs::copy(CAMSWEEP_DEFAULT_SIGNATURES, directory, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
        files = camsweep::fuzz::signature_files(directory);
        for (const auto& name : files) originals.push_back(read(directory / name));
    }
    ~SignatureCopy() {
        std::error_code ignored;
        fs::remove_all(directory, ignored);
    }
    static std::string read(const fs::path& path) {
        std::ifstream in(path, std::ios::binary);
        return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    }
    static void write(const fs::path& path, std::string_view text) {
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    static SignatureCopy copy;
    if (size == 0) return 0;
    const std::size_t index = data[0] % copy.files.size();
    const fs::path path = copy.directory / copy.files[index];
    SignatureCopy::write(path, fuzz::text_of(data + 1, size - 1));
    SignatureLoad load = load_signatures(copy.directory.string());
    if (load.ok()) (void)run_rule_examples(load.database);
    SignatureCopy::write(path, copy.originals[index]);
    return 0;
}
