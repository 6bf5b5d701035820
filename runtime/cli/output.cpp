// Where a command's output goes: the terminal, or a file written so that a failure part-way leaves
// any earlier file as it was.

#include <fmt/format.h>

#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/runtime/cli/commands.hpp"

namespace spdl::cli {

Format format_named(const std::string& name) {
  if (name == "json") return Format::json;
  if (name == "markdown") return Format::markdown;
  if (name == "csv") return Format::csv;
  if (name == "html") return Format::html;
  if (name == "svg") return Format::svg;
  if (name == "jsonl") return Format::jsonl;
  return Format::text;
}

int write_output(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return 0;
  }
  if (const std::string error = write_file_atomically(path, text); !error.empty()) {
    std::cerr << "error: " << error << "\n";
    return 1;
  }
  std::cerr << fmt::format("wrote {}\n", path);
  return 0;
}

}  // namespace spdl::cli
