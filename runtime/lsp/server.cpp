#include "spdl/runtime/lsp/server.hpp"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "spdl/runtime/lsp/transport.hpp"

namespace spdl::lsp {

namespace {

class FrameQueue {
 public:
  void push(Frame frame) {
    {
      std::lock_guard lock(mutex_);
      frames_.push_back(std::move(frame));
    }
    ready_.notify_one();
  }

  // The next frame, or nothing if `until` passes first.
  std::optional<Frame> pop(std::optional<Clock::time_point> until) {
    std::unique_lock lock(mutex_);
    auto any = [&] { return !frames_.empty(); };
    if (until) {
      if (!ready_.wait_until(lock, *until, any)) return std::nullopt;
    } else {
      ready_.wait(lock, any);
    }
    Frame frame = std::move(frames_.front());
    frames_.pop_front();
    return frame;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<Frame> frames_;
};

}  // namespace

int run_server(std::istream& in, std::ostream& out, const ServerOptions& options,
               bool detach_reader) {
  MessageWriter writer(out);
  Server server(options, [&](const json& message) { writer.write(dump(message)); });

  // The queue outlives a detached reader: it is shared with it.
  auto queue = std::make_shared<FrameQueue>();
  std::thread reader([queue, &in] {
    MessageReader frames(in);
    for (;;) {
      Frame frame = frames.next();
      const bool end = frame.kind == Frame::Kind::end;
      queue->push(std::move(frame));
      if (end) return;
    }
  });

  bool input_ended = false;
  while (!server.exited()) {
    const auto due = server.next_due();
    if (due && *due <= Clock::now()) {
      server.publish_due(Clock::now());
      continue;
    }
    std::optional<Frame> frame = queue->pop(due);
    if (!frame) continue;  // a debounce ran out
    if (frame->kind == Frame::Kind::end) {
      input_ended = true;
      break;
    }
    if (frame->kind == Frame::Kind::refused) {
      server.refused(frame->text);
    } else {
      server.receive(frame->text);
    }
  }
  if (input_ended || !detach_reader) {
    reader.join();
  } else {
    reader.detach();
  }
  return server.exit_code() == 0 && server.exited() ? 0 : 1;
}

}  // namespace spdl::lsp
