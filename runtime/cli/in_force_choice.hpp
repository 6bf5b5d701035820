#pragma once
// `--on DATE`: where a command takes a ruleset, it then also takes an authority's folder (or its
// id, `vale`, found under ./rulesets or the installation's) and evaluates the version in force on
// that date (runtime/engine/in_force.hpp).

#include <optional>
#include <string>

namespace spdl::cli {

struct ChosenRuleset {
  std::string path;    // the ruleset file to open
  std::string on;      // the date asked about, YYYY-MM-DD; empty without --on
  std::string reason;  // why this version, in words
};

// `argument` as given when `on` is empty; else the version in force on `on` (of the line a ruleset
// file is in, unless `files_as_given`: compare sets a named file beside the version in force).
// Nothing, after saying why on stderr, when the date is not a date or no version can be chosen.
std::optional<ChosenRuleset> choose_ruleset(const std::string& argument, const std::string& on,
                                            const char* command, bool files_as_given = false);

}  // namespace spdl::cli
