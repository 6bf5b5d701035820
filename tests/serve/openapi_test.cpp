// The OpenAPI document (runtime/serve/openapi.json) against the server's real answers: every path
// and method it lists is answered, with a status it documents, and each JSON answer has the
// top-level keys its schema requires (a small walker: $ref, required, properties, items).

#include <catch2/catch.hpp>

#include <fstream>
#include <set>

#include "serve_process.hpp"
#include "service_fixture.hpp"

namespace spdl::serve::testing {

namespace {

using nlohmann::json;

// A schema with its $ref followed.
const json& resolved(const json& doc, const json& schema) {
  if (!schema.contains("$ref")) return schema;
  const std::string ref = schema["$ref"];
  const std::string name = ref.substr(ref.rfind('/') + 1);
  return doc["components"]["schemas"][name];
}

// The answer's body against the schema: its required keys, and theirs where they are objects
// with schemas of their own, and the first item of each documented array.
void conforms(const json& doc, const json& schema_in, const json& value, const std::string& where) {
  const json& schema = resolved(doc, schema_in);
  INFO(where);
  if (schema.contains("type")) {
    const std::string type = schema["type"];
    if (type == "object")
      CHECK((value.is_object() || (value.is_null() && schema.value("nullable", false))));
    if (type == "array") CHECK(value.is_array());
    if (type == "string")
      CHECK((value.is_string() || (value.is_null() && schema.value("nullable", false))));
    if (type == "boolean") CHECK(value.is_boolean());
    if (type == "integer") CHECK(value.is_number_integer());
  }
  if (value.is_object()) {
    for (const auto& key : schema.value("required", json::array())) {
      INFO("required key " << key);
      CHECK(value.contains(key.get<std::string>()));
    }
    if (schema.contains("properties")) {
      for (const auto& [key, sub] : schema["properties"].items()) {
        if (value.contains(key) && !sub.empty()) conforms(doc, sub, value[key], where + "." + key);
      }
    }
  }
  if (value.is_array() && !value.empty() && schema.contains("items"))
    conforms(doc, schema["items"], value[0], where + "[0]");
}

struct Example {
  std::string method;
  std::string path;    // as documented
  std::string target;  // as sent
  std::string body;
  std::string content_type = "application/json";
};

}  // namespace

TEST_CASE("openapi: every documented path is answered as documented", "[service][openapi]") {
  const json doc = json::parse(read_file(source_dir / "runtime/serve/openapi.json"));
  CHECK(doc["openapi"].get<std::string>().starts_with("3.0"));

  ServiceOptions options = shipped_options();
  options.drafts = work_folder("openapi_drafts");
  Service service(options);

  const std::string vale = "vale.revised_draft_2006";
  const std::string source = read_file(source_dir / "rulesets/vale/revised_draft_2006.spd");
  const std::string scheme = read_file(source_dir / "tests/serve/wantage_road.json");
  const std::string tests = read_file(source_dir / "rulesets/vale/revised_draft_2006.test.yaml");
  const std::vector<Example> examples = {
      {"get", "/v1/rulesets", "/v1/rulesets", ""},
      {"get", "/v1/rulesets/{id}", "/v1/rulesets/" + vale, ""},
      {"get", "/v1/rulesets/{id}/source", "/v1/rulesets/" + vale + "/source", ""},
      {"get", "/v1/rulesets/{id}/tests", "/v1/rulesets/" + vale + "/tests", ""},
      {"post", "/v1/rulesets/{id}/evaluate", "/v1/rulesets/" + vale + "/evaluate", scheme},
      {"post", "/v1/rulesets/{id}/batch", "/v1/rulesets/" + vale + "/batch",
       "{\"dwellings\": 60, \"settlement_population\": 11000}\n", "application/x-ndjson"},
      {"post", "/v1/check", "/v1/check", json{{"source", source}}.dump()},
      {"post", "/v1/evaluate", "/v1/evaluate",
       "{\"source\": " + json(source).dump() + ", \"scheme\": " + scheme + "}"},
      {"post", "/v1/test", "/v1/test", json{{"source", source}, {"tests", tests}}.dump()},
      {"post", "/v1/diff", "/v1/diff", json{{"new", {{"id", vale}}}}.dump()},
      {"post", "/v1/compare", "/v1/compare",
       json{{"old", {{"id", "braintree.core_strategy_2009"}}},
            {"new", {{"id", "braintree.rejected_option_2009"}}},
            {"portfolio", {{"id", "braintree/land_supply_2009_sites"}}}}
           .dump()},
      {"post", "/v1/sweep", "/v1/sweep",
       json{{"ruleset", {{"id", vale}}},
            {"scheme", {{"settlement_population", 5000}}},
            {"vary", "dwellings=1..20"}}
           .dump()},
      {"get", "/v1/examples", "/v1/examples", ""},
      {"get", "/v1/examples/portfolios/{id}",
       "/v1/examples/portfolios/braintree/land_supply_2009_sites", ""},
      {"put", "/v1/drafts/{name}", "/v1/drafts/openapi.spd", source, "text/plain"},
      {"get", "/v1/drafts", "/v1/drafts", ""},
      {"get", "/v1/drafts/{name}", "/v1/drafts/openapi.spd", ""},
      {"get", "/v1/openapi.json", "/v1/openapi.json", ""},
  };

  // The document lists exactly the operations exercised here.
  std::set<std::string> documented;
  for (const auto& [path, operations] : doc["paths"].items()) {
    for (const auto& [method, operation] : operations.items())
      documented.insert(method + " " + path);
  }
  std::set<std::string> exercised;
  for (const auto& e : examples) exercised.insert(e.method + " " + e.path);
  CHECK(documented == exercised);

  for (const auto& e : examples) {
    INFO(e.method << " " << e.target);
    std::string method = e.method;
    for (auto& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const Response r =
        service.handle(Request{method, e.target, e.content_type, std::nullopt, e.body});
    const json& operation = doc["paths"][e.path][e.method];
    const std::string status = std::to_string(r.status);
    REQUIRE(operation["responses"].contains(status));
    const json& response = operation["responses"][status];
    CHECK(r.status < 400);
    const std::string media = r.content_type.substr(0, r.content_type.find(';'));
    if (!response.contains("content")) continue;
    // The answer's media type is one the document gives (text/* types by their family).
    bool listed = false;
    for (const auto& [type, content] : response["content"].items()) {
      listed |= type == media || (type.starts_with("text/") && media.starts_with("text/"));
    }
    CHECK(listed);
    if (media == "application/json" && response["content"].contains("application/json")) {
      const json body = json::parse(r.body);
      conforms(doc, response["content"]["application/json"]["schema"], body, e.path);
    }
  }

  // Errors keep their documented shape.
  const Response missing = service.handle(get("/v1/rulesets/nothing.here"));
  REQUIRE(missing.status == 404);
  conforms(doc, json{{"$ref", "#/components/schemas/Error"}}, body_json(missing), "404");
}

}  // namespace spdl::serve::testing
