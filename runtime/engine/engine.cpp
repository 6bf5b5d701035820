#include "spdl/runtime/engine/engine.hpp"

#include <fmt/format.h>

#include <cstdlib>

#include "spdl/runtime/lower/lower_from_checked.hpp"

namespace spdl {

namespace {

bool holds_home(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_directory(dir / "stdlib", ec);
}

}  // namespace

std::filesystem::path spdl_home() {
  if (const char* home = std::getenv("SPDL_HOME"); home != nullptr && home[0] != '\0') return home;
  // Beside the running program: <prefix>/bin/spdl has <prefix>/share/spdl, and the build tree's
  // build/spdl has build/share/spdl (links to the source tree's stdlib/ and rulesets/). So a
  // copied or moved installation finds its own files, never a source tree it was built from.
  std::error_code ec;
  const auto program = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = program.parent_path(); !dir.empty(); dir = dir.parent_path()) {
      if (holds_home(dir / "share/spdl")) return dir / "share/spdl";
      if (dir == program.parent_path().parent_path() || dir == dir.root_path()) break;
    }
  }
  // A program of someone else's that links the library: where the library was installed.
  return SPDL_INSTALL_HOME;
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
