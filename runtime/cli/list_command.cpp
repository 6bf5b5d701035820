// spdl list [PATH...] [--format json]: each authority's rulesets with their status and dates.

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/engine/catalogue.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/engine/in_force.hpp"

namespace spdl::cli {

namespace {

// `spdl list --on DATE`: each authority's version in force on the date, and why; a line of
// guidance none of whose versions can be chosen says why not and makes the exit code 1.
int list_in_force(const std::vector<CatalogueEntry>& entries, const ListOptions& options) {
  const auto day = parse_date(options.on);
  if (!day) {
    std::cerr << fmt::format("spdl list: --on {} is not a date: {}\n", options.on,
                             why_not_a_date(options.on));
    return 1;
  }
  std::vector<CatalogueEntry> sorted = entries;
  const std::vector<InForce> answers = in_force_on(sorted, *day);
  if (options.format == Format::json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& a : answers) {
      list.push_back({{"authority", a.authority},
                      {"guidance", a.line},
                      {"in_force", a.chosen ? nlohmann::ordered_json(a.chosen->id)
                                            : nlohmann::ordered_json(nullptr)},
                      {"path", a.chosen ? nlohmann::ordered_json(a.chosen->path)
                                        : nlohmann::ordered_json(nullptr)},
                      {"reason", a.reason}});
    }
    std::cout << nlohmann::ordered_json{{"on", format_date(*day)}, {"guidance", list}}.dump(
                     2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
    return 0;
  }
  std::cout << "The guidance in force on " << date_in_words(*day) << "\n";
  std::string authority = "\x01";
  for (const auto& a : answers) {
    if (a.authority != authority) {
      authority = a.authority;
      std::cout << "\n" << (authority.empty() ? "(no authority given)" : authority) << "\n";
    }
    std::cout << fmt::format("  {}: {}\n    {}\n", a.line,
                             a.chosen ? a.chosen->id + " (" + a.chosen->path + ")" : "not known",
                             a.reason);
  }
  return 0;
}

}  // namespace

int run_list(const ListOptions& options) {
  std::vector<CatalogueEntry> entries;
  const std::vector<std::string> paths =
      options.paths.empty() ? std::vector<std::string>{(spdl_home() / "rulesets").string()}
                            : options.paths;
  for (const auto& p : paths) {
    auto found = list_rulesets(p);
    entries.insert(entries.end(), found.begin(), found.end());
  }
  bool problems = false;
  if (!options.on.empty()) return list_in_force(entries, options);
  if (options.format == Format::json) {
    auto list = nlohmann::ordered_json::array();
    for (const auto& e : entries) {
      list.push_back({{"id", e.id},
                      {"kind", e.is_module ? "module" : "ruleset"},
                      {"title", e.title},
                      {"authority", e.authority},
                      {"status", e.status},
                      {"dates", e.dates},
                      {"amends", e.amends},
                      {"path", e.path},
                      {"problem", e.problem}});
      problems |= !e.problem.empty();
    }
    std::cout << nlohmann::ordered_json{{"rulesets", list}}.dump(
                     2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
    return problems ? 1 : 0;
  }
  std::size_t width = 0;
  for (const auto& e : entries) width = std::max(width, e.id.size());
  std::string authority = "\x01";
  for (const auto& e : entries) {
    if (e.authority != authority) {
      authority = e.authority;
      std::cout << (&e == &entries.front() ? "" : "\n")
                << (authority.empty() ? "(no authority given)" : utf8::printable(authority))
                << "\n";
    }
    std::string dates;
    for (const auto& d : e.dates) dates += (dates.empty() ? "" : ", ") + d;
    std::string line = fmt::format("  {:<{}}  {:<12}", e.id.empty() ? e.path : e.id, width,
                                   e.is_module ? "module" : e.status);
    line += "  " + e.title;
    if (!dates.empty()) line += " (" + dates + ")";
    if (!e.amends.empty()) line += "; amends " + e.amends;
    if (!e.problem.empty()) {
      line += fmt::format("  [{} {}]", e.path, e.problem);
      problems = true;
    }
    std::cout << utf8::printable(line) << "\n";  // titles come from the files listed
  }
  return problems ? 1 : 0;
}

}  // namespace spdl::cli
