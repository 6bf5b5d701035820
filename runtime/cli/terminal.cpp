#include "spdl/runtime/cli/terminal.hpp"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace spdl::cli {

bool colour_enabled(std::FILE* stream) {
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && no_colour[0] != '\0') return false;
  return ::isatty(::fileno(stream)) != 0;
}

OpenedRuleset open_ruleset_reporting(const std::string& path) {
  OpenedRuleset opened = open_ruleset(path);
  if (!opened.diagnostics.empty()) {
    std::cerr << render_text(opened.diagnostics, opened.load->sources, {colour_enabled(stderr)});
  }
  return opened;
}

void add_files_read(const OpenedRuleset& opened, std::vector<std::filesystem::path>& files) {
  if (!opened.load) return;
  for (const auto& module : opened.load->modules) files.push_back(module.path);
}

}  // namespace spdl::cli
