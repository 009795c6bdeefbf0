#include "camsweep/capture/live_capture.hpp"

#include <arpa/inet.h>
#include <poll.h>
#include <pcap/pcap.h>


namespace camsweep {

LiveCapture::~LiveCapture() {
    if (dumper_) pcap_dump_close(static_cast<pcap_dumper_t*>(dumper_));
    if (handle_) pcap_close(static_cast<pcap_t*>(handle_));
}

std::vector<CaptureInterface> LiveCapture::interfaces(std::string& error) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_if_t* list = nullptr;
    if (pcap_findalldevs(&list, errbuf) != 0) {
        error = std::string("cannot list interfaces: ") + errbuf;
        return {};
    }
    std::vector<CaptureInterface> out;
    for (pcap_if_t* dev = list; dev; dev = dev->next) {
        CaptureInterface entry;
        entry.name = dev->name;
        if (dev->description) entry.description = dev->description;
        entry.up = dev->flags & PCAP_IF_UP;
        entry.running = dev->flags & PCAP_IF_RUNNING;
        entry.loopback = dev->flags & PCAP_IF_LOOPBACK;
        for (pcap_addr_t* a = dev->addresses; a; a = a->next) {
            if (!a->addr) continue;
            char text[INET6_ADDRSTRLEN] = {};
            if (a->addr->sa_family == AF_INET)
                inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->addr)->sin_addr, text, sizeof text);
            else if (a->addr->sa_family == AF_INET6)
                inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(a->addr)->sin6_addr, text, sizeof text);
            if (text[0]) entry.addresses.emplace_back(text);
        }
        out.push_back(std::move(entry));
    }
    pcap_freealldevs(list);
    return out;
}

std::unique_ptr<LiveCapture> LiveCapture::open(const LiveCaptureOptions& options, std::string& error) {
    char errbuf[PCAP_ERRBUF_SIZE] = {};
    pcap_t* p = pcap_create(options.interface.c_str(), errbuf);
    if (!p) {
        error = options.interface + ": " + errbuf;
        return nullptr;
    }
    std::unique_ptr<LiveCapture> capture(new LiveCapture);
    capture->handle_ = p;
    pcap_set_snaplen(p, options.snaplen);
    pcap_set_promisc(p, options.promiscuous ? 1 : 0);
    pcap_set_timeout(p, options.poll_milliseconds);
    pcap_set_immediate_mode(p, 1);  // devices appear as they speak, not when a buffer fills
    pcap_set_buffer_size(p, 8 * 1024 * 1024);
    int rc = pcap_activate(p);
    if (rc < 0) {
        error = options.interface + ": " + (rc == PCAP_ERROR ? std::string(pcap_geterr(p)) : std::string(pcap_statustostr(rc)));
        if (rc == PCAP_ERROR_PERM_DENIED) error += " (capturing needs root or CAP_NET_RAW)";
        return nullptr;
    }
    if (!options.filter.empty()) {
        bpf_program program{};
        if (pcap_compile(p, &program, options.filter.c_str(), 1, PCAP_NETMASK_UNKNOWN) != 0) {
            error = "filter '" + options.filter + "': " + pcap_geterr(p);
            return nullptr;
        }
        rc = pcap_setfilter(p, &program);
        pcap_freecode(&program);
        if (rc != 0) {
            error = "filter '" + options.filter + "': " + pcap_geterr(p);
            return nullptr;
        }
    }
    // libpcap's own read timeout does not end a wait on a quiet interface in immediate mode (a
    // sniff --duration would never stop): reads are non-blocking and next() waits with poll().
    if (pcap_setnonblock(p, 1, errbuf) != 0) {
        error = options.interface + ": " + errbuf;
        return nullptr;
    }
    if (!options.write_path.empty()) {
        capture->dumper_ = pcap_dump_open(p, options.write_path.c_str());
        if (!capture->dumper_) {
            error = options.write_path + ": cannot write: " + pcap_geterr(p);
            return nullptr;
        }
    }
    capture->selectable_fd_ = pcap_get_selectable_fd(p);
    capture->poll_milliseconds_ = options.poll_milliseconds;
    capture->link_type_ = pcap_datalink(p);
    return capture;
}

int LiveCapture::next(CaptureRecord& record) {
    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    int rc = pcap_next_ex(static_cast<pcap_t*>(handle_), &header, &data);
    if (rc == 0 && selectable_fd_ >= 0) {
        pollfd readable{selectable_fd_, POLLIN, 0};
        if (::poll(&readable, 1, poll_milliseconds_) > 0) rc = pcap_next_ex(static_cast<pcap_t*>(handle_), &header, &data);
    }
    if (rc == 0 && dumper_) pcap_dump_flush(static_cast<pcap_dumper_t*>(dumper_));  // a quiet moment: on disk
    if (rc == 1) {
        if (dumper_) pcap_dump(static_cast<u_char*>(dumper_), header, data);
        record.link_type = link_type_;
        record.time = static_cast<double>(header->ts.tv_sec) + static_cast<double>(header->ts.tv_usec) / 1e6;
        record.original_length = header->len;
        record.data = Bytes(data, header->caplen);
        record.number = ++number_;
        return 1;
    }
    if (rc == 0 || rc == PCAP_ERROR_BREAK) return 0;
    error_ = pcap_geterr(static_cast<pcap_t*>(handle_));
    return -1;
}

void LiveCapture::interrupt() { pcap_breakloop(static_cast<pcap_t*>(handle_)); }

std::uint64_t LiveCapture::dropped() const {
    pcap_stat stats{};
    if (pcap_stats(static_cast<pcap_t*>(handle_), &stats) != 0) return 0;
    return stats.ps_drop;
}

}  // namespace camsweep
