// POST /v1/check {"source": "...", "name": "draft.spd"}: the source's diagnostics as
// `spdl check --format json` gives them ({"files": [{...,"file": NAME}]}), answered 200 whether
// or not there are errors: the diagnostics are the answer.

#include <nlohmann/json.hpp>

#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/source_ruleset.hpp"

namespace spdl::serve {

Response check_source(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request = read_source_request(call, {"source", "name"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  const SourceRequest& given = std::get<SourceRequest>(request);
  const CheckResult result = check_source_text(call.store, given.name, given.source);
  // Built as `spdl check --format json` builds it (an unordered object: keys sorted).
  auto doc = nlohmann::json::parse(render_json(result.diagnostics, result.load->sources));
  doc["file"] = given.name;
  const nlohmann::json files{{"files", nlohmann::json::array({doc})}};
  return text_answer(files.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                     "application/json");
}

}  // namespace spdl::serve
