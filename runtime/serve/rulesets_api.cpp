// GET /v1/rulesets, /v1/rulesets/{id} (what a form needs), .../source and .../tests.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/engine/in_force.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/ruleset_json.hpp"

namespace spdl::serve {

namespace {

using nlohmann::ordered_json;
namespace fs = std::filesystem;

// The tests beside a ruleset: rulesets/vale/revised_draft_2006.test.yaml.
fs::path tests_path(const std::string& ruleset_path) {
  fs::path p(ruleset_path);
  return p.replace_extension(".test.yaml");
}

std::optional<std::int32_t> day_asked(const Call& call, std::optional<Response>& refusal) {
  const std::string on = call.query("on");
  if (on.empty()) return std::nullopt;
  const auto day = parse_date(on);
  if (!day)
    refusal = error_answer(400, fmt::format("on={} is not a date: {}", on, why_not_a_date(on)));
  return day;
}

}  // namespace

std::int32_t today() {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return static_cast<std::int32_t>(now.time_since_epoch().count());
}

Response unknown_ruleset(const std::string& id) {
  return error_answer(404, fmt::format("there is no ruleset `{}` on this server (GET /v1/rulesets "
                                       "lists them)",
                                       id));
}

std::variant<std::shared_ptr<const OpenedRuleset>, Response> evaluable_ruleset(
    const Call& call, const std::string& id) {
  const auto stored = call.store.open(id);
  if (!stored) return unknown_ruleset(id);
  if (stored->entry->is_module) {
    return error_answer(422, fmt::format("`{}` is a module of shared definitions; evaluate a "
                                         "ruleset that uses it",
                                         id));
  }
  if (stored->broken) {
    return error_answer(422, fmt::format("the ruleset `{}` has errors", id),
                        stored->broken->diagnostics, stored->broken->load->sources);
  }
  return stored->good;
}

Response list_rulesets(const Call& call) {
  std::optional<Response> refusal;
  const auto asked = day_asked(call, refusal);
  if (refusal) return *refusal;
  const std::int32_t day = asked.value_or(today());
  const auto catalogue = call.store.catalogue();
  std::vector<CatalogueEntry> rulesets;
  auto modules = ordered_json::array();
  for (const auto& e : catalogue) {
    if (e.is_module) {
      modules.push_back({{"id", e.id}, {"title", e.title}});
    } else if (e.problem.empty()) {
      rulesets.push_back(e);
    }
  }
  const auto answers = in_force_on(rulesets, day);
  auto list = ordered_json::array();
  for (const auto& e : rulesets) {
    bool in_force = false;
    std::string reason;
    for (const auto& a : answers) {
      if (a.chosen && a.chosen->id == e.id) in_force = true;
    }
    // The reason of the line the ruleset is a version of: why it, or another, is in force.
    for (const auto& a : answers) {
      if (a.chosen && a.chosen->id == e.id) reason = a.reason;
    }
    if (reason.empty()) {
      // Its line's: the version its `amends` lead back to (the Vale's Grove annexe amends the
      // revised draft, which amends the first draft, the line's first version).
      std::string root = e.id;
      for (std::size_t hops = 0; hops < rulesets.size(); ++hops) {
        const auto up = std::find_if(rulesets.begin(), rulesets.end(),
                                     [&](const CatalogueEntry& r) { return r.id == root; });
        if (up == rulesets.end() || up->amends.empty()) break;
        root = up->amends;
      }
      for (const auto& a : answers) {
        if (a.authority == e.authority &&
            (a.line == e.id || a.line == root || (a.chosen && a.chosen->amends == e.id)))
          reason = a.reason;
      }
    }
    std::error_code ec;
    list.push_back({{"id", e.id},
                    {"authority_id", authority_id(e.id)},
                    {"authority", e.authority},
                    {"title", e.title},
                    {"status", e.status},
                    {"dates", dates_json(e.events)},
                    {"in_force", in_force},
                    {"in_force_reason", reason},
                    {"amends", e.amends.empty() ? ordered_json(nullptr) : ordered_json(e.amends)},
                    {"has_tests", fs::is_regular_file(tests_path(e.path), ec)}});
  }
  return json_answer({{"on", format_date(day)}, {"rulesets", list}, {"modules", modules}});
}

Response describe_ruleset(const Call& call, const std::string& id) {
  const auto stored = call.store.open(id);
  if (!stored) return unknown_ruleset(id);
  if (stored->entry->is_module) {
    return json_answer({{"id", id}, {"kind", "module"}, {"title", stored->entry->title}});
  }
  if (!stored->good) {
    const auto& broken = *stored->broken;
    return error_answer(422, fmt::format("the ruleset `{}` has errors", id), broken.diagnostics,
                        broken.load->sources);
  }
  ordered_json body = describe_program(*stored->good->program);
  std::error_code ec;
  body["has_tests"] = fs::is_regular_file(tests_path(stored->entry->path), ec);
  // The file on disk was edited into errors: the form is the last good version's, and says so.
  body["errors"] =
      stored->broken ? diagnostics_json(stored->broken->diagnostics, stored->broken->load->sources)
                     : ordered_json::array();
  return json_answer(body);
}

Response ruleset_source(const Call& call, const std::string& id) {
  const auto entry = call.store.find(id);
  if (!entry) return unknown_ruleset(id);
  auto text = read_text_file(entry->path, limits::max_source_bytes);
  if (std::holds_alternative<ReadFailure>(text))
    return error_answer(404, fmt::format("the ruleset `{}` cannot be read now", id));
  return text_answer(std::move(std::get<std::string>(text)), "text/plain; charset=utf-8");
}

Response ruleset_tests(const Call& call, const std::string& id) {
  const auto entry = call.store.find(id);
  if (!entry) return unknown_ruleset(id);
  const fs::path path = tests_path(entry->path);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return error_answer(404, fmt::format("the ruleset `{}` has no tests", id));
  auto text = read_text_file(path, limits::max_scheme_bytes);
  if (std::holds_alternative<ReadFailure>(text))
    return error_answer(404, fmt::format("the tests of `{}` cannot be read now", id));
  return text_answer(std::move(std::get<std::string>(text)), "text/yaml; charset=utf-8");
}

}  // namespace spdl::serve
