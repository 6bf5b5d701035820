// POST /v1/diff, /v1/compare and /v1/sweep: what `spdl diff`, `spdl compare` and `spdl sweep`
// give, on served rulesets ({"id": ...}) or sources ({"source": ..., "name"?}).

#include <fmt/format.h>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/input/portfolio_pair.hpp"
#include "spdl/runtime/render/formats.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"
#include "spdl/runtime/serve/examples.hpp"
#include "spdl/runtime/serve/json_body.hpp"
#include "spdl/runtime/serve/source_ruleset.hpp"

namespace spdl::serve {

namespace {

using nlohmann::json;

// A ruleset named in a body: {"id": "vale.revised_draft_2006"} or {"source": "...", "name"?}.
std::variant<OpenedRuleset, Response> ruleset_named(const Call& call, const json& ref,
                                                    const char* role) {
  if (!ref.is_object() || (ref.contains("id") == ref.contains("source"))) {
    return error_answer(400, fmt::format("\"{}\" is {{\"id\": \"a served ruleset\"}} or "
                                         "{{\"source\": \"a ruleset's text\"}}",
                                         role));
  }
  if (ref.contains("id")) {
    if (!ref["id"].is_string())
      return error_answer(400, fmt::format("\"{}\".id is a string", role));
    const std::string id = ref["id"].get<std::string>();
    auto ruleset = evaluable_ruleset(call, id);
    if (auto* refused = std::get_if<Response>(&ruleset)) return std::move(*refused);
    return *std::get<std::shared_ptr<const OpenedRuleset>>(ruleset);
  }
  if (!ref["source"].is_string())
    return error_answer(400, fmt::format("\"{}\".source is the ruleset's text, a string", role));
  SourceRequest source;
  source.source = ref["source"].get<std::string>();
  source.name = fmt::format("{}.spd", role);
  if (ref.contains("name") && ref["name"].is_string()) source.name = ref["name"].get<std::string>();
  OpenedRuleset opened = open_source(call.store, source);
  if (!opened.program) {
    return error_answer(422, fmt::format("the {} ruleset has errors", role), opened.diagnostics,
                        opened.load->sources);
  }
  return opened;
}

std::string format_asked(const Call& call) {
  const std::string f = call.query("format");
  return f.empty() ? "json" : f;
}

const char* media_of(const std::string& format) {
  if (format == "json") return "application/json";
  if (format == "html") return "text/html; charset=utf-8";
  if (format == "markdown") return "text/markdown; charset=utf-8";
  if (format == "csv") return "text/csv; charset=utf-8";
  if (format == "svg") return "image/svg+xml";
  return "text/plain; charset=utf-8";
}

Response rendered(const std::optional<std::string>& text, const std::string& format,
                  const char* formats) {
  if (!text) {
    return error_answer(
        400, fmt::format("format={} is not one of this endpoint's: {}", format, formats));
  }
  return text_answer(*text, media_of(format));
}

bool flag_in(const json& body, const char* key) {
  return body.contains(key) && body[key].is_boolean() && body[key].get<bool>();
}

}  // namespace

Response diff_rulesets_api(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request = read_source_request(call, {"old", "new"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  const json& body = std::get<SourceRequest>(request).body;
  if (!body.contains("new")) return error_answer(400, "the body needs \"new\": the ruleset after");
  auto after = ruleset_named(call, body["new"], "new");
  if (auto* refused = std::get_if<Response>(&after)) return std::move(*refused);
  const OpenedRuleset& new_ruleset = std::get<OpenedRuleset>(after);
  json old_ref = body.contains("old") ? body["old"] : json();
  if (old_ref.is_null()) {
    // The ruleset the new one amends, by its id.
    const auto& header = new_ruleset.program->checked->header();
    if (header.amends.empty() || header.amends_quoted) {
      return error_answer(400, "\"old\" is needed: the new ruleset amends no served ruleset by id");
    }
    old_ref = json{{"id", header.amends}};
  }
  auto before = ruleset_named(call, old_ref, "old");
  if (auto* refused = std::get_if<Response>(&before)) return std::move(*refused);
  const RulesetDiff d =
      diff_rulesets(*std::get<OpenedRuleset>(before).program, *new_ruleset.program);
  const std::string format = format_asked(call);
  return rendered(render_diff_as(d, format), format, "json, markdown, html, text");
}

Response compare_api(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request =
      read_source_request(call, {"old", "new", "portfolio", "group_by", "allow_unknown_keys"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  const json& body = std::get<SourceRequest>(request).body;
  if (!body.contains("old") || !body.contains("new") || !body.contains("portfolio"))
    return error_answer(400, "the body needs \"old\", \"new\" and \"portfolio\"");
  if (body.contains("allow_unknown_keys") && !body["allow_unknown_keys"].is_boolean())
    return error_answer(400, "\"allow_unknown_keys\" is true or false");
  auto before = ruleset_named(call, body["old"], "old");
  if (auto* refused = std::get_if<Response>(&before)) return std::move(*refused);
  auto after = ruleset_named(call, body["new"], "new");
  if (auto* refused = std::get_if<Response>(&after)) return std::move(*refused);
  const Program& old_program = *std::get<OpenedRuleset>(before).program;
  const Program& new_program = *std::get<OpenedRuleset>(after).program;

  const json& portfolio = body["portfolio"];
  const auto text_member = [&](const char* key) -> const json* {
    return portfolio.is_object() && portfolio.contains(key) && portfolio[key].is_string()
               ? &portfolio[key]
               : nullptr;
  };
  std::optional<ExampleFile> example;
  std::string text;
  std::string name;
  bool csv = false;
  if (const json* id = text_member("id")) {
    example = find_example(call.store.root(), id->get<std::string>(), true);
    if (!example) {
      return error_answer(404, fmt::format("there is no portfolio `{}` (GET /v1/examples lists "
                                           "them)",
                                           id->get<std::string>()));
    }
    // Read here and named by its id: a diagnostic names the file as the client knows it, never
    // by its path on this machine.
    auto read = read_text_file(example->path, limits::max_portfolio_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&read)) {
      return error_answer(422, fmt::format("the portfolio `{}` cannot be read: it {}", example->id,
                                           failure->message));
    }
    text = std::move(std::get<std::string>(read));
    csv = example->format == "csv";
    name = example->id + (csv ? ".csv" : ".yaml");
  } else if (const json* given = text_member("csv")) {
    text = given->get<std::string>();
    name = "portfolio.csv";
    csv = true;
  } else if (const json* given_yaml = text_member("yaml")) {
    text = given_yaml->get<std::string>();
    name = "portfolio.yaml";
  } else {
    return error_answer(400,
                        "\"portfolio\" is {\"id\": \"a served portfolio\"}, {\"csv\": "
                        "\"text\"} or {\"yaml\": \"text\"}");
  }
  SourceSet files;
  const PortfolioPair portfolios = read_portfolio_pair(
      *old_program.checked, *new_program.checked,
      [&](const CheckedRuleset& ruleset, const SchemeReadOptions& options) {
        return read_portfolio(ruleset, files, name, text, csv, options);
      },
      flag_in(body, "allow_unknown_keys"));
  if (portfolios.diagnostics.has_errors()) {
    return error_answer(422, "the portfolio does not fit the rulesets", portfolios.diagnostics,
                        files);
  }
  CompareOptions options;
  if (body.contains("group_by")) {
    if (!body["group_by"].is_string()) return error_answer(400, "\"group_by\" is a name");
    options.group_by = body["group_by"].get<std::string>();
  }
  Diagnostics problems;
  auto comparison = compare_rulesets(old_program, new_program, portfolios.before.schemes,
                                     portfolios.after.schemes, options, problems);
  if (!comparison) {
    return error_answer(422, problems.all().empty() ? "the rulesets cannot be compared"
                                                    : problems.all().front().message);
  }
  comparison->portfolio = name;
  const std::string format = format_asked(call);
  return rendered(render_comparison_as(*comparison, format), format,
                  "json, markdown, html, csv, text");
}

Response sweep_api(const Call& call) {
  if (auto refused = require_json(call.request)) return *refused;
  auto request = read_source_request(call, {"ruleset", "beside", "scheme", "vary", "figure"});
  if (auto* refused = std::get_if<Response>(&request)) return std::move(*refused);
  const json& body = std::get<SourceRequest>(request).body;
  if (!body.contains("ruleset") || !body.contains("vary"))
    return error_answer(400, "the body needs \"ruleset\" and \"vary\" (\"dwellings=1..60\")");
  SweepRequest sweep_request;
  sweep_request.vary_named = "\"vary\"";
  sweep_request.figure_named = "\"figure\"";
  std::vector<std::string> varies;
  if (body["vary"].is_string()) {
    varies.push_back(body["vary"].get<std::string>());
  } else if (body["vary"].is_array() && body["vary"].size() <= 2) {
    for (const auto& v : body["vary"]) {
      if (!v.is_string()) return error_answer(400, "\"vary\" is one or two strings");
      varies.push_back(v.get<std::string>());
    }
  }
  if (varies.empty()) return error_answer(400, "\"vary\" is one or two strings");
  for (const auto& text : varies) {
    const auto vary = parse_vary(text);
    if (!vary) {
      return error_answer(400, fmt::format("vary {}: write NAME=FIRST..LAST or "
                                           "NAME=FIRST..LAST:STEP, such as dwellings=1..60",
                                           text));
    }
    sweep_request.vary.push_back(*vary);
  }
  if (body.contains("figure")) {
    if (!body["figure"].is_string()) return error_answer(400, "\"figure\" is a rule's name");
    sweep_request.figure = body["figure"].get<std::string>();
  }
  std::vector<OpenedRuleset> opened;
  for (const char* role : {"ruleset", "beside"}) {
    if (!body.contains(role)) continue;
    auto r = ruleset_named(call, body[role], role);
    if (auto* refused = std::get_if<Response>(&r)) return std::move(*refused);
    opened.push_back(std::move(std::get<OpenedRuleset>(r)));
  }
  std::vector<const Program*> programs;
  for (const auto& o : opened) programs.push_back(o.program.get());
  SuppliedInputs varied;
  for (const auto& v : sweep_request.vary) varied.push_back(v.input);
  std::vector<Scheme> bases;
  const auto range = member_range(call.request.body, "scheme");
  for (const auto* program : programs) {
    if (!range) {
      bases.emplace_back();
      continue;
    }
    SourceSet files;
    const SchemeLoad loaded = read_json_scheme(*program->checked, files, "request body",
                                               only_range(call.request.body, *range), varied,
                                               {.allow_unknown_keys = programs.size() > 1});
    if (!loaded.scheme) return scheme_error_answer(loaded.diagnostics, files);
    bases.push_back(*loaded.scheme);
  }
  Diagnostics problems;
  auto sweep = run_sweep(programs, bases, sweep_request, problems);
  if (!sweep) {
    const auto& first = problems.all();
    return error_answer(
        422, first.empty()
                 ? "the sweep does not fit the ruleset"
                 : first.front().message +
                       (first.front().hint.empty() ? "" : " (" + first.front().hint + ")"));
  }
  sweep->base = range ? "request body" : "";
  std::optional<RulesetDiff> diff;
  const std::string format = format_asked(call);
  if (format == "html" && programs.size() == 2) diff = diff_rulesets(*programs[0], *programs[1]);
  return rendered(render_sweep_as(*sweep, format, diff ? &*diff : nullptr), format,
                  "json, svg, csv, html, text");
}

}  // namespace spdl::serve
