#include "runtime/cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>

namespace spdl::cli {

bool colour_enabled(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && no_colour[0] != '\0') return false;
  return ::isatty(::fileno(stream)) != 0;
}

}  // namespace spdl::cli
