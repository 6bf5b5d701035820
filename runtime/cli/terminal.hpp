#pragma once
// What commands show on the terminal. Colour only on a terminal, and never when NO_COLOR is set
// (https://no-color.org).

#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

bool colour_enabled(std::FILE* stream);

// open_ruleset(), with the ruleset's diagnostics (errors and warnings) written to stderr.
OpenedRuleset open_ruleset_reporting(const std::string& path);

// Every file a ruleset was read from (itself, and what it uses and amends), added to `files`.
void add_files_read(const OpenedRuleset& opened, std::vector<std::filesystem::path>& files);

}  // namespace spdl::cli
