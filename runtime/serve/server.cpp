// Boost 1.74's Asio uses std::exchange without including <utility> under C++20.
#include <utility>

#include "spdl/runtime/serve/server.hpp"

#include <fmt/format.h>
#include <unistd.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <istream>
#include <limits>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>
#include <vector>

#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/batch_pipe.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

// One line on stderr in one write, so lines from several threads never interleave.
void log_line(const std::string& line) {
  const std::string text = line + "\n";
  [[maybe_unused]] const auto written = ::write(STDERR_FILENO, text.data(), text.size());
}

class Session;

// What the sessions share: the service, the options, and the open connections (to close idle
// ones when the server stops).
struct Shared {
  Service& service;
  const ServerOptions& options;
  net::io_context& io;
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

std::string reason_phrase(int status) {
  return std::string(http::obsolete_reason(static_cast<http::status>(status)));
}

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Shared& shared) : stream_(std::move(socket)), shared_(shared) {}
  ~Session() {
    std::lock_guard lock(shared_.mutex);
    shared_.sessions.erase(this);
    --shared_.open;
  }

  void start() {
    {
      std::lock_guard lock(shared_.mutex);
      shared_.sessions.emplace(this, weak_from_this());
    }
    net::dispatch(stream_.get_executor(),
                  beast::bind_front_handler(&Session::read_header, shared_from_this()));
  }

  // When the server stops: a connection waiting for a request is closed now; one being answered
  // closes once its answer is written; a batch is cut off and its connection closed.
  void stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->waiting_) self->close();
      if (self->batch_running_) self->cut_off("the server is stopping");
    });
  }

 private:
  void read_header() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits::max_request_header_bytes));
    // No limit on the body while the header is read (Beast would refuse a Content-Length over it
    // there): a batch has none, and the others' is set once the header says which it is.
    // (Not boost::none: Boost 1.74 compares a Content-Length with it as larger, and refuses.)
    parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    waiting_ = true;
    // Between requests a connection may idle; once a request has begun, it must arrive in time.
    stream_.expires_after(first_ ? shared_.options.read_timeout : shared_.options.idle_timeout);
    first_ = false;
    http::async_read_header(stream_, buffer_, *parser_,
                            beast::bind_front_handler(&Session::on_header, shared_from_this()));
  }

  void on_header(beast::error_code ec, std::size_t) {
    waiting_ = false;
    if (ec) return refuse_or_close(ec);
    started_ = std::chrono::steady_clock::now();
    const auto& header = parser_->get();
    method_ = std::string(header.method_string());
    target_ = std::string(header.target().substr(0, 200));
    if (header.target().size() > limits::max_request_target_bytes)
      return answer_and_close(414, "the request's URL is too long");
    // A batch is streamed, whatever its length: refused or started from its head alone.
    if (header.method() == http::verb::post) {
      Request head;
      head.method = method_;
      head.target = std::string(header.target());
      head.content_type = std::string(header[http::field::content_type]);
      if (const auto origin = header.find(http::field::origin); origin != header.end())
        head.origin = std::string(origin->value());
      if (auto batch = shared_.service.start_batch(head)) {
        if (auto* refused = std::get_if<Response>(&*batch))
          return refuse(std::move(*refused), header.version());
        return begin_batch(std::move(std::get<StreamedBatch>(*batch)), header.version());
      }
    }
    // A body over the limit is refused from its length, before any of it is read (a chunked body
    // by the parser, once over).
    parser_->body_limit(std::uint64_t{shared_.options.max_body_bytes});
    if (const auto length = parser_->content_length();
        length && *length > shared_.options.max_body_bytes) {
      return answer_and_close(413, fmt::format("the request body ({} bytes) is over the limit of "
                                               "{} bytes",
                                               *length, shared_.options.max_body_bytes));
    }
    if (beast::iequals(header[http::field::expect], "100-continue")) {
      auto cont = std::make_shared<http::response<http::empty_body>>(http::status::continue_, 11);
      return http::async_write(stream_, *cont,
                               [self = shared_from_this(), cont](beast::error_code e, std::size_t) {
                                 if (e) return self->close();
                                 self->read_body();
                               });
    }
    read_body();
  }

  void read_body() {
    stream_.expires_after(shared_.options.read_timeout);
    http::async_read(stream_, buffer_, *parser_,
                     beast::bind_front_handler(&Session::on_request, shared_from_this()));
  }

  // A request that could not be read: answered when there is something to say, else closed.
  void refuse_or_close(beast::error_code ec) {
    if (parser_ && parser_->is_header_done() && method_.empty()) {
      method_ = std::string(parser_->get().method_string());
      target_ = std::string(parser_->get().target().substr(0, 200));
    }
    if (ec == http::error::header_limit)
      return answer_and_close(431, "the request's headers are too large");
    if (ec == http::error::body_limit)
      return answer_and_close(413, "the request body is over the limit");
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == net::error::operation_aborted || ec == net::error::connection_reset ||
        ec == net::error::eof)
      return close();
    if (ec.category() == beast::error_code(http::error::bad_target).category())
      return answer_and_close(400, "the request is not valid HTTP");
    close();
  }

  void on_request(beast::error_code ec, std::size_t) {
    if (ec) return refuse_or_close(ec);
    auto message = parser_->release();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.content_type = std::string(message[http::field::content_type]);
    if (const auto origin = message.find(http::field::origin); origin != message.end())
      request.origin = std::string(origin->value());
    request.body = std::move(message.body());
    Response response = shared_.service.handle(request);
    const bool head = message.method() == http::verb::head;
    keep_alive_ = message.keep_alive() && !shared_.stopping;
    send(std::move(response), message.version(), head);
    if (shared_.options.log_requests) {
      const auto ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
              .count();
      log_line(
          fmt::format("{} {} {} {:.1f}ms", request.method, request.target, res_.result_int(), ms));
    }
  }

  void send(Response response, unsigned version, bool head = false) {
    res_ = http::response<http::string_body>(static_cast<http::status>(response.status), version);
    res_.set(http::field::content_type, response.content_type);
    for (auto& [name, value] : response.headers) res_.set(name, value);
    res_.set("X-Content-Type-Options", "nosniff");
    res_.keep_alive(keep_alive_);
    res_.body() = head ? std::string() : std::move(response.body);
    res_.prepare_payload();
    stream_.expires_after(shared_.options.write_timeout);
    http::async_write(stream_, res_,
                      beast::bind_front_handler(&Session::on_written, shared_from_this()));
  }

  void answer_and_close(int status, const std::string& message) {
    const std::string body =
        fmt::format("{{\"error\": {{\"status\": {}, \"message\": \"{}\", \"diagnostics\": []}}}}\n",
                    status, message);
    refuse(Response{status, "application/json", body, {}}, 11, message);
  }

  // An answer given before the body is read: then the connection closes (after a linger).
  void refuse(Response response, unsigned version, const std::string& why = {}) {
    keep_alive_ = false;
    refused_ = true;
    if (shared_.options.log_requests) {
      log_line(fmt::format("{} {} {} 0.0ms{}", method_.empty() ? "-" : method_,
                           target_.empty() ? "-" : target_, response.status,
                           why.empty() ? std::string() : " (" + why + ")"));
    }
    send(std::move(response), version);
  }

  // ---- A streamed batch. The I/O side (here, on the connection's strand) reads the body a piece
  // at a time into the pipe and writes what the pipe queues; the batch runs on a thread of its
  // own, so that a long batch never holds an I/O thread.
  void begin_batch(StreamedBatch batch, unsigned version) {
    if (shared_.batches.fetch_add(1) >= shared_.max_batches) {
      --shared_.batches;
      Response busy = error_answer(
          503, fmt::format("{} batches are running, as many as this server runs at once; try "
                           "again shortly",
                           shared_.max_batches));
      busy.headers.emplace_back("Retry-After", "1");
      return refuse(std::move(busy), version, "too many batches");
    }
    keep_alive_ = false;
    batch_running_ = true;
    body_parser_.emplace(std::move(*parser_));
    parser_.reset();
    body_parser_->body_limit(std::numeric_limits<std::uint64_t>::max());
    pace_left_ = shared_.options.read_timeout;
    // The pipe's callbacks run on the batch's thread, which holds the session alive; what they
    // post holds it too.
    pipe_ = std::make_shared<BatchPipe>(
        [this] {
          net::post(stream_.get_executor(), [self = shared_from_this()] { self->read_piece(); });
        },
        [this] {
          net::post(stream_.get_executor(), [self = shared_from_this()] { self->write_next(); });
        },
        limits::max_batch_answer_queued_bytes);
    if (beast::iequals(body_parser_->get()[http::field::expect], "100-continue"))
      pipe_->send(fmt::format("HTTP/1.{} 100 Continue\r\n\r\n", version % 10));
    {
      std::lock_guard lock(shared_.batch_mutex);
      ++shared_.batch_threads;
    }
    auto job = std::make_unique<StreamedBatch>(std::move(batch));
    std::thread([self = shared_from_this(), job = std::move(job), version,
                 work = net::make_work_guard(shared_.io)]() mutable {
      Shared& shared = self->shared_;
      self->run_batch(*job, version);
      job.reset();
      work.reset();
      self.reset();
      std::lock_guard lock(shared.batch_mutex);
      --shared.batch_threads;
      shared.batch_ended.notify_all();
    }).detach();
  }

  // The batch's thread: the run, its results framed as chunks, and its end.
  void run_batch(StreamedBatch& batch, unsigned version) {
    const bool chunked = version >= 11;  // HTTP/1.0: the answer ends when the connection does
    std::string head =
        fmt::format("HTTP/1.{} 200 OK\r\nContent-Type: application/x-ndjson\r\n", version % 10);
    if (chunked) head += "Transfer-Encoding: chunked\r\n";
    for (const auto& [name, value] : batch.headers) head += name + ": " + value + "\r\n";
    head += "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
    bool started = false;
    auto send = [&](std::string_view bytes) {
      if (!started) {
        started = true;
        if (!pipe_->send(std::move(head))) return false;
      }
      if (bytes.empty()) return true;
      if (!chunked) return pipe_->send(std::string(bytes));
      std::string framed = fmt::format("{:x}\r\n", bytes.size());
      framed.append(bytes);
      framed += "\r\n";
      return pipe_->send(std::move(framed));
    };

    std::optional<std::pair<int, std::string>> stopped;
    try {
      std::istream body(pipe_.get());
      const BatchStats stats = batch.run.run(body, [&](std::string_view chunk) {
        return chunk.empty() ? !pipe_->failed() : send(chunk);
      });
      if (const auto& error = pipe_->body_error()) {
        stopped.emplace(error->status, error->message);
      } else if (stats.stopped) {
        stopped.emplace(422, batch_stopped_message(*stats.stopped));
      }
    } catch (const std::bad_alloc&) {
      stopped.emplace(503, "the server ran out of memory running this batch");
    } catch (const std::exception& e) {
      stopped.emplace(500, fmt::format("internal error: {}", e.what()));  // a bug in spdl
    }

    int status = 200;
    std::string note;
    if (!pipe_->failed() && stopped && !started) {
      // Nothing sent yet: the refusal is still an answer of its own.
      status = stopped->first;
      note = stopped->second;
      Response error = error_answer(stopped->first, stopped->second);
      std::string text =
          fmt::format("HTTP/1.{} {} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n",
                      version % 10, status, reason_phrase(status), error.body.size());
      for (const auto& [name, value] : batch.headers) text += name + ": " + value + "\r\n";
      text += "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + error.body;
      started = true;
      pipe_->send(std::move(text));
    } else if (!pipe_->failed() && stopped) {
      // Once the answer has begun its status cannot change: a last line says why the batch
      // stopped, and the answer ends without its last chunk, so that an HTTP client sees it cut.
      note = "stopped: " + stopped->second;
      const nlohmann::json line = {
          {"stopped", {{"status", stopped->first}, {"message", stopped->second}}}};
      send(line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
    } else if (!pipe_->failed()) {
      send({});
      if (chunked) pipe_->send("0\r\n\r\n");
    }
    pipe_->drain();
    --shared_.batches;
    net::post(stream_.get_executor(), [self = shared_from_this(), status, started, note] {
      self->end_batch(started ? status : 0, note);
    });
  }

  // The I/O side: the next piece of the body into the pipe. The body must keep its pace: a
  // piece of batch_body_pace_bytes within each read timeout of waiting (time the batch spends
  // working or waiting for the client to read does not count), or its end.
  void read_piece() {
    if (pipe_->failed()) return;
    auto& parser = *body_parser_;
    if (parser.is_done()) return pipe_->body_read(0, true);
    if (pace_left_ <= std::chrono::milliseconds(0)) return cut_off(slow_body());
    parser.get().body().data = pipe_->body_buffer();
    parser.get().body().size = pipe_->body_buffer_size();
    read_started_ = std::chrono::steady_clock::now();
    stream_.expires_after(pace_left_);
    http::async_read_some(stream_, buffer_, parser,
                          beast::bind_front_handler(&Session::on_piece, shared_from_this()));
  }

  void on_piece(beast::error_code ec, std::size_t) {
    auto& parser = *body_parser_;
    const auto now = std::chrono::steady_clock::now();
    pace_left_ -= std::chrono::duration_cast<std::chrono::milliseconds>(now - read_started_);
    if (ec == http::error::need_buffer) ec = {};
    if (ec == beast::error::timeout) return cut_off(slow_body());
    const std::size_t got = pipe_->body_buffer_size() - parser.get().body().size;
    body_bytes_ += got;
    if (ec && ec != http::error::end_of_stream &&
        ec.category() == beast::error_code(http::error::bad_target).category()) {
      // Bytes that are not a body (a chunk's size that is not hex, the body cut short by the
      // client's end of sending): the batch reads what came before them, then ends and says why.
      return pipe_->body_refused({400, fmt::format("the request body is not valid HTTP after {} "
                                                   "bytes ({})",
                                                   body_bytes_, ec.message())},
                                 got);
    }
    if (ec) return cut_off("the connection closed");
    pace_bytes_ += got;
    if (pace_bytes_ >= limits::batch_body_pace_bytes) {
      pace_bytes_ = 0;
      pace_left_ = shared_.options.read_timeout;
    }
    if (got == 0 && !parser.is_done()) return read_piece();
    pipe_->body_read(got, parser.is_done());
  }

  std::string slow_body() const {
    return fmt::format("the body came slower than {} KiB in {} ms",
                       limits::batch_body_pace_bytes / 1024, shared_.options.read_timeout.count());
  }

  // The I/O side: what the batch queued, one write after another, each within the write timeout.
  void write_next() {
    auto bytes = pipe_->next_output();
    if (!bytes) return;
    out_ = std::move(*bytes);
    stream_.expires_after(shared_.options.write_timeout);
    net::async_write(
        stream_, net::buffer(out_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
          if (ec == beast::error::timeout) {
            return self->cut_off(fmt::format("the client read no answer for {} ms",
                                             self->shared_.options.write_timeout.count()));
          }
          if (ec) return self->cut_off("the connection closed");
          self->pipe_->written();
          self->write_next();
        });
  }

  // The batch cannot go on (timeout, the client gone, the server stopping): the pipe fails, so
  // that the batch's thread stops, and the connection closes.
  void cut_off(const std::string& why) {
    if (cut_reason_.empty()) cut_reason_ = why;
    pipe_->fail();
    close();
  }

  void end_batch(int status, const std::string& note) {
    batch_running_ = false;
    if (shared_.options.log_requests) {
      const auto ms =
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started_)
              .count();
      const std::string why = !cut_reason_.empty() ? "cut off: " + cut_reason_ : note;
      log_line(fmt::format("{} {} {} {:.1f}ms{}", method_, target_,
                           status == 0 ? std::string("-") : std::to_string(status), ms,
                           why.empty() ? std::string() : " (" + why + ")"));
    }
    // A body read to its end: close now. Otherwise the client may still be sending; closing
    // with its bytes unread would reset the connection and lose the answer's end: linger.
    if (!cut_reason_.empty() || body_parser_->is_done()) return close();
    linger();
  }

  void on_written(beast::error_code ec, std::size_t) {
    if (ec) return close();
    if (refused_) return linger();
    if (!keep_alive_ || shared_.stopping) return close();
    read_header();
  }

  // After a refusal the client may still be sending (the body refused): closing with its bytes
  // unread would reset the connection, and the client could lose the answer. So stop sending,
  // read and drop what comes for a moment (a megabyte at most), then close.
  void linger() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.expires_after(std::chrono::seconds(1));
    stream_.async_read_some(net::buffer(scratch_),
                            [self = shared_from_this()](beast::error_code e, std::size_t n) {
                              self->drained_ += n;
                              if (e || self->drained_ > (1u << 20)) return self->close();
                              self->linger();
                            });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.socket().close(ignored);
  }

  beast::tcp_stream stream_;
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
  std::chrono::steady_clock::time_point read_started_;
  std::string cut_reason_;
};

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& io, Shared& shared)
      : io_(io), acceptor_(net::make_strand(io)), shared_(shared) {}

  bool listen(const tcp::endpoint& endpoint, std::string& error) {
    beast::error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) error = ec.message();
    return !ec;
  }
  unsigned short port() const { return acceptor_.local_endpoint().port(); }

  void accept() {
    acceptor_.async_accept(net::make_strand(io_),
                           beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
  }

  void stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      beast::error_code ignored;
      self->acceptor_.close(ignored);
    });
  }

 private:
  void on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted || !acceptor_.is_open()) return;
    if (!ec) {
      if (shared_.open >= shared_.options.max_connections) {
        beast::error_code ignored;
        socket.close(ignored);  // over the cap: closed at once, the others keep their answers
      } else {
        ++shared_.open;
        socket.set_option(tcp::no_delay(true), ec);
        std::make_shared<Session>(std::move(socket), shared_)->start();
      }
    } else {
      // Out of descriptors, or the like: wait a little rather than spin.
      auto timer = std::make_shared<net::steady_timer>(io_, std::chrono::milliseconds(50));
      return timer->async_wait(
          [self = shared_from_this(), timer](beast::error_code) { self->accept(); });
    }
    accept();
  }

  net::io_context& io_;
  tcp::acceptor acceptor_;
  Shared& shared_;
};

bool loopback(const std::string& bind) {
  return bind == "127.0.0.1" || bind == "localhost" || bind == "::1";
}

}  // namespace

int run_server(Service& service, const ServerOptions& options) {
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(2u, std::thread::hardware_concurrency());
  net::io_context io(static_cast<int>(threads));
  Shared shared{service, options, io, options.max_batches != 0 ? options.max_batches : threads};

  beast::error_code ec;
  const std::string host = options.bind == "localhost" ? "127.0.0.1" : options.bind;
  const auto address = net::ip::make_address(host, ec);
  if (ec) {
    std::cerr << fmt::format("spdl serve: --bind {} is not an IP address\n", options.bind);
    return 1;
  }
  auto listener = std::make_shared<Listener>(io, shared);
  std::string error;
  if (!listener->listen(tcp::endpoint(address, options.port), error)) {
    std::cerr << fmt::format("spdl serve: cannot listen on {} port {}: {}\n", options.bind,
                             options.port, error);
    return 1;
  }
  const unsigned short port = listener->port();
  const std::string shown = address.is_v6() ? "[" + host + "]" : host;
  std::vector<std::string> origins{fmt::format("http://{}:{}", shown, port)};
  if (address.is_loopback() || address.is_unspecified()) {
    origins.push_back(fmt::format("http://localhost:{}", port));
    origins.push_back(fmt::format("http://127.0.0.1:{}", port));
    origins.push_back(fmt::format("http://[::1]:{}", port));
  }
  // Bound to every address, the pages are also reached by the machine's name.
  if (char name[256] = {}; address.is_unspecified() && ::gethostname(name, sizeof name - 1) == 0)
    origins.push_back(fmt::format("http://{}:{}", name, port));
  service.set_own_origins(origins);
  if (!loopback(options.bind)) {
    log_line(
        fmt::format("spdl serve: warning: bound to {}, so other machines can reach this "
                    "server; it has no authentication (bind 127.0.0.1 unless that is meant)",
                    options.bind));
  }
  listener->accept();

  net::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](beast::error_code, int) {
    shared.stopping = true;
    listener->stop();
    std::vector<std::shared_ptr<Session>> live;
    {
      std::lock_guard lock(shared.mutex);
      for (auto& [ptr, weak] : shared.sessions) {
        if (auto s = weak.lock()) live.push_back(std::move(s));
      }
    }
    for (auto& s : live) s->stop();
  });
  log_line(fmt::format("spdl serve: listening on http://{}:{}/", shown, port));

  std::vector<std::thread> pool;
  for (unsigned i = 1; i < threads; ++i) pool.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& t : pool) t.join();
  // The batches' threads let go of the io_context before their last steps: wait for those.
  std::unique_lock lock(shared.batch_mutex);
  shared.batch_ended.wait(lock, [&] { return shared.batch_threads == 0; });
  return 0;
}

}  // namespace spdl::serve
