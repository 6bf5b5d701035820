// POST /v1/test {"source": "...", "tests": "YAML text", "name"?}: the source's test cases run as
// `spdl test --coverage --format json` runs a file, on the source as given (not as saved).

#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/source_ruleset.hpp"
#include "spdl/runtime/testing/test_report.hpp"

namespace spdl::serve {

Response test_source(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request = read_source_request(call, {"source", "tests", "name"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  SourceRequest& given = std::get<SourceRequest>(request);
  if (!given.body.contains("tests") || !given.body["tests"].is_string())
    return error_answer(400, "the body needs \"tests\": the test file's YAML text, a string");
  const TestFileResult result = run_test_text_on(
      "tests.yaml", given.body["tests"].get<std::string>(), open_source(call.store, given));
  return text_answer(render_test_results_json({result}, {.coverage = true}), "application/json");
}

}  // namespace spdl::serve
