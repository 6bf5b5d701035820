// spdl lsp: the language server, on standard input and output (editors/README.md).

#include <iostream>

#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/lsp/server.hpp"

namespace spdl::cli {

int run_lsp(const LspOptions& options) {
  // Standard output carries the protocol and nothing else.
  std::ios::sync_with_stdio(false);
  std::cin.tie(nullptr);
  lsp::ServerOptions server;
  server.home = spdl_home();
  server.debounce = std::chrono::milliseconds(options.debounce_ms);
  return lsp::run_server(std::cin, std::cout, server, /*detach_reader=*/true);
}

}  // namespace spdl::cli
