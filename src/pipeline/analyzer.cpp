#include "camsweep/pipeline/analyzer.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <future>
#include <thread>

#include "camsweep/capture/capture_file.hpp"
#include "camsweep/capture/file_digest.hpp"
#include "camsweep/core/text.hpp"
#include "camsweep/pipeline/packet_dissector.hpp"

namespace camsweep {

Analyzer::Analyzer(const SignatureDatabase& db, AnalyzerOptions options)
    : db_(db),
      options_(std::move(options)),
      builder_(db, InventoryBuilderOptions{options_.audit_date, options_.max_devices,
                                           [this](const DeviceEvent& event) {
                                               if (options_.on_device_event) options_.on_device_event(event);
                                           },
                                           options_.database_ready}),
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
    if (summary.first_packet_time == 0) summary.first_packet_time = time;
    summary.last_packet_time = time;
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

// Whether feed_frame would do anything with this frame but count it: decode it, and see whether it
// does not decode, is a fragment or a TCP segment, or is claimed by a datagram protocol. Pure.
bool Analyzer::frame_is_read(int link_type, Bytes frame, double time) {
    DecodedPacket packet;
    if (!decode_packet(link_type, frame, packet).empty()) return true;  // a warning to give
    if (packet.fragment || packet.transport == Transport::tcp) return true;
    if (packet.transport != Transport::none && packet.transport != Transport::udp) return false;
    return packet_claimant(packet, time) != nullptr;
}

// The stateful half of read_capture, on its own thread: the kept frames through feed_frame in
// order, the counted ones into the summary, progress and stop at the progress points. Every
// callback of AnalyzerOptions is called from here while the file is read (one thread at a time).
void Analyzer::consume_frames(FrameQueue& queue, const std::string& path, InputSummary& summary, ReadProgress& progress,
                              std::uint64_t& stopped_after) {
    std::string where = path + ":frame ";
    const std::size_t number_at = where.size();
    FrameBatch batch;
    while (queue.pop(batch)) {
        for (const auto& f : batch.frames) {
            char digits[24];
            where.resize(number_at);
            where.append(digits, std::to_chars(digits, digits + sizeof digits, f.number).ptr);
            feed_frame(f.link_type, Bytes(batch.bytes.data() + f.offset, f.size), f.time, where, summary);
        }
        summary.packets += batch.counted_packets;
        summary.bytes += batch.counted_bytes;
        if (batch.any_frame) last_time_ = batch.last_time;
        if (!batch.progress_point) continue;
        if (options_.on_progress) {
            progress.packets = summary.packets;
            progress.bytes_done = batch.progress_bytes_done;
            options_.on_progress(progress);
        }
        if (options_.should_stop && options_.should_stop()) {
            stopped_after = batch.progress_number;
            queue.stop();
            return;
        }
    }
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
    // The file's digest, read a second time from the page cache while the first read decodes it.
    std::future<std::string> digest;
    std::string digest_error;
    if (options_.hash_inputs && path != "-")
        digest = std::async(std::launch::async, [&path, &digest_error] { return sha256_of_file(path, digest_error); });
    ReadProgress progress;
    progress.path = path;
    std::error_code ec;
    progress.file_bytes = std::filesystem::file_size(path, ec);
    if (ec) progress.file_bytes = 0;

    // Two threads (docs/performance.md): this one reads and decodes every frame and keeps the
    // few that something reads; the consumer feeds those to the stateful part in order. Most
    // frames of a busy network (video) are decoded once here and only counted.
    FrameQueue queue;
    std::uint64_t stopped_after = 0;
    std::thread consumer([&] { consume_frames(queue, path, summary, progress, stopped_after); });
    FrameBatch batch = queue.spare();
    auto send = [&] {
        bool taken = queue.push(std::move(batch));
        batch = queue.spare();
        return taken;
    };
    constexpr std::size_t kBatchBytes = 1 << 20;
    CaptureRecord record;
    double first_time = 0, last_time = 0;  // of the supported frames: the capture window
    int last_link_type = -1;  // frames of one file nearly always share their link type
    bool last_supported = false;
    while (file->next(record)) {
        if (record.link_type != last_link_type) {
            if (std::find(summary.link_types.begin(), summary.link_types.end(), record.link_type) == summary.link_types.end()) {
                summary.link_types.push_back(record.link_type);
                if (!is_supported_link_type(record.link_type)) {
                    // A warning in frame order: after everything before this frame is fed.
                    if (!send()) break;
                    queue.drain();
                    warn(summary, path + ":frame " + std::to_string(record.number) + ": link type " + std::to_string(record.link_type) +
                                      " is not supported; its frames are skipped");
                }
            }
            last_link_type = record.link_type;
            last_supported = is_supported_link_type(record.link_type);
        }
        if (!last_supported) {
            ++batch.counted_packets;
            continue;
        }
        batch.any_frame = true;
        batch.last_time = record.time;
        if (first_time == 0) first_time = record.time;
        last_time = record.time;
        if (frame_is_read(record.link_type, record.data, record.time)) {
            batch.frames.push_back({batch.bytes.size(), record.data.size(), record.link_type, record.time, record.number});
            batch.bytes.insert(batch.bytes.end(), record.data.begin(), record.data.end());
        } else {
            ++batch.counted_packets;
            batch.counted_bytes += record.data.size();
        }
        if ((record.number & 0xfff) == 0) {
            batch.progress_point = true;
            batch.progress_number = record.number;
            batch.progress_bytes_done = file->compressed_bytes_read();
            if (!send()) break;
        } else if (batch.bytes.size() >= kBatchBytes) {
            if (!send()) break;
        }
    }
    if (!queue.stopped()) send();
    queue.finish();
    consumer.join();
    summary.first_packet_time = first_time;
    summary.last_packet_time = last_time;
    if (digest.valid()) {
        summary.sha256 = digest.get();
        if (summary.sha256.empty()) warn(summary, path + ": no SHA-256: " + digest_error);
    }
    if (stopped_after != 0) {
        summary.complete = false;
        summary.error = "reading stopped after frame " + std::to_string(stopped_after);
    }
    if (warnings_this_input_ > options_.max_warnings_per_input) {
        std::string line = path + ": " + std::to_string(warnings_this_input_ - options_.max_warnings_per_input) +
                           " further warning(s) not shown";
        inventory_.warnings.push_back(line);
        if (options_.on_warning) options_.on_warning(line);
    }
    if (stopped_after == 0 && !file->error().empty()) {
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

InputSummary Analyzer::read_live(LiveSource& source, const LiveReadOptions& options) {
    InputSummary& summary = begin_input(options.name, "live");
    const auto start = std::chrono::steady_clock::now();
    auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    CaptureRecord record;
    std::string where;
    while (!(options.stop && options.stop->load())) {
        if (options.duration > 0 && seconds() >= options.duration) break;
        if (options.count > 0 && summary.packets >= options.count) break;
        int rc = source.next(record);
        if (rc < 0) {
            summary.complete = false;
            summary.error = source.error();
            break;
        }
        add_posted();
        if (rc == 0) continue;
        where.assign(options.name).append(":frame ").append(std::to_string(record.number));
        feed_frame(record.link_type, record.data, record.time, where, summary);
    }
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

void Analyzer::post(Observation obs, std::size_t input) {
    std::lock_guard lock(posted_mutex_);
    posted_.emplace_back(std::move(obs), input);
    has_posted_ = true;
}

void Analyzer::add(Observation& obs, std::size_t input) {
    if (input < inventory_.inputs.size()) observe(obs, inventory_.inputs[input]);
}

void Analyzer::add_posted() {
    if (!has_posted_.load(std::memory_order_relaxed)) return;
    std::vector<std::pair<Observation, std::size_t>> batch;
    {
        std::lock_guard lock(posted_mutex_);
        batch.swap(posted_);
        has_posted_ = false;
    }
    for (auto& [obs, input] : batch) add(obs, input);
}

Inventory Analyzer::finish() {
    add_posted();
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
