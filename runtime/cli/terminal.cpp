#include "spdl/runtime/cli/terminal.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"

namespace spdl::cli {

namespace {

ColourChoice colour_choice = ColourChoice::automatic;
bool standard_input_read = false;

// Standard input can be read once: a second `-` on one command line is refused.
std::variant<std::string, ReadFailure> read_standard_input_once(std::size_t max_bytes) {
  if (standard_input_read)
    return ReadFailure{"was read already (only one file on a command line can be `-`)"};
  standard_input_read = true;
  return read_standard_input(max_bytes);
}

}  // namespace

void set_colour_choice(ColourChoice choice) {
  colour_choice = choice;
}

void set_colour_choice(const std::string& name) {
  set_colour_choice(name == "always"  ? ColourChoice::always
                    : name == "never" ? ColourChoice::never
                                      : ColourChoice::automatic);
}

bool colour_enabled(std::FILE* stream) {
  if (colour_choice != ColourChoice::automatic) return colour_choice == ColourChoice::always;
  const char* no_colour = std::getenv("NO_COLOR");
  if (no_colour != nullptr && no_colour[0] != '\0') return false;
  return ::isatty(::fileno(stream)) != 0;
}

std::optional<std::string> read_standard_input_reporting(std::size_t max_bytes,
                                                         const std::string& what) {
  auto text = read_standard_input_once(max_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    std::cerr << fmt::format("error: cannot read the {} from standard input: it {}\n", what,
                             failure->message);
    return std::nullopt;
  }
  return std::move(std::get<std::string>(text));
}

CheckResult load_and_check_path(const std::string& path) {
  if (!is_standard_input(path)) return load_and_check(path);
  auto text = read_standard_input_once(limits::max_source_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    auto load = std::make_shared<Load>();
    load->diagnostics.add(
        {.severity = Severity::error,
         .code = "cannot-read",
         .message =
             fmt::format("cannot read the ruleset from standard input: it {}", failure->message),
         .path = standard_input_name});
    return check(load);
  }
  // As if the file were in the current folder: its `use` finds that folder's stdlib/, or the
  // installation's.
  const auto here = std::filesystem::current_path() / standard_input_name;
  return check(load_ruleset_text(standard_input_name, std::move(std::get<std::string>(text)),
                                 find_roots(here, spdl_home())));
}

OpenedRuleset open_ruleset_reporting(const std::string& path) {
  OpenedRuleset opened = open_ruleset(load_and_check_path(path));
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
