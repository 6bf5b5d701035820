#pragma once
// `spdl lsp`: the server on a pair of streams. A reader thread frames messages off the input
// into a queue; the main thread handles them one at a time and, when no message is waiting,
// publishes the diagnostics whose debounce has run out. Analysis stays on one thread.

#include <istream>
#include <ostream>

#include "spdl/runtime/lsp/dispatcher.hpp"

namespace spdl::lsp {

// Serves until `exit` (or the end of the input) and returns the exit code: 0 after shutdown and
// exit, 1 otherwise. A reader still blocked on a live input (standard input, after exit) is left
// to the process's end when `detach_reader` is set; otherwise it is joined.
int run_server(std::istream& in, std::ostream& out, const ServerOptions& options,
               bool detach_reader = false);

}  // namespace spdl::lsp
