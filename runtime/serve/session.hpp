#pragma once
// `spdl serve`'s connections (internal to runtime/serve, not installed): a Session reads a
// request and answers it with Service::handle (session.cpp), or streams a batch
// (batch_session.cpp); Shared is what the sessions of one server share (server.cpp makes it).

// Boost 1.74's Asio uses std::exchange without including <utility> under C++20.
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "spdl/runtime/serve/batch_pipe.hpp"
#include "spdl/runtime/serve/server.hpp"
#include "spdl/runtime/serve/service.hpp"

namespace spdl::serve::transport {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One line on stderr in one write, so lines from several threads never interleave.
void log_line(const std::string& line);

class Session;

// What the sessions share: the service, the options, and the open connections (to close idle
// ones when the server stops).
struct Shared {
  Service& service;
  const ServerOptions& options;
  unsigned max_batches;
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open{0};
  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
  // Streamed batches: how many run (for the cap), and their threads, which the server waits for
  // before it returns (each holds the io_context's work until its last write is done).
  std::atomic<unsigned> batches{0};
  std::mutex batch_mutex;
  std::condition_variable batch_ended;
  unsigned batch_threads = 0;
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `io`: the one-thread io_context the socket belongs to, which runs all of this session.
  Session(tcp::socket socket, net::io_context& io, Shared& shared)
      : stream_(std::move(socket)), io_(io), shared_(shared) {
    // Beast reads into whatever room the buffer has, 512 bytes at least: without room a request
    // of a few kilobytes took a system call per 512 bytes.
    buffer_.reserve(limits::read_buffer_bytes);
  }
  ~Session();

  void start();

  // When the server stops: a connection waiting for a request is closed now; one being answered
  // closes once its answer is written; a batch reads no more of its body, and its answer ends
  // with why (stop_batch).
  void stop();

 private:
  void read_header();

  void on_header(beast::error_code ec, std::size_t);

  void read_body();

  // A request that could not be read: answered when there is something to say, else closed.
  void refuse_or_close(beast::error_code ec);

  void on_request(beast::error_code ec, std::size_t);

  void send(Response response, unsigned version, bool head = false);

  void answer_and_close(int status, const std::string& message);

  // An answer given before the body is read: then the connection closes (after a linger).
  void refuse(Response response, unsigned version, const std::string& why = {});

  // ---- A streamed batch. The I/O side (here, on the connection's thread) reads the body a piece
  // at a time into the pipe and writes what the pipe queues; the batch runs on a thread of its
  // own, so that a long batch never holds an I/O thread.
  void begin_batch(StreamedBatch batch, unsigned version);

  // The batch's thread: the run, its results framed as chunks, and its end.
  void run_batch(StreamedBatch& batch, unsigned version);

  // The I/O side: the next piece of the body into the pipe. The body must keep its pace: a
  // piece of batch_body_pace_bytes within each read timeout of waiting (time the batch spends
  // working or waiting for the client to read does not count), or its end.
  void read_piece();
  void read_more();

  void on_piece(beast::error_code ec, std::size_t);

  std::string slow_body() const;

  // The I/O side: what the batch queued, one write after another, each within the write timeout.
  void write_next();

  // The batch cannot go on (timeout, the client gone, the server stopping): the pipe fails, so
  // that the batch's thread stops, and the connection closes.
  void cut_off(const std::string& why);

  // The server is stopping: the batch reads no more of its body, its results so far go out with
  // a last line saying why, and the connection closes; cut off if that takes longer than
  // limits::batch_stop_grace (a client that does not read).
  void stop_batch();

  void end_batch(int status, const std::string& note);

  void on_written(beast::error_code ec, std::size_t);

  // After a refusal the client may still be sending (the body refused): closing with its bytes
  // unread would reset the connection, and the client could lose the answer. So stop sending,
  // read and drop what comes for a moment (a megabyte at most), then close.
  void linger();

  void close();

  beast::tcp_stream stream_;
  net::io_context& io_;
  Shared& shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  http::response<http::string_body> res_;
  std::string method_;  // of the request being read, for the log line of a refusal
  std::string target_;
  bool keep_alive_ = true;
  bool refused_ = false;  // answered without reading the request: linger, then close
  std::array<char, 16384> scratch_{};
  std::size_t drained_ = 0;
  bool waiting_ = false;
  bool first_ = true;
  std::chrono::steady_clock::time_point started_;
  // A streamed batch (begin_batch): its body's parser, the pipe to its thread, the bytes being
  // written, the body's pace, and why it was cut off (for the log).
  std::optional<http::request_parser<http::buffer_body>> body_parser_;
  std::shared_ptr<BatchPipe> pipe_;
  std::string out_;
  bool batch_running_ = false;
  std::chrono::milliseconds pace_left_{0};
  std::size_t pace_bytes_ = 0;
  std::size_t body_bytes_ = 0;
  std::size_t piece_filled_ = 0;  // bytes of the piece under way that have come
  std::chrono::steady_clock::time_point read_started_;
  std::string cut_reason_;
  bool reading_body_ = false;  // a piece of the body is being read
  bool batch_stopping_ = false;
  std::optional<net::steady_timer> stop_grace_;
};

}  // namespace spdl::serve::transport
