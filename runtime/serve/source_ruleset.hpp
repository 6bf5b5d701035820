#pragma once
// A ruleset given as text in a request body ({"source": "...", "name": "draft.spd", ...}): read,
// checked and lowered, its `use` and `amends` resolved among the rulesets served.

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

struct SourceRequest {
  nlohmann::json body;  // the whole request, read strictly
  std::string source;
  std::string name = "draft.spd";  // how diagnostics name the source
};

// The body read as JSON with a string "source" (and optionally "name"), no key outside `keys`.
std::variant<SourceRequest, Response> read_source_request(const Call& call,
                                                          std::initializer_list<const char*> keys);

// Loaded, checked and (a ruleset, not a module) lowered, as `spdl check` and `spdl eval` do.
CheckResult check_source_text(RulesetStore& store, const std::string& name,
                              const std::string& source);
OpenedRuleset open_source(RulesetStore& store, const SourceRequest& request);

}  // namespace spdl::serve
