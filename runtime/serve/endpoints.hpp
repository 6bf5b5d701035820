#pragma once
// The endpoint groups of the service, one file each (rulesets_api.cpp, evaluate_api.cpp, ...);
// service.cpp routes a request to them. Internal to runtime/serve.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "spdl/runtime/serve/http_message.hpp"
#include "spdl/runtime/serve/service.hpp"

namespace spdl::serve {

// What an endpoint is given: the request, its parsed target and the service's state.
struct Call {
  const Request& request;
  const Target& target;
  RulesetStore& store;
  const ServiceOptions& options;

  // A query parameter, or "" when absent.
  std::string query(const std::string& name) const;
  // ?explain=true (also 1 and yes).
  bool flag(const std::string& name) const;
};

// rulesets_api.cpp
Response list_rulesets(const Call& call);
Response describe_ruleset(const Call& call, const std::string& id);
Response ruleset_source(const Call& call, const std::string& id);
Response ruleset_tests(const Call& call, const std::string& id);

// evaluate_api.cpp
Response evaluate_served(const Call& call, const std::string& id);
Response evaluate_source(const Call& call);

// check_api.cpp, test_api.cpp
Response check_source(const Call& call);
Response test_source(const Call& call);

// batch_api.cpp
Response batch_served(const Call& call, const std::string& id);

// analysis_api.cpp
Response diff_rulesets_api(const Call& call);
Response compare_api(const Call& call);
Response sweep_api(const Call& call);

// examples_api.cpp
Response list_examples(const Call& call);
Response example_portfolio(const Call& call, const std::string& id);

// drafts_api.cpp
Response list_drafts(const Call& call);
Response read_draft(const Call& call, const std::string& name);
Response save_draft(const Call& call, const std::string& name);

// openapi_api.cpp
Response openapi_document(const Call& call);

// static_files.cpp: "/", "/workbench", "/static/...", "/codemirror/..."
Response static_file(const Call& call);

// A served ruleset ready to evaluate, or the answer saying why not: 404 for an id the server does
// not have, 422 for a module (nothing to evaluate) or a file with errors (its errors, never the
// last good version's figures). rulesets_api.cpp.
std::variant<std::shared_ptr<const OpenedRuleset>, Response> evaluable_ruleset(
    const Call& call, const std::string& id);
Response unknown_ruleset(const std::string& id);
// Today, as a day number (lang/base/date.hpp), for "in force today".
std::int32_t today();

// Refusals shared by the endpoints: nothing when the request may go on.
std::optional<Response> require_json(const Request& request);
std::optional<Response> require_media(const Request& request, const char* media, const char* what);

}  // namespace spdl::serve
