#include "spdl/runtime/engine/engine.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "spdl/runtime/lower/lower_from_checked.hpp"

namespace spdl {

std::filesystem::path spdl_home() {
  if (const char* home = std::getenv("SPDL_HOME"); home != nullptr && home[0] != '\0') return home;
  return SPDL_SOURCE_HOME;
}

CheckResult load_and_check(const std::filesystem::path& path) {
  return check(load_ruleset(path, find_roots(path, spdl_home())));
}

OpenedRuleset open_ruleset(CheckResult checked) {
  OpenedRuleset out;
  out.load = checked.load;
  out.diagnostics = std::move(checked.diagnostics);
  if (!checked.ruleset) return out;
  const auto& header = checked.ruleset->header();
  if (header.is_module) {
    out.diagnostics.error(
        "not-a-ruleset", header.id_span,
        fmt::format("`{}` is a module of shared definitions; evaluate a ruleset that uses it",
                    header.id));
    return out;
  }
  out.program = lower_from_checked(checked.ruleset, out.diagnostics);
  return out;
}

OpenedRuleset open_ruleset(const std::filesystem::path& path) {
  return open_ruleset(load_and_check(path));
}

}  // namespace spdl
