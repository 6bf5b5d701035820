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
#include <csignal>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

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
  std::atomic<bool> stopping{false};
  std::atomic<std::size_t> open{0};
  std::mutex mutex;
  std::unordered_map<Session*, std::weak_ptr<Session>> sessions;
};

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
  // closes once its answer is written.
  void stop() {
    net::post(stream_.get_executor(), [self = shared_from_this()] {
      if (self->waiting_) self->close();
    });
  }

 private:
  void read_header() {
    if (shared_.stopping) return close();
    parser_.emplace();
    parser_->header_limit(static_cast<std::uint32_t>(limits::max_request_header_bytes));
    parser_->body_limit(shared_.options.max_body_bytes);
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
    // A body over the limit is refused from its length, before any of it is read.
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
    keep_alive_ = false;
    refused_ = true;
    const std::string body =
        fmt::format("{{\"error\": {{\"status\": {}, \"message\": \"{}\", \"diagnostics\": []}}}}\n",
                    status, message);
    if (shared_.options.log_requests) {
      log_line(fmt::format("{} {} {} 0.0ms ({})", method_.empty() ? "-" : method_,
                           target_.empty() ? "-" : target_, status, message));
    }
    send(Response{status, "application/json", body, {}}, 11);
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
  Shared shared{service, options};

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
  return 0;
}

}  // namespace spdl::serve
