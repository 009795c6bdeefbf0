// libFuzzer target: the capture file reader (pcap, pcapng, gzip). Input: a whole file, read
// through a memory file until the end or the first error.
#include "fuzz_common.hpp"
#include "camsweep/capture/capture_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace camsweep;
    static fuzz::MemoryFile file;
    std::string error;
    auto capture = CaptureFile::open(file.write(data, size), error);
    if (!capture) return 0;
    CaptureRecord record;
    std::size_t bytes = 0;
    while (capture->next(record)) bytes += record.data.size() + static_cast<std::size_t>(record.link_type);
    (void)capture->bytes_read();
    (void)capture->compressed_bytes_read();
    (void)bytes;
    return 0;
}
