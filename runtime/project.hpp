#pragma once
// Finding and checking a ruleset from a path, as every command does.

#include <filesystem>

#include "lang/checked.hpp"

namespace spdl {

// The spdl installation whose stdlib/ and rulesets/ serve files outside any project tree.
std::filesystem::path spdl_home();

// Load the ruleset at `path` with what it uses and amends, and check it.
CheckResult load_and_check(const std::filesystem::path& path);

}  // namespace spdl
