#include "camsweep/pipeline/analyzer.hpp"

#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "camsweep/capture/capture_file.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/pipeline/packet_dissector.hpp"

namespace camsweep {

Analyzer::Analyzer(const SignatureDatabase& db, AnalyzerOptions options)
    : db_(db),
      options_(std::move(options)),
      builder_(db, InventoryBuilderOptions{options_.audit_date, options_.max_devices,
                                           [this](const DeviceEvent& event) {
                                               if (event.kind == DeviceEventKind::created && options_.on_new_device)
                                                   options_.on_new_device(event.cause);
                                           }}),
      reassembler_(options_.reassembly) {
    inventory_.audit_date = options_.audit_date;
}

void Analyzer::warn(InputSummary& summary, const std::string& message) {
    (void)summary;
    if (++warnings_this_input_ > options_.max_warnings_per_input) return;
    std::string line = printable(message);
    inventory_.warnings.push_back(line);
    if (options_.on_warning) options_.on_warning(line);
}

void Analyzer::observe(Observation& obs, InputSummary& summary) {
    if (obs.fields.empty()) return;
    ++summary.observations;
    if (options_.on_observation) options_.on_observation(obs);
    if (std::uint64_t evicted = builder_.add(obs); evicted > 0) {
        if (summary.devices_evicted == 0) {
            // Once per input, whatever the warning budget: the inventory is no longer complete.
            std::string line = printable(obs.where + ": device table full (at most " + std::to_string(builder_.max_devices()) +
                                         " devices and " + std::to_string(builder_.max_observation_bytes() >> 20) +
                                         " MiB of observations): evicting those with the least evidence (ARP-only chatter "
                                         "first, never a device with discovery or banner fields while a lesser one is held); "
                                         "the count is in inputs[].devices_evicted, raise --max-devices to keep more");
            inventory_.warnings.push_back(line);
            if (options_.on_warning) options_.on_warning(line);
        }
        summary.devices_evicted += evicted;
    }
}

void Analyzer::feed_frame(int link_type, Bytes frame, double time, const std::string& where, InputSummary& summary) {
    ++summary.packets;
    last_time_ = time;
    summary.bytes += frame.size();
    DecodedPacket packet;
    std::string error = decode_packet(link_type, frame, packet);
    if (!error.empty()) {
        ++summary.malformed;
        warn(summary, where + ": " + error);
        if (packet.ethertype == 0 && packet.transport == Transport::none) return;
    }
    if (packet.fragment) {
        if (!defragmenter_.add(packet, time, reassembled_)) return;
        std::string problem = decode_reassembled_transport(Bytes(reassembled_.data(), reassembled_.size()), packet);
        if (!problem.empty()) {
            ++summary.malformed;
            warn(summary, where + ": reassembled datagram: " + problem);
            return;
        }
    }
    if (packet.transport == Transport::tcp) {
        reassembler_.add(packet, time, where, [&](Observation& obs, const std::string& problem) {
            if (!problem.empty()) {
                ++summary.malformed;
                warn(summary, obs.where + ": " + obs.protocol + ": " + problem);
            }
            observe(obs, summary);
        });
        return;
    }
    Observation obs;
    std::string problem;
    const ProtocolDescriptor* protocol = dissect_packet(packet, time, where, obs, problem, &memo_);
    if (!protocol) return;
    if (!problem.empty()) {
        ++summary.malformed;
        warn(summary, where + ": " + std::string(protocol->protocol) + ": " + problem);
    }
    observe(obs, summary);
}

InputSummary Analyzer::read_capture(const std::string& path) {
    InputSummary summary;
    summary.path = path;
    warnings_this_input_ = 0;
    std::string error;
    auto file = CaptureFile::open(path, error);
    if (!file) {
        summary.complete = false;
        summary.error = error;
        inventory_.inputs.push_back(summary);
        return summary;
    }
    summary.format = file->format();
    ReadProgress progress;
    progress.path = path;
    std::error_code ec;
    progress.file_bytes = std::filesystem::file_size(path, ec);
    if (ec) progress.file_bytes = 0;

    CaptureRecord record;
    // "path:frame N" for every frame: the prefix is written once and the number counted up in
    // place (frames are numbered 1, 2, 3, ...), so naming a frame costs a few instructions.
    std::string where = path + ":frame 0";
    const std::size_t number_at = where.size() - 1;
    std::uint64_t named = 0;
    int last_link_type = -1;  // frames of one file nearly always share their link type
    bool last_supported = false;
    while (file->next(record)) {
        if (record.link_type != last_link_type) {
            if (std::find(summary.link_types.begin(), summary.link_types.end(), record.link_type) == summary.link_types.end()) {
                summary.link_types.push_back(record.link_type);
                if (!is_supported_link_type(record.link_type))
                    warn(summary, path + ":frame " + std::to_string(record.number) + ": link type " + std::to_string(record.link_type) +
                                      " is not supported; its frames are skipped");
            }
            last_link_type = record.link_type;
            last_supported = is_supported_link_type(record.link_type);
        }
        if (!last_supported) {
            ++summary.packets;
            continue;
        }
        if (record.number == named + 1) {
            std::size_t i = where.size();
            while (i > number_at && where[i - 1] == '9') where[--i] = '0';
            if (i == number_at) where.insert(number_at, 1, '1');
            else ++where[i - 1];
        } else {
            char digits[24];
            where.resize(number_at);
            where.append(digits, std::to_chars(digits, digits + sizeof digits, record.number).ptr);
        }
        named = record.number;
        feed_frame(record.link_type, record.data, record.time, where, summary);
        if (options_.on_progress && (record.number & 0xfff) == 0) {
            progress.packets = summary.packets;
            progress.bytes_done = file->compressed_bytes_read();
            options_.on_progress(progress);
        }
        if (options_.should_stop && (record.number & 0xfff) == 0 && options_.should_stop()) {
            summary.complete = false;
            summary.error = "reading stopped after frame " + std::to_string(record.number);
            break;
        }
    }
    if (warnings_this_input_ > options_.max_warnings_per_input) {
        std::string line = path + ": " + std::to_string(warnings_this_input_ - options_.max_warnings_per_input) +
                           " further warning(s) not shown";
        inventory_.warnings.push_back(line);
        if (options_.on_warning) options_.on_warning(line);
    }
    if (!file->error().empty()) {
        summary.complete = false;
        summary.error = "capture ends early after frame " + std::to_string(record.number) + ": " + file->error();
    }
    if (options_.on_progress) {
        progress.packets = summary.packets;
        progress.bytes_done = progress.file_bytes;
        options_.on_progress(progress);
    }
    inventory_.inputs.push_back(summary);
    return summary;
}

InputSummary& Analyzer::begin_input(const std::string& name, const std::string& format) {
    warnings_this_input_ = 0;
    InputSummary summary;
    summary.path = name;
    summary.format = format;
    inventory_.inputs.push_back(summary);
    return inventory_.inputs.back();
}

Inventory Analyzer::finish() {
    // Streams still waiting for more data (the capture ended mid-flow) are read as they are.
    InputSummary flushed;
    reassembler_.flush(last_time_, [&](Observation& obs, const std::string&) { observe(obs, flushed); });
    inventory_.vendors_as_of = db_.vendors_as_of;
    inventory_.listings_as_of = db_.listings_as_of;
    Inventory out = inventory_;
    if (!out.inputs.empty()) out.inputs.back().devices_evicted += flushed.devices_evicted;
    out.devices = builder_.judged_devices();
    return out;
}

}  // namespace camsweep
