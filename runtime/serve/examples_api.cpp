// GET /v1/examples (the example schemes, as JSON a form can be filled from, and the portfolios)
// and GET /v1/examples/portfolios/{id} (a portfolio's text).

#include <fmt/format.h>

#include <chrono>
#include <regex>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/engine/in_force.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/examples.hpp"
#include "spdl/runtime/serve/ruleset_json.hpp"

namespace spdl::serve {

namespace {

using nlohmann::ordered_json;

// A scheme's YAML as JSON: maps and lists as they are; a plain whole or decimal number as a
// number, true and false as booleans, everything else ("2.4 ha", "£3,500", "yes") as the text
// written, which the scheme reader reads as it reads the YAML.
ordered_json node_json(const yaml::Node& node) {
  switch (node.kind()) {
    case yaml::Kind::null:
      return nullptr;
    case yaml::Kind::scalar: {
      static const std::regex number(R"(-?[0-9]{1,15}(\.[0-9]{1,15})?)");
      const std::string text(node.scalar());
      if (std::regex_match(text, number)) return ordered_json::parse(text);
      if (text == "true" || text == "false") return text == "true";
      return text;
    }
    case yaml::Kind::sequence: {
      auto out = ordered_json::array();
      for (std::size_t i = 0; i < node.size(); ++i) out.push_back(node_json(node.item(i)));
      return out;
    }
    case yaml::Kind::map: {
      auto out = ordered_json::object();
      for (std::size_t i = 0; i < node.size(); ++i)
        out[std::string(node.key(i).scalar())] = node_json(node.value(i));
      return out;
    }
  }
  return nullptr;
}

std::size_t csv_rows(const std::string& text) {
  std::size_t lines = 0;
  bool quoted = false;
  for (const char c : text) {
    if (c == '"') quoted = !quoted;
    if (c == '\n' && !quoted) ++lines;
  }
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines == 0 ? 0 : lines - 1;  // the header is no scheme
}

}  // namespace

Response list_examples(const Call& call) {
  // The version of each authority's guidance in force today: the one an example is meant for.
  std::map<std::string, std::vector<CatalogueEntry>> by_authority;
  for (const auto& e : call.store.catalogue()) {
    if (!e.is_module && e.problem.empty()) by_authority[authority_id(e.id)].push_back(e);
  }
  auto schemes = ordered_json::array();
  auto portfolios = ordered_json::array();
  for (const auto& example : example_files(call.store.root())) {
    auto text = read_text_file(example.path, limits::max_portfolio_bytes);
    if (std::holds_alternative<ReadFailure>(text)) continue;
    const std::string& body = std::get<std::string>(text);
    if (example.portfolio) {
      std::size_t count = 0;
      if (example.format == "csv") {
        count = csv_rows(body);
      } else if (auto tree = yaml::read_yaml(body, scheme_tree_limits());
                 std::holds_alternative<std::unique_ptr<yaml::Tree>>(tree)) {
        count = std::get<std::unique_ptr<yaml::Tree>>(tree)->root().size();
      }
      portfolios.push_back({{"id", example.id}, {"format", example.format}, {"count", count}});
      continue;
    }
    auto tree = yaml::read_yaml(body, scheme_tree_limits());
    if (!std::holds_alternative<std::unique_ptr<yaml::Tree>>(tree)) continue;
    const yaml::Node root = std::get<std::unique_ptr<yaml::Tree>>(tree)->root();
    if (!root.is_map()) continue;
    ordered_json hint = nullptr;
    if (const auto it = by_authority.find(example.authority); it != by_authority.end()) {
      const VersionChoice choice = single_version(in_force_on(it->second, today()), "", "");
      if (choice.chosen) hint = choice.chosen->id;
    }
    schemes.push_back({{"id", example.id}, {"ruleset_hint", hint}, {"scheme", node_json(root)}});
  }
  return json_answer({{"schemes", schemes}, {"portfolios", portfolios}});
}

Response example_portfolio(const Call& call, const std::string& id) {
  const auto example = find_example(call.store.root(), id, true);
  if (!example) {
    return error_answer(404, fmt::format("there is no portfolio `{}` (GET /v1/examples lists "
                                         "them)",
                                         id));
  }
  auto text = read_text_file(example->path, limits::max_portfolio_bytes);
  if (std::holds_alternative<ReadFailure>(text))
    return error_answer(404, fmt::format("the portfolio `{}` cannot be read now", id));
  return text_answer(std::move(std::get<std::string>(text)), example->format == "csv"
                                                                 ? "text/csv; charset=utf-8"
                                                                 : "text/yaml; charset=utf-8");
}

}  // namespace spdl::serve
