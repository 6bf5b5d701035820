#pragma once
// A validator for the subset of JSON Schema that spec/report-format.schema.json uses: type (one
// or several), enum, required, properties, items and $ref to #/definitions/NAME.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace spdl::testing {

// The problems found, each with its JSON path; empty when the document is valid.
std::vector<std::string> validate_json(const nlohmann::json& document,
                                       const nlohmann::json& schema);

}  // namespace spdl::testing
