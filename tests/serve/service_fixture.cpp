#include "service_fixture.hpp"

#include "serve_process.hpp"

#include <stdexcept>

namespace spdl::serve::testing {

ServiceOptions shipped_options() {
  ServiceOptions options;
  options.home = build_home;
  options.root = source_dir / "rulesets";
  return options;
}

Request get(const std::string& target) {
  return Request{"GET", target, "", std::nullopt, ""};
}

Request post(const std::string& target, std::string body, std::string content_type) {
  return Request{"POST", target, std::move(content_type), std::nullopt, std::move(body)};
}

Request put(const std::string& target, std::string body, std::string content_type) {
  return Request{"PUT", target, std::move(content_type), std::nullopt, std::move(body)};
}

std::string vale_at_35_percent(std::string text) {
  const auto swap = [&](const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    if (at == std::string::npos) throw std::runtime_error("the revised draft has no " + from);
    text.replace(at, from.size(), to);
  };
  swap("override parameter affordable_share = 40%", "override parameter affordable_share = 35%");
  return text;
}

nlohmann::json body_json(const Response& r) {
  return nlohmann::json::parse(r.body, nullptr, false);
}

std::string error_message(const Response& r) {
  const auto j = body_json(r);
  if (!j.is_object() || !j.contains("error")) return "";
  return j["error"]["message"].get<std::string>();
}

}  // namespace spdl::serve::testing
