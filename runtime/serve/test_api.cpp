// POST /v1/test {"source": "...", "tests": "YAML text", "name"?, "files_of"?}: the source's test
// cases run as `spdl test --coverage --format json` runs a file, on the source as given (not as
// saved).

#include <fmt/format.h>

#include <filesystem>

#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/source_ruleset.hpp"
#include "spdl/runtime/testing/test_report.hpp"

namespace spdl::serve {

Response test_source(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request = read_source_request(call, {"source", "tests", "name", "files_of"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  SourceRequest& given = std::get<SourceRequest>(request);
  if (!given.body.contains("tests") || !given.body["tests"].is_string())
    return error_answer(400, "the body needs \"tests\": the test file's YAML text, a string");
  // The tests of a served ruleset name its example schemes (`scheme_file: schemes/x.yaml`): with
  // "files_of": its id, they are read from its folder, and from nowhere outside the root.
  TestFilesAllowed files;
  if (given.body.contains("files_of")) {
    if (!given.body["files_of"].is_string())
      return error_answer(400, "\"files_of\" is the id of a served ruleset");
    const std::string id = given.body["files_of"].get<std::string>();
    const auto entry = call.store.find(id);
    if (!entry)
      return error_answer(404, fmt::format("there is no ruleset `{}` on this server", id));
    files = {std::filesystem::path(entry->path).parent_path(), call.store.root()};
  }
  const TestFileResult result = run_test_text_on(
      "tests.yaml", given.body["tests"].get<std::string>(), open_source(call.store, given), files);
  return text_answer(render_test_results_json({result}, {.coverage = true}), "application/json");
}

}  // namespace spdl::serve
