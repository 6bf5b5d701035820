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

// How strictly a scheme is read. Every caller (eval, batch, compare, ruleset tests, the service)
// reads through these functions, so they all treat a key alike.
struct SchemeReadOptions {
  // A key that is no input of the ruleset (or a schedule row's field that is no field) is an
  // error, with its did-you-mean: `viability_acepted: yes` would otherwise leave the default and
  // report the wrong number. True makes it a warning, for a portfolio with extra columns
  // (`--allow-unknown-keys`).
  bool allow_unknown_keys = false;
};

// The file's text is added to `sources`, so diagnostics can show its lines.
SchemeLoad load_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::filesystem::path& path, const SuppliedInputs& supplied = {},
                       const SchemeReadOptions& options = {});
SchemeLoad read_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::string& display_path, std::string text,
                       const SuppliedInputs& supplied = {}, const SchemeReadOptions& options = {});
// The same for text that must be strict JSON (a request body): read by yaml::read_json, a
// quarter of the time of reading it as YAML; a malformed body's message is simdjson's.
SchemeLoad read_json_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                            const std::string& display_path, std::string text,
                            const SuppliedInputs& supplied = {},
                            const SchemeReadOptions& options = {});
// A scheme that is one node of a larger YAML file (a ruleset test case, a portfolio's scheme),
// whose text is `file`.
SchemeLoad read_scheme_node(const CheckedRuleset& ruleset, const yaml::Node& node, FileId file,
                            const std::string& path, const SuppliedInputs& supplied = {},
                            const SchemeReadOptions& options = {});
// What a scheme file may hold: limits::max_scheme_nodes values, nested limits::max_yaml_depth
// deep, one document.
yaml::TreeLimits scheme_tree_limits();

}  // namespace spdl
