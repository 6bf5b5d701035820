#include "spdl/runtime/serve/batch_pipe.hpp"

#include <utility>

namespace spdl::serve {

BatchPipe::BatchPipe(std::function<void()> want_body, std::function<void()> want_write,
                     std::size_t allowance, std::size_t piece_bytes)
    : want_body_(std::move(want_body)),
      want_write_(std::move(want_write)),
      allowance_(allowance),
      buffer_(piece_bytes) {}

bool BatchPipe::failed() const {
  std::lock_guard lock(mutex_);
  return failed_;
}

BatchPipe::int_type BatchPipe::end_of_body() {
  // Called with the mutex held. A body cut off leaves its reader bad, not merely at its end (the
  // reader's state is the batch thread's own, as this call is).
  if (body_error_ && !failed_ && reader_) reader_->setstate(std::ios::badbit);
  return traits_type::eof();
}

BatchPipe::int_type BatchPipe::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  {
    std::unique_lock lock(mutex_);
    if (failed_ || body_ended_) return end_of_body();
    body_asked_ = true;
    body_came_ = false;
  }
  want_body_();
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return failed_ || body_came_ || body_ended_; });
  body_asked_ = false;
  // A piece that came is read even when the body ended with it; a failure drops it (the
  // connection is gone, nobody would read its results).
  if (failed_ || !body_came_ || arrived_ == 0) return end_of_body();
  body_came_ = false;
  setg(buffer_.data(), buffer_.data(), buffer_.data() + arrived_);
  return traits_type::to_int_type(*gptr());
}

void BatchPipe::body_read(std::size_t n, bool ended) {
  {
    std::lock_guard lock(mutex_);
    arrived_ = n;
    body_came_ = true;
    if (ended) body_ended_ = true;
  }
  changed_.notify_all();
}

void BatchPipe::body_refused(BodyError error, std::size_t n) {
  {
    std::lock_guard lock(mutex_);
    if (!body_error_) body_error_ = std::move(error);
    body_ended_ = true;
    arrived_ = n;
    body_came_ = true;
  }
  changed_.notify_all();
}

void BatchPipe::stop_reading(BodyError error) {
  {
    std::lock_guard lock(mutex_);
    if (body_ended_) return;
    body_error_ = std::move(error);
    body_ended_ = true;
  }
  changed_.notify_all();
}

std::optional<BatchPipe::BodyError> BatchPipe::body_error() const {
  std::lock_guard lock(mutex_);
  return body_error_;
}

bool BatchPipe::send(std::string bytes) {
  if (bytes.empty()) return !failed();
  bool start = false;
  {
    std::unique_lock lock(mutex_);
    // Over the allowance the batch waits for the client: backpressure, not memory.
    changed_.wait(lock, [this] { return failed_ || queued_bytes_ <= allowance_; });
    if (failed_) return false;
    queued_bytes_ += bytes.size();
    queue_.push_back(std::move(bytes));
    if (!writing_) start = writing_ = true;
  }
  if (start) want_write_();
  return true;
}

bool BatchPipe::drain() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [this] { return failed_ || (queued_bytes_ == 0 && !writing_); });
  return !failed_;
}

std::optional<std::string> BatchPipe::next_output() {
  std::lock_guard lock(mutex_);
  if (failed_ || queue_.empty()) {
    writing_ = false;
    changed_.notify_all();
    return std::nullopt;
  }
  std::string bytes = std::move(queue_.front());
  queue_.pop_front();
  writing_bytes_ = bytes.size();
  return bytes;
}

void BatchPipe::written() {
  {
    std::lock_guard lock(mutex_);
    queued_bytes_ -= writing_bytes_;
    writing_bytes_ = 0;
  }
  changed_.notify_all();
}

void BatchPipe::fail() {
  {
    std::lock_guard lock(mutex_);
    failed_ = true;
    writing_ = false;
  }
  changed_.notify_all();
}

}  // namespace spdl::serve
