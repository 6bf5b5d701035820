#pragma once
// The guidance in force on a date (spec/language.md, "The guidance in force on a date"): among an
// authority's rulesets, the version an application decided that day is decided under, and why.
// The command line's `--on DATE` and the service's `?on=` both ask this.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/base/date.hpp"
#include "spdl/runtime/engine/catalogue.hpp"

namespace spdl {

struct InForce {
  std::string line;  // the id of the line's first version: the guidance these are versions of
  std::string authority;
  std::int32_t on = 0;                   // the date asked about
  std::optional<CatalogueEntry> chosen;  // none when no version can be said to be in force
  // In words, with the dates that decided it: "vale.revised_draft_2006 (a material consideration
  // from 4 May 2006) was the version in force on 1 June 2006, in place of vale.first_draft_2004
  // (published June 2004)."; or why none can be chosen ("the documents give no date").
  std::string reason;
};

// One answer for each line of guidance in `catalogue`: rulesets joined by `amends` (the versions
// of one document), modules aside; in the catalogue's order of their first versions.
std::vector<InForce> in_force_on(const std::vector<CatalogueEntry>& catalogue, std::int32_t day);
// The same for the rulesets under a folder (an authority's), or the line a ruleset file is in.
std::vector<InForce> in_force_on(const std::filesystem::path& folder_or_file, std::int32_t day);

// The one version to use among `answers` (in_force_on's, for the authority, folder or ruleset a
// caller named as `named`) on `on`, a date as written: `spdl eval --on` and the service's `?on=`
// choose alike. `problem` says why none can be chosen: no ruleset, several lines of guidance, or
// no version in force yet.
struct VersionChoice {
  std::optional<CatalogueEntry> chosen;
  std::string reason;   // why this version (InForce::reason)
  std::string problem;  // "vale holds 2 separate pieces of guidance (...): name a ruleset ..."
};
VersionChoice single_version(const std::vector<InForce>& answers, const std::string& named,
                             const std::string& on);

}  // namespace spdl
