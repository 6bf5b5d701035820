#pragma once
// `spdl serve`'s transport: HTTP/1.1 on Boost.Beast over Asio, one I/O thread a core, keep-alive
// and TCP_NODELAY, answering each request with Service::handle. It enforces what the service
// cannot see: the body limit (413 from the Content-Length, before the body is read), the header
// and URL limits (431, 414), read and write timeouts (a slow client is closed), a cap on open
// connections; and it logs one line a request and stops cleanly on SIGINT and SIGTERM.

#include <chrono>
#include <cstddef>
#include <string>

#include "spdl/runtime/serve/http_limits.hpp"
#include "spdl/runtime/serve/service.hpp"

namespace spdl::serve {

struct ServerOptions {
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;                       // 0: a free port, said in the start-up line
  unsigned threads = 0;                             // 0: one a core
  std::chrono::milliseconds read_timeout{15'000};   // a whole request, headers and body
  std::chrono::milliseconds write_timeout{15'000};  // a whole answer
  std::chrono::milliseconds idle_timeout{60'000};   // a keep-alive connection between requests
  std::size_t max_connections = limits::max_connections;
  std::size_t max_body_bytes = limits::max_request_body_bytes;
  bool log_requests = true;
};

// Listens, says "spdl serve: listening on http://HOST:PORT/" on stderr, serves until SIGINT or
// SIGTERM, then stops accepting, finishes the answers under way and returns 0; 1 when it cannot
// listen (the reason on stderr).
int run_server(Service& service, const ServerOptions& options);

}  // namespace spdl::serve
