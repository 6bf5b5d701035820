#pragma once
// A streamed batch's two ends, between the connection's I/O (asynchronous, on its thread: it must
// never block) and the batch's own thread (BatchRun::run, which blocks on an istream and a sink).
//
// In: the pipe is the std::streambuf the batch reads; underflow() asks the I/O side for the next
// piece of the body (read straight into the pipe's buffer) and waits for it. Out: send() queues
// bytes for the client and the I/O side writes them one after another; send() waits while more
// than `allowance` bytes are queued, so a client that stops reading holds that much memory at
// most (and its connection is closed by the write timeout). Either side may fail() the pipe (the
// connection timed out, was closed, the server is stopping): both sides then stop waiting.
// No Beast here: server.cpp drives the I/O side.

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <ios>
#include <mutex>
#include <optional>
#include <streambuf>
#include <string>
#include <vector>

namespace spdl::serve {

class BatchPipe : public std::streambuf {
 public:
  // `want_body`: start reading the next piece of the body into body_buffer(), then call
  // body_read(). `want_write`: start writing what next_output() gives, then call written().
  // Both are called from the batch's thread and must only post work to the I/O side.
  BatchPipe(std::function<void()> want_body, std::function<void()> want_write,
            std::size_t allowance, std::size_t piece_bytes = 64 * 1024);

  // --- The batch's thread.
  // The stream the batch reads the pipe through: a body that ends with an error (body_refused,
  // stop_reading) leaves it bad, so that the batch knows its last line may be cut and does not
  // read it (BatchStats::cut).
  void read_by(std::ios& stream) { reader_ = &stream; }
  // Queues bytes for the client; waits while too much is queued. False once the pipe failed.
  bool send(std::string bytes);
  // Waits until everything queued is written. False when the pipe failed first.
  bool drain();
  // Why the body stopped short (the client's bytes were not HTTP, say), when it did: the answer's
  // status for it, and the message.
  struct BodyError {
    int status = 400;
    std::string message;
  };
  std::optional<BodyError> body_error() const;
  bool failed() const;

  // --- The I/O side.
  char* body_buffer() { return buffer_.data(); }
  std::size_t body_buffer_size() const { return buffer_.size(); }
  // `n` bytes of the body are in body_buffer(); `ended`: the body is over after them.
  void body_read(std::size_t n, bool ended);
  // The body cannot be read further: the batch reads the `n` bytes that came before the problem
  // (all but a line they cut), then sees its end, and body_error() says why.
  void body_refused(BodyError error, std::size_t n);
  // The batch reads no more of the body (the server is stopping) and sees its end, and
  // body_error() says why; while a piece is being read, body_refused() hands over what of it has
  // come instead. Nothing, when the body had already ended.
  void stop_reading(BodyError error);
  // The next bytes to write, or nothing (the writer goes idle until the next send()).
  std::optional<std::string> next_output();
  void written();
  // The connection is gone or cut off: sends fail and the body ends, from now on.
  void fail();

 protected:
  int_type underflow() override;

 private:
  int_type end_of_body();
  std::function<void()> want_body_, want_write_;
  const std::size_t allowance_;
  std::vector<char> buffer_;
  std::ios* reader_ = nullptr;

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  bool failed_ = false;
  // The body: asked for and not yet come; come (`arrived_` bytes); over.
  bool body_asked_ = false;
  bool body_came_ = false;
  std::size_t arrived_ = 0;
  bool body_ended_ = false;
  std::optional<BodyError> body_error_;
  // The answer: bytes queued (the one being written included) and whether the writer is busy.
  std::deque<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  std::size_t writing_bytes_ = 0;
  bool writing_ = false;
};

}  // namespace spdl::serve
