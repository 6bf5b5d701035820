#include "spdl/runtime/cli/in_force_choice.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "spdl/lang/base/date.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/engine/in_force.hpp"

namespace spdl::cli {

namespace {

// A folder or file as given; else an authority's id, under ./rulesets or the installation's.
std::optional<std::filesystem::path> authority_path(const std::string& argument) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(argument, ec)) return fs::path(argument);
  if (argument.find('/') != std::string::npos) return std::nullopt;
  for (const fs::path& base : {fs::path("rulesets"), spdl_home() / "rulesets"}) {
    if (fs::is_directory(base / argument, ec)) return base / argument;
  }
  return std::nullopt;
}

}  // namespace

std::optional<ChosenRuleset> choose_ruleset(const std::string& argument, const std::string& on,
                                            const char* command, bool files_as_given) {
  std::error_code ec;
  if (on.empty() || (files_as_given && std::filesystem::is_regular_file(argument, ec)))
    return ChosenRuleset{argument, "", ""};
  const auto day = parse_date(on);
  if (!day) {
    std::cerr << fmt::format("spdl {}: --on {} is not a date: {}\n", command, on,
                             why_not_a_date(on));
    return std::nullopt;
  }
  const auto path = authority_path(argument);
  if (!path) {
    std::cerr << fmt::format(
        "spdl {}: {} is neither a ruleset, a folder of rulesets nor an authority under "
        "rulesets/\n",
        command, argument);
    return std::nullopt;
  }
  const VersionChoice choice = single_version(in_force_on(*path, *day), argument, on);
  if (!choice.chosen) {
    std::cerr << fmt::format("spdl {}: {}\n", command, choice.problem);
    return std::nullopt;
  }
  return ChosenRuleset{choice.chosen->path, format_date(*day), choice.reason};
}

}  // namespace spdl::cli
