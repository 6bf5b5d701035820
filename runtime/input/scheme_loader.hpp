#pragma once
// Scheme files: YAML (which also reads JSON), validated against the inputs a ruleset declares.
// Every problem names the YAML path and points at the line: `schedule[3].bedrooms: expected a
// whole number of bedrooms, got "three"`. Unknown keys are warnings with a did-you-mean.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"
#include "spdl/runtime/ir/scheme.hpp"

namespace spdl {

struct SchemeLoad {
  std::optional<Scheme> scheme;  // empty when there are errors
  Diagnostics diagnostics;
};

// Inputs the caller will give itself (a sweep's varied inputs): the file need not give them.
using SuppliedInputs = std::vector<std::string>;

// The file's text is added to `sources`, so diagnostics can show its lines.
SchemeLoad load_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::filesystem::path& path, const SuppliedInputs& supplied = {});
SchemeLoad read_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::string& display_path, std::string text,
                       const SuppliedInputs& supplied = {});
// A scheme that is one node of a larger YAML file (a ruleset test case, a portfolio's scheme),
// whose text is `file`.
SchemeLoad read_scheme_node(const CheckedRuleset& ruleset, const yaml::Node& node, FileId file,
                            const std::string& path, const SuppliedInputs& supplied = {});
// What a scheme file may hold: limits::max_scheme_nodes values, nested limits::max_yaml_depth
// deep, one document.
yaml::TreeLimits scheme_tree_limits();

}  // namespace spdl
