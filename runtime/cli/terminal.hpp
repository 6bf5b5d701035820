#pragma once
// What commands show on the terminal, and what they read from it. Colour only where `--color`
// says: by default (auto) only on a terminal and never when NO_COLOR is set (https://no-color.org);
// `always` and `never` override both. A file named `-` is standard input.

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

enum class ColourChoice { automatic, always, never };
void set_colour_choice(ColourChoice choice);
// "auto", "always" or "never" (CLI11 has refused anything else).
void set_colour_choice(const std::string& name);
bool colour_enabled(std::FILE* stream);

inline bool is_standard_input(const std::string& path) {
  return path == "-";
}
// Standard input's text, within `max_bytes`; nothing, after saying why on stderr, when it cannot
// be read. `what` names it in that message: "scheme", "ruleset".
std::optional<std::string> read_standard_input_reporting(std::size_t max_bytes,
                                                         const std::string& what);

// open_ruleset(), with the ruleset's diagnostics (errors and warnings) written to stderr. `-` reads
// the ruleset from standard input; its `use` and `amends` resolve from the current folder.
OpenedRuleset open_ruleset_reporting(const std::string& path);
// load_and_check() the same way, for `spdl check`.
CheckResult load_and_check_path(const std::string& path);

// Every file a ruleset was read from (itself, and what it uses and amends), added to `files`.
void add_files_read(const OpenedRuleset& opened, std::vector<std::filesystem::path>& files);

}  // namespace spdl::cli
