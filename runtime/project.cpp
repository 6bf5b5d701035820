#include "runtime/project.hpp"

#include <cstdlib>

namespace spdl {

std::filesystem::path spdl_home() {
  if (const char* home = std::getenv("SPDL_HOME"); home != nullptr && home[0] != '\0') return home;
  return SPDL_SOURCE_HOME;
}

CheckResult load_and_check(const std::filesystem::path& path) {
  return check(load_ruleset(path, find_roots(path, spdl_home())));
}

}  // namespace spdl
