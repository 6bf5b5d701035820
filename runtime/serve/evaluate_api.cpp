// POST /v1/rulesets/{id}/evaluate (a scheme on a served ruleset, or on the version of it in force
// on ?on=) and POST /v1/evaluate (a ruleset's source and a scheme together, for the workbench).

#include <fmt/format.h>

#include <algorithm>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/engine/in_force.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/json_body.hpp"
#include "spdl/runtime/serve/report_formats.hpp"
#include "spdl/runtime/serve/ruleset_json.hpp"
#include "spdl/runtime/serve/source_ruleset.hpp"

namespace spdl::serve {

namespace {

// The ruleset to evaluate: `id` itself, or with ?on= the version in force that day of the
// guidance `id` is a version of (or of the authority `id` names: `vale`).
struct Chosen {
  std::string id;
  std::string on;
  std::string because;
};

std::variant<Chosen, Response> choose(const Call& call, const std::string& id) {
  const std::string on = call.query("on");
  const auto entry = call.store.find(id);
  if (on.empty()) {
    if (!entry) return unknown_ruleset(id);
    return Chosen{id, "", ""};
  }
  const auto day = parse_date(on);
  if (!day)
    return error_answer(400, fmt::format("on={} is not a date: {}", on, why_not_a_date(on)));
  std::vector<InForce> answers;
  if (entry) {
    answers = in_force_on(std::filesystem::path(entry->path), *day);
  } else {
    std::vector<CatalogueEntry> authority;
    for (const auto& e : call.store.catalogue()) {
      if (!e.is_module && e.problem.empty() && authority_id(e.id) == id) authority.push_back(e);
    }
    if (authority.empty()) {
      return error_answer(404, fmt::format("there is no ruleset or authority `{}` on this server "
                                           "(GET /v1/rulesets lists them)",
                                           id));
    }
    answers = in_force_on(authority, *day);
  }
  const VersionChoice choice = single_version(answers, id, on);
  if (!choice.chosen) return error_answer(422, choice.problem);
  return Chosen{choice.chosen->id, format_date(*day), choice.reason};
}

// The body read once, as strict JSON straight into the scheme reader's tree. Only a body that
// does not read (malformed, a duplicate key, invalid UTF-8, empty) is read again by the validating
// parser, for its located message.
std::variant<Scheme, Response> read_scheme_body(const CheckedRuleset& ruleset,
                                                const std::string& text, bool allow_unknown_keys) {
  SourceSet sources;
  SchemeLoad loaded = read_json_scheme(ruleset, sources, "request body", text, {},
                                       {.allow_unknown_keys = allow_unknown_keys});
  if (loaded.scheme) return std::move(*loaded.scheme);
  const auto unread = [](const Diagnostic& d) {
    return d.code == "json" || d.code == "invalid-utf8" || d.code == "nul-byte" ||
           d.code == "empty-scheme";
  };
  const auto& all = loaded.diagnostics.all();
  if (std::any_of(all.begin(), all.end(), unread)) {
    JsonBody json = check_json_body(text);
    if (!json.value)
      return error_answer(400, "the scheme is not valid JSON", json.diagnostics, json.sources);
    if (std::any_of(all.begin(), all.end(), [](const Diagnostic& d) { return d.code == "json"; }))
      return error_answer(400, "the scheme is not valid JSON", loaded.diagnostics, sources);
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos ||
      text[text.find_first_not_of(" \t\r\n")] != '{')
    return error_answer(422, "the scheme must be a JSON object of the ruleset's inputs");
  return scheme_error_answer(loaded.diagnostics, sources);
}

}  // namespace

Response evaluate_served(const Call& call, const std::string& id) {
  if (auto refused = require_json(call.request)) return *refused;
  ReportRequest asked{call.flag("explain"), call.query("format"), "", ""};
  if (asked.format.empty()) asked.format = "json";
  if (auto refused = refuse_format(asked.format)) return *refused;
  auto chosen = choose(call, id);
  if (auto* refused = std::get_if<Response>(&chosen)) return std::move(*refused);
  const Chosen& version = std::get<Chosen>(chosen);
  auto ruleset = evaluable_ruleset(call, version.id);
  if (auto* refused = std::get_if<Response>(&ruleset)) return std::move(*refused);
  const auto& program = std::get<std::shared_ptr<const OpenedRuleset>>(ruleset)->program;
  auto scheme =
      read_scheme_body(*program->checked, call.request.body, call.flag("allow_unknown_keys"));
  if (auto* refused = std::get_if<Response>(&scheme)) return std::move(*refused);
  asked.chosen_on = version.on;
  asked.chosen_because = version.because;
  return report_answer(program, std::get<Scheme>(scheme), asked);
}

Response evaluate_source(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request = read_source_request(
      call, {"source", "scheme", "name", "explain", "format", "allow_unknown_keys"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  SourceRequest& given = std::get<SourceRequest>(request);
  const nlohmann::json& body = given.body;
  ReportRequest asked;
  if (body.contains("explain")) {
    if (!body["explain"].is_boolean()) return error_answer(400, "\"explain\" is true or false");
    asked.explain = body["explain"].get<bool>();
  }
  if (body.contains("format")) {
    if (!body["format"].is_string()) return error_answer(400, "\"format\" is a string");
    asked.format = body["format"].get<std::string>();
  }
  if (auto refused = refuse_format(asked.format)) return *refused;
  bool allow_unknown_keys = false;
  if (body.contains("allow_unknown_keys")) {
    if (!body["allow_unknown_keys"].is_boolean())
      return error_answer(400, "\"allow_unknown_keys\" is true or false");
    allow_unknown_keys = body["allow_unknown_keys"].get<bool>();
  }
  if (!body.contains("scheme") || !body["scheme"].is_object())
    return error_answer(400, "the body needs \"scheme\": an object of the ruleset's inputs");
  const OpenedRuleset opened = open_source(call.store, given);
  if (!opened.program) {
    return error_answer(422, "the source has errors", opened.diagnostics, opened.load->sources);
  }
  // The scheme read where it lies in the body, so its diagnostics give the body's lines.
  const auto range = member_range(call.request.body, "scheme");
  if (!range)
    return error_answer(400, "the body needs \"scheme\": an object of the ruleset's inputs");
  SourceSet sources;
  SchemeLoad loaded = read_json_scheme(*opened.program->checked, sources, "request body",
                                       only_range(call.request.body, *range), {},
                                       {.allow_unknown_keys = allow_unknown_keys});
  if (!loaded.scheme) return scheme_error_answer(loaded.diagnostics, sources);
  return report_answer(opened.program, *loaded.scheme, asked);
}

}  // namespace spdl::serve
