#include "spdl/runtime/serve/answers.hpp"

#include <regex>

namespace spdl::serve {

std::string dump(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

Response json_answer(const nlohmann::ordered_json& body, int status) {
  return Response{status, "application/json", dump(body), {}};
}

Response text_answer(std::string body, std::string content_type, int status) {
  return Response{status, std::move(content_type), std::move(body), {}};
}

nlohmann::ordered_json diagnostics_json(const Diagnostics& diagnostics, const SourceSet& sources) {
  auto rendered = nlohmann::ordered_json::parse(render_json(diagnostics, sources));
  return rendered["diagnostics"];
}

Response error_answer(int status, const std::string& message) {
  return json_answer({{"error",
                       {{"status", status},
                        {"message", message},
                        {"diagnostics", nlohmann::ordered_json::array()}}}},
                     status);
}

Response error_answer(int status, const std::string& message, const Diagnostics& diagnostics,
                      const SourceSet& sources) {
  return json_answer({{"error",
                       {{"status", status},
                        {"message", message},
                        {"diagnostics", diagnostics_json(diagnostics, sources)}}}},
                     status);
}

namespace {

// The scheme reader's messages begin with the path of the value ("schedule[2].bedrooms: expected
// a whole number ...") or name a key in backquotes ("`dwelings` is not an input ...").
nlohmann::ordered_json input_named(const std::string& message) {
  static const std::regex path(
      R"(^([A-Za-z_][A-Za-z0-9_]*(\[[0-9]+\])?(\.[A-Za-z_][A-Za-z0-9_]*)?): )");
  static const std::regex quoted(R"(`([A-Za-z_][A-Za-z0-9_.\[\]]*)`)");
  std::smatch m;
  if (std::regex_search(message, m, path)) return m[1].str();
  if (std::regex_search(message, m, quoted)) return m[1].str();
  return nullptr;
}

}  // namespace

Response scheme_error_answer(const Diagnostics& diagnostics, const SourceSet& sources) {
  auto list = diagnostics_json(diagnostics, sources);
  for (auto& d : list) d["input"] = input_named(d.value("message", ""));
  return json_answer({{"error",
                       {{"status", 422},
                        {"message", "the scheme does not fit the ruleset"},
                        {"diagnostics", list}}}},
                     422);
}

}  // namespace spdl::serve
