// A fuzz target: `spdl serve`'s request handler (runtime/serve/service.hpp), without sockets. The
// input is a request as lines: the method and target on the first, the Content-Type on the
// second, an Origin on the third ("-" for none), and the body after them: anything at all
// (targets with escapes and traversal, JSON that is not JSON, schemes and sources of every kind).
// Invariants: the handler never throws and never answers 500 (a 500 is a bug); every answer's
// status is a real one; every JSON answer parses, and an error's body is
// {"error": {"status": the status, "message", "diagnostics": [...]}}. Drafts go to a folder of
// the fuzzer's own; a crash, a hang or a leak fails too.

#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_check.hpp"
#include "spdl/runtime/serve/service.hpp"

namespace {

spdl::serve::ServiceOptions options() {
  namespace fs = std::filesystem;
  spdl::serve::ServiceOptions out;
  out.home = fs::path(SPDL_SOURCE_DIR);  // stdlib/ and rulesets/ as an installation's
  out.root = fs::path(SPDL_SOURCE_DIR) / "rulesets";
  out.web = fs::path(SPDL_SOURCE_DIR) / "runtime/serve/web";
  const fs::path drafts = fs::temp_directory_path() / "spdl-fuzz-serve-drafts";
  fs::create_directories(drafts);
  out.drafts = drafts;
  return out;
}

spdl::serve::Service& service() {
  static spdl::serve::Service s(options());
  static const bool origins = (s.set_own_origins({"http://127.0.0.1:8080"}), true);
  (void)origins;
  return s;
}

std::string line(const std::string& text, std::size_t& at) {
  const auto end = text.find('\n', at);
  const std::string out = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
  at = end == std::string::npos ? text.size() : end + 1;
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::size_t at = 0;
  const std::string first = line(input, at);
  spdl::serve::Request request;
  const auto space = first.find(' ');
  request.method = first.substr(0, space);
  request.target = space == std::string::npos ? "/" : first.substr(space + 1);
  request.content_type = line(input, at);
  if (const std::string origin = line(input, at); origin != "-") request.origin = origin;
  request.body = input.substr(at);

  const spdl::serve::Response r = service().handle(request);
  SPDL_FUZZ_REQUIRE(r.status != 500, "a 500 (a bug): " + r.body);
  SPDL_FUZZ_REQUIRE(r.status >= 200 && r.status < 600, "not an HTTP status");
  if (r.content_type == "application/json") {
    const auto body = nlohmann::json::parse(r.body, nullptr, false);
    SPDL_FUZZ_REQUIRE(!body.is_discarded(), "a JSON answer that does not parse: " + r.body);
    if (r.status >= 400) {
      SPDL_FUZZ_REQUIRE(body.contains("error") && body["error"]["status"] == r.status &&
                            body["error"]["message"].is_string() &&
                            body["error"]["diagnostics"].is_array(),
                        "an error answer not in the error shape: " + r.body);
    }
  }
  return 0;
}
