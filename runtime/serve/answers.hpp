#pragma once
// The shapes every endpoint answers in: JSON bodies, and errors as
// {"error": {"status": N, "message": "...", "diagnostics": [...]}} whose diagnostics are the
// objects of `spdl check --format json` (spec/diagnostics.md).

#include <nlohmann/json.hpp>
#include <string>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/runtime/serve/http_message.hpp"

namespace spdl::serve {

Response json_answer(const nlohmann::ordered_json& body, int status = 200);
Response text_answer(std::string body, std::string content_type, int status = 200);
Response error_answer(int status, const std::string& message);
// With located diagnostics: a source's errors, a scheme's, a request body's.
Response error_answer(int status, const std::string& message, const Diagnostics& diagnostics,
                      const SourceSet& sources);

// 422 for a scheme that does not fit the ruleset: each diagnostic also names the input it is
// about, "input": "dwellings" or "schedule[2].bedrooms" (null when it is about the whole
// scheme), so that a form can put it beside its field.
Response scheme_error_answer(const Diagnostics& diagnostics, const SourceSet& sources);

// The diagnostics as `spdl check --format json` lists them.
nlohmann::ordered_json diagnostics_json(const Diagnostics& diagnostics, const SourceSet& sources);

// JSON as the command line prints it: two-space indent, invalid UTF-8 replaced, a final newline.
std::string dump(const nlohmann::ordered_json& value);

}  // namespace spdl::serve
