#pragma once
// A portfolio: many schemes in one file, for `spdl compare`. Either a
// YAML (or JSON) list of schemes, or a CSV with one scheme per row, its columns named after the
// ruleset's inputs (and `name` for the scheme's name). An empty cell is an input not given.

#include <filesystem>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/ir/scheme.hpp"

namespace spdl {

struct Portfolio {
  std::vector<Scheme> schemes;    // in file order; a row that cannot be read is left out
  std::vector<std::size_t> rows;  // the 1-based row (CSV) or item (YAML) of each scheme
  Diagnostics diagnostics;
};

// A key or column that is no input of the ruleset is an error on the scheme (or the header) that
// gives it, unless `options` allows unknown keys: then a warning, once for each key.
Portfolio load_portfolio(const CheckedRuleset& ruleset, SourceSet& sources,
                         const std::filesystem::path& path, const SchemeReadOptions& options = {});
// The same for text already read (standard input, say), named `display_path`; `csv` picks the
// CSV reading, else YAML.
Portfolio read_portfolio(const CheckedRuleset& ruleset, SourceSet& sources,
                         const std::string& display_path, std::string text, bool csv,
                         const SchemeReadOptions& options = {});

}  // namespace spdl
