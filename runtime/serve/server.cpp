#include "spdl/runtime/serve/server.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <csignal>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "spdl/runtime/serve/session.hpp"

namespace spdl::serve {

namespace {

using namespace transport;

// Accepts on the first I/O thread and hands each connection to the threads in turn. Each thread
// runs an io_context of its own, so a connection's work stays on one thread from its first read to
// its last write: no strand, no lock in the scheduler, and what a request allocates is freed on
// the thread that allocated it (glibc's malloc spent a fifth of a loaded server's time otherwise).
// The cost: a request that takes long holds the connections of its thread, not just its own.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(std::vector<std::unique_ptr<net::io_context>>& contexts, Shared& shared)
      : contexts_(contexts), acceptor_(*contexts.front()), shared_(shared) {}

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
    next_ = (next_ + 1) % contexts_.size();
    acceptor_.async_accept(*contexts_[next_],
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
        std::make_shared<Session>(std::move(socket), *contexts_[next_], shared_)->start();
      }
    } else {
      // Out of descriptors, or the like: wait a little rather than spin.
      auto timer =
          std::make_shared<net::steady_timer>(*contexts_.front(), std::chrono::milliseconds(50));
      return timer->async_wait(
          [self = shared_from_this(), timer](beast::error_code) { self->accept(); });
    }
    accept();
  }

  std::vector<std::unique_ptr<net::io_context>>& contexts_;
  tcp::acceptor acceptor_;  // on the first context: its handlers run on that one thread
  std::size_t next_ = 0;    // the context of the accept under way
  Shared& shared_;
};

bool loopback(const std::string& bind) {
  return bind == "127.0.0.1" || bind == "localhost" || bind == "::1";
}

}  // namespace

int run_server(Service& service, const ServerOptions& options) {
  const unsigned threads =
      options.threads != 0 ? options.threads : std::max(2u, std::thread::hardware_concurrency());
  // BOOST_ASIO_CONCURRENCY_HINT_1 (1): each context is run by one thread alone.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  for (unsigned i = 0; i < threads; ++i) contexts.push_back(std::make_unique<net::io_context>(1));
  // The threads' contexts may have no connection yet: they run until the server stops.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> running;
  for (auto& context : contexts) running.push_back(net::make_work_guard(*context));
  net::io_context& io = *contexts.front();
  Shared shared{service, options, options.max_batches != 0 ? options.max_batches : threads};

  beast::error_code ec;
  const std::string host = options.bind == "localhost" ? "127.0.0.1" : options.bind;
  const auto address = net::ip::make_address(host, ec);
  if (ec) {
    std::cerr << fmt::format("spdl serve: --bind {} is not an IP address\n", options.bind);
    return 1;
  }
  auto listener = std::make_shared<Listener>(contexts, shared);
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
    for (auto& guard : running) guard.reset();
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
  for (unsigned i = 1; i < threads; ++i)
    pool.emplace_back([context = contexts[i].get()] { context->run(); });
  io.run();
  for (auto& t : pool) t.join();
  // The batches' threads let go of the io_context before their last steps: wait for those.
  std::unique_lock lock(shared.batch_mutex);
  shared.batch_ended.wait(lock, [&] { return shared.batch_threads == 0; });
  return 0;
}

}  // namespace spdl::serve
