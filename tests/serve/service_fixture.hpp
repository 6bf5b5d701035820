#pragma once
// The service driven directly, without sockets: a Service over the shipped rulesets (or a copy
// of them in a work folder), and requests made as the transport makes them.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

#include "spdl/runtime/serve/service.hpp"

namespace spdl::serve::testing {

// spdl's home in the build tree (build/share/spdl: the stdlib, rulesets, pages, openapi.json).
inline const std::filesystem::path build_home = SPDL_BUILD_HOME;

ServiceOptions shipped_options();

Request get(const std::string& target);
Request post(const std::string& target, std::string body,
             std::string content_type = "application/json");
Request put(const std::string& target, std::string body, std::string content_type = "text/plain");

// The Vale's revised draft asking 35% where it asks 40% (H16), the one figure changed, as a policy
// writer would: 5.2's split keeps 30% for social rent and leaves intermediate housing the rest.
// 35% of Wantage Road's 60 dwellings is 21.
std::string vale_at_35_percent(std::string revised_draft);

// The body of an answer as JSON (null when it is not JSON).
nlohmann::json body_json(const Response& r);
// The message of an error answer ("" when it is none).
std::string error_message(const Response& r);

}  // namespace spdl::serve::testing
