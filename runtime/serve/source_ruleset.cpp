#include "spdl/runtime/serve/source_ruleset.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/json_body.hpp"

namespace spdl::serve {

namespace {

// A name for diagnostics only: never a path that is opened.
bool plausible_name(const std::string& name) {
  if (name.empty() || name.size() > 128) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
  });
}

}  // namespace

std::variant<SourceRequest, Response> read_source_request(const Call& call,
                                                          std::initializer_list<const char*> keys) {
  JsonBody json = read_json_body(call.request.body);
  if (!json.value)
    return error_answer(400, "the body is not valid JSON", json.diagnostics, json.sources);
  if (!json.value->is_object()) return error_answer(400, "the body must be a JSON object");
  for (const auto& [key, value] : json.value->items()) {
    const bool known =
        std::any_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; });
    if (!known) {
      std::string list;
      for (const char* k : keys) list += fmt::format("{}\"{}\"", list.empty() ? "" : ", ", k);
      return error_answer(400, fmt::format("the body has \"{}\", which this endpoint does not "
                                           "read (it reads {})",
                                           key, list));
    }
  }
  SourceRequest out;
  const auto& body = *json.value;
  if (std::find_if(keys.begin(), keys.end(),
                   [](const char* k) { return std::strcmp(k, "source") == 0; }) != keys.end()) {
    if (!body.contains("source") || !body["source"].is_string())
      return error_answer(400, "the body needs \"source\": the ruleset's text, a string");
    out.source = body["source"].get<std::string>();
  }
  if (body.contains("name")) {
    if (!body["name"].is_string() || !plausible_name(body["name"].get<std::string>()))
      return error_answer(400,
                          "\"name\" is a file name such as \"draft.spd\" (letters, digits, "
                          "'.', '_' and '-')");
    out.name = body["name"].get<std::string>();
  }
  out.body = std::move(*json.value);
  return out;
}

CheckResult check_source_text(RulesetStore& store, const std::string& name,
                              const std::string& source) {
  CheckResult result = check(load_ruleset_text(name, source, store.roots()));
  // A ruleset is lowered as `spdl check` does, so that what loading refuses is reported too.
  if (result.ruleset && !result.ruleset->header().is_module) {
    OpenedRuleset opened = open_ruleset(std::move(result));
    result = CheckResult{opened.load, nullptr, std::move(opened.diagnostics)};
  }
  return result;
}

OpenedRuleset open_source(RulesetStore& store, const SourceRequest& request) {
  return open_ruleset(check(load_ruleset_text(request.name, request.source, store.roots())));
}

}  // namespace spdl::serve
