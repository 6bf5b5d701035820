// spec/lsp.md against the server: its capabilities block is what initialize answers, every
// request its table lists is one the server has, and its table of error codes is the codes the
// server sends (runtime/lsp/protocol.hpp).

#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "lsp_client.hpp"

using namespace spdl::lsp;
using namespace spdl::lsp::testing;

namespace {

const std::string spec = read_file(source_dir / "spec/lsp.md");

// The lines of the section that starts with `heading`, up to the next heading of its level.
std::vector<std::string> section(const std::string& heading) {
  std::istringstream in(spec);
  std::vector<std::string> out;
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (line == heading) {
      inside = true;
      continue;
    }
    if (inside && line.rfind("## ", 0) == 0) break;
    if (inside) out.push_back(line);
  }
  REQUIRE(inside);
  return out;
}

// The first cell of each row of the section's first table, without its backquotes.
std::vector<std::string> first_column(const std::string& heading) {
  std::vector<std::string> out;
  bool seen_table = false;
  for (const auto& line : section(heading)) {
    if (line.rfind("| `", 0) != 0) {
      if (seen_table && line.rfind("|", 0) != 0) break;
      continue;
    }
    seen_table = true;
    const auto end = line.find('`', 3);
    out.push_back(line.substr(3, end - 3));
  }
  return out;
}

}  // namespace

TEST_CASE("spec/lsp.md: the capabilities are what initialize answers", "[lsp][spec]") {
  const std::string open = "```json capabilities\n";
  const auto begin = spec.find(open);
  REQUIRE(begin != std::string::npos);
  const auto end = spec.find("```", begin + open.size());
  const json written = json::parse(spec.substr(begin + open.size(), end - begin - open.size()));

  TestClient client({.initialize = false});
  const json init = client.result("initialize", {{"capabilities", json::object()}});
  CHECK(init["capabilities"] == written);
}

TEST_CASE("spec/lsp.md: every request in its table is one the server has", "[lsp][spec]") {
  const auto methods = first_column("## Requests");
  // The eleven requests of the features and the lifecycle's two.
  CHECK(methods.size() == 13);
  TestClient client;
  const std::string uri = file_uri(source_dir / "rulesets/vale/revised_draft_2006.spd");
  client.open(uri, read_file(source_dir / "rulesets/vale/revised_draft_2006.spd"));
  const json params = {
      {"textDocument", {{"uri", uri}}},
      {"position", {{"line", 0}, {"character", 0}}},
      {"range",
       {{"start", {{"line", 0}, {"character", 0}}}, {"end", {{"line", 0}, {"character", 0}}}}},
      {"context", {{"includeDeclaration", true}}},
      {"query", ""},
      {"newName", "renamed"},
      {"scheme", json::object()},
      {"options", json::object()},
      {"capabilities", json::object()}};
  std::set<std::string> listed;
  for (const auto& method : methods) {
    INFO(method);
    listed.insert(method);
    if (method == "initialize" || method == "shutdown") continue;  // the lifecycle's own tests
    const json response = client.request(method, params);
    if (response.contains("error")) CHECK(response["error"]["code"] != -32601);
  }
  CHECK(listed.count("initialize") == 1);
  CHECK(listed.count("shutdown") == 1);
  // And a method the table does not list is one the server does not have.
  CHECK(client.request("textDocument/implementation", params)["error"]["code"] == -32601);
}

TEST_CASE("spec/lsp.md: the error codes are the server's", "[lsp][spec]") {
  std::set<int> written;
  for (const auto& code : first_column("## Errors")) written.insert(std::stoi(code));
  const std::set<int> sent = {error_code::parse_error,      error_code::invalid_request,
                              error_code::method_not_found, error_code::invalid_params,
                              error_code::internal_error,   error_code::server_not_initialized,
                              error_code::request_failed};
  CHECK(written == sent);
}
