// spdl check FILE...: parse and check rulesets; exit 1 when any has errors (warnings allowed).
// `-` is a ruleset from standard input.

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

int run_check(const CheckOptions& options) {
  bool failed = false;
  auto files = nlohmann::json::array();
  const bool colour = colour_enabled(stderr);
  for (const auto& path : options.files) {
    CheckResult result = load_and_check_path(path);
    // A ruleset is also lowered, as `spdl eval` will: its parameters and table cells are computed
    // then (a division by zero, a number past the limit, a table with two rows for one key), and
    // `check` must not say "ok" to what loading refuses. A module is not evaluable on its own.
    if (result.ruleset && !result.ruleset->header().is_module) {
      OpenedRuleset opened = open_ruleset(std::move(result));
      result = CheckResult{opened.load, nullptr, std::move(opened.diagnostics)};
    }
    const std::string name = is_standard_input(path) ? standard_input_name : path;
    failed |= result.diagnostics.has_errors();
    if (options.format == Format::json) {
      auto doc = nlohmann::json::parse(render_json(result.diagnostics, result.load->sources));
      doc["file"] = name;
      files.push_back(std::move(doc));
      continue;
    }
    std::cerr << render_text(result.diagnostics, result.load->sources, {colour});
    const auto errors = result.diagnostics.error_count();
    const auto warnings = result.diagnostics.warning_count();
    if (errors > 0) {
      std::cout << fmt::format(
          "{}: {} error{}{}\n", name, errors, errors == 1 ? "" : "s",
          warnings ? fmt::format(", {} warning{}", warnings, warnings == 1 ? "" : "s") : "");
    } else {
      std::cout << fmt::format(
          "{}: ok{}\n", name,
          warnings ? fmt::format(" ({} warning{})", warnings, warnings == 1 ? "" : "s") : "");
    }
  }
  if (options.format == Format::json)
    std::cout << nlohmann::json{{"files", files}}.dump(2, ' ', false,
                                                       nlohmann::json::error_handler_t::replace)
              << "\n";
  return failed ? 1 : 0;
}

}  // namespace spdl::cli
