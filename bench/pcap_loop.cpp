// The benchmark's anchor: a bare libpcap read loop over a capture, touching every byte of
// every packet (so the comparison with camsweep includes reading the data, not just headers).
#include <pcap/pcap.h>

#include <cstdint>
#include <cstdio>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: camsweep-bench-pcaploop CAPTURE\n");
        return 2;
    }
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_open_offline(argv[1], errbuf);
    if (!p) {
        std::fprintf(stderr, "camsweep-bench-pcaploop: %s\n", errbuf);
        return 1;
    }
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    std::uint64_t packets = 0, bytes = 0, checksum = 0;
    int rc;
    while ((rc = pcap_next_ex(p, &header, &data)) >= 0) {
        if (rc == 0) continue;
        ++packets;
        bytes += header->caplen;
        for (std::uint32_t i = 0; i < header->caplen; i += 64) checksum += data[i];  // one touch per cache line
    }
    pcap_close(p);
    std::printf("%llu packets, %llu bytes (checksum %llu)\n", static_cast<unsigned long long>(packets),
                static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(checksum));
    return 0;
}
