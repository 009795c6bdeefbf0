#pragma once
// The hand-off between the two threads that read a capture file (Analyzer::read_capture): the
// reader decodes every frame and keeps only those something downstream reads (a claimed datagram,
// a TCP segment, a fragment, a frame that does not decode), copied into batches; the other thread
// feeds them, in order, to the stateful part (defragmenter, reassembler, dissectors, correlator).
// Bounded in batches and bytes: a reader ahead of its consumer waits.
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <vector>

namespace camsweep {

struct FrameBatch {
    struct Frame {
        std::size_t offset = 0, size = 0;  // in `bytes`
        int link_type = 0;
        double time = 0;
        std::uint64_t number = 0;
    };
    std::vector<std::uint8_t> bytes;
    std::vector<Frame> frames;
    // Frames between and after them that nothing reads: counted only.
    std::uint64_t counted_packets = 0, counted_bytes = 0;
    bool any_frame = false;     // a supported frame (kept or counted) is in the batch
    double last_time = 0;       // of the last supported frame
    // The batch ends at a progress point (every 4,096th frame): the consumer reports progress
    // and asks whether to stop there.
    bool progress_point = false;
    std::uint64_t progress_number = 0, progress_bytes_done = 0;

    void clear() {
        bytes.clear();
        frames.clear();
        counted_packets = counted_bytes = 0;
        any_frame = progress_point = false;
        last_time = 0;
        progress_number = progress_bytes_done = 0;
    }
};

class FrameQueue {
public:
    static constexpr std::size_t kMaxBatches = 16;
    static constexpr std::size_t kMaxBytes = 8 << 20;

    // Reader side: waits while the queue is full; false once the consumer has stopped.
    bool push(FrameBatch&& batch) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return stopped_ || (batches_.size() < kMaxBatches && bytes_ + batch.bytes.size() <= kMaxBytes) ||
                                       batches_.empty(); });
        if (stopped_) return false;
        bytes_ += batch.bytes.size();
        batches_.push_back(std::move(batch));
        ready_.notify_one();
        return true;
    }
    // A batch for the reader to fill, recycled from the consumer when one is free.
    FrameBatch spare() {
        std::lock_guard lock(mutex_);
        if (spares_.empty()) return {};
        FrameBatch batch = std::move(spares_.back());
        spares_.pop_back();
        batch.clear();
        return batch;
    }
    void finish() {  // no more batches
        std::lock_guard lock(mutex_);
        finished_ = true;
        ready_.notify_one();
    }
    // Waits until every batch pushed so far has been consumed (the consumer is idle).
    void drain() {
        std::unique_lock lock(mutex_);
        idle_.wait(lock, [&] { return stopped_ || (batches_.empty() && !busy_); });
    }

    // Consumer side: the next batch, or false when the reader has finished and all were taken.
    bool pop(FrameBatch& batch) {
        std::unique_lock lock(mutex_);
        if (busy_) {
            busy_ = false;
            spares_.push_back(std::move(batch));
            if (batches_.empty()) idle_.notify_all();
        }
        ready_.wait(lock, [&] { return finished_ || !batches_.empty(); });
        if (batches_.empty()) return false;
        batch = std::move(batches_.front());
        batches_.pop_front();
        bytes_ -= batch.bytes.size();
        busy_ = true;
        space_.notify_one();
        return true;
    }
    // The consumer stops taking batches; the reader's next push fails.
    void stop() {
        std::lock_guard lock(mutex_);
        stopped_ = true;
        batches_.clear();
        bytes_ = 0;
        busy_ = false;
        space_.notify_all();
        idle_.notify_all();
    }
    bool stopped() const {
        std::lock_guard lock(mutex_);
        return stopped_;
    }

private:
    mutable std::mutex mutex_;
    std::condition_variable ready_, space_, idle_;
    std::deque<FrameBatch> batches_;
    std::vector<FrameBatch> spares_;
    std::size_t bytes_ = 0;
    bool finished_ = false, stopped_ = false, busy_ = false;
};

}  // namespace camsweep
