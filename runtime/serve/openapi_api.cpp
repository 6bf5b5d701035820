// GET /v1/openapi.json: the OpenAPI 3 document of the API (runtime/serve/openapi.json, installed
// as share/spdl/openapi.json), which tests/serve checks against the server's real answers.

#include "spdl/lang/base/file_io.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

Response openapi_document(const Call& call) {
  auto text = read_text_file(call.options.home / "openapi.json", 1024 * 1024);
  if (std::holds_alternative<ReadFailure>(text)) {
    return error_answer(404,
                        "this installation has no share/spdl/openapi.json; "
                        "spec/http-api.md describes the API");
  }
  return text_answer(std::move(std::get<std::string>(text)), "application/json");
}

}  // namespace spdl::serve
