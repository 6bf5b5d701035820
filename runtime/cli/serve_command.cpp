// spdl serve [--root DIR] [--port 8080] [--bind 127.0.0.1] [--drafts DIR] [--cors ORIGIN]: the
// HTTP API, the officer's page and the workbench (runtime/serve).

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/serve/server.hpp"
#include "spdl/runtime/serve/service.hpp"

namespace spdl::cli {

int run_serve(const ServeCommandOptions& options) {
  namespace fs = std::filesystem;
  serve::ServiceOptions service;
  service.home = spdl_home();
  service.root = options.root.empty() ? service.home / "rulesets" : fs::path(options.root);
  std::error_code ec;
  if (!fs::is_directory(service.root, ec)) {
    std::cerr << fmt::format("spdl serve: --root {} is not a folder\n", service.root.string());
    return 1;
  }
  service.root = fs::canonical(service.root, ec);
  if (!options.drafts.empty()) {
    if (!fs::is_directory(options.drafts, ec)) {
      std::cerr << fmt::format("spdl serve: --drafts {} is not a folder (create it first)\n",
                               options.drafts);
      return 1;
    }
    service.drafts = fs::canonical(options.drafts, ec);
  }
  service.cors = options.cors;
  service.bench_floor = options.bench_floor;
  serve::Service api(std::move(service));

  serve::ServerOptions server;
  server.bind = options.bind;
  server.port = options.port;
  server.threads = options.threads;
  if (options.read_timeout_ms > 0) {
    server.read_timeout = std::chrono::milliseconds(options.read_timeout_ms);
    server.write_timeout = server.read_timeout;
    server.idle_timeout = std::max(server.idle_timeout, server.read_timeout);
  }
  if (options.max_connections > 0) server.max_connections = options.max_connections;
  server.log_requests = !options.quiet;
  return serve::run_server(api, server);
}

}  // namespace spdl::cli
