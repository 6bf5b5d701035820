#include "spdl/runtime/serve/service.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <functional>
#include <new>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

namespace {

// A query parameter a route reads: a flag is true or false (also 1/0, yes/no), a date is
// YYYY-MM-DD, a text is the endpoint's to read.
enum class ParamKind { flag, date, text };
struct Param {
  const char* name;
  ParamKind kind;
};

// One route: a method, a path pattern whose "{}" segments are taken as arguments, and the query
// parameters it reads (as GET /v1/openapi.json lists them): any other is refused, not ignored, so
// that `?explian=true` is not answered as if it were not there.
struct Route {
  const char* method;
  std::vector<std::string> pattern;
  std::function<Response(const Call&, const std::vector<std::string>&)> run;
  std::vector<Param> params = {};
};

const Param on{"on", ParamKind::date};
const Param explain{"explain", ParamKind::flag};
const Param format{"format", ParamKind::text};
const Param allow_unknown_keys{"allow_unknown_keys", ParamKind::flag};
const Param outputs{"outputs", ParamKind::text};

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"GET",
       {"v1", "rulesets"},
       [](const Call& c, const auto&) { return list_rulesets(c); },
       {on}},
      {"GET",
       {"v1", "rulesets", "{}"},
       [](const Call& c, const auto& a) { return describe_ruleset(c, a[0]); }},
      {"GET",
       {"v1", "rulesets", "{}", "source"},
       [](const Call& c, const auto& a) { return ruleset_source(c, a[0]); }},
      {"GET",
       {"v1", "rulesets", "{}", "tests"},
       [](const Call& c, const auto& a) { return ruleset_tests(c, a[0]); }},
      {"POST",
       {"v1", "rulesets", "{}", "evaluate"},
       [](const Call& c, const auto& a) { return evaluate_served(c, a[0]); },
       {on, explain, format, allow_unknown_keys}},
      {"POST",
       {"v1", "rulesets", "{}", "batch"},
       [](const Call& c, const auto& a) { return batch_served(c, a[0]); },
       {outputs, allow_unknown_keys}},
      {"POST", {"v1", "check"}, [](const Call& c, const auto&) { return check_source(c); }},
      {"POST", {"v1", "evaluate"}, [](const Call& c, const auto&) { return evaluate_source(c); }},
      {"POST", {"v1", "test"}, [](const Call& c, const auto&) { return test_source(c); }},
      {"POST",
       {"v1", "diff"},
       [](const Call& c, const auto&) { return diff_rulesets_api(c); },
       {format}},
      {"POST",
       {"v1", "compare"},
       [](const Call& c, const auto&) { return compare_api(c); },
       {format}},
      {"POST", {"v1", "sweep"}, [](const Call& c, const auto&) { return sweep_api(c); }, {format}},
      {"GET", {"v1", "examples"}, [](const Call& c, const auto&) { return list_examples(c); }},
      {"GET",
       {"v1", "examples", "portfolios", "{}"},
       [](const Call& c, const auto& a) { return example_portfolio(c, a[0]); }},
      {"GET",
       {"v1", "examples", "portfolios", "{}", "{}"},
       [](const Call& c, const auto& a) { return example_portfolio(c, a[0] + "/" + a[1]); }},
      {"GET", {"v1", "drafts"}, [](const Call& c, const auto&) { return list_drafts(c); }},
      {"GET",
       {"v1", "drafts", "{}"},
       [](const Call& c, const auto& a) { return read_draft(c, a[0]); }},
      {"PUT",
       {"v1", "drafts", "{}"},
       [](const Call& c, const auto& a) { return save_draft(c, a[0]); }},
      {"GET",
       {"v1", "openapi.json"},
       [](const Call& c, const auto&) { return openapi_document(c); }},
  };
  return table;
}

const Route& batch_route() {
  static const Route& route = *std::find_if(routes().begin(), routes().end(), [](const Route& r) {
    return r.pattern.size() == 4 && r.pattern[3] == "batch";
  });
  return route;
}

bool matches(const Route& route, const Target& target, std::vector<std::string>& args) {
  if (route.pattern.size() != target.segments.size()) return false;
  args.clear();
  for (std::size_t i = 0; i < route.pattern.size(); ++i) {
    if (route.pattern[i] == "{}") {
      args.push_back(target.segments[i]);
    } else if (route.pattern[i] != target.segments[i]) {
      return false;
    }
  }
  return true;
}

std::optional<bool> flag_value(const std::string& text) {
  if (text == "true" || text == "1" || text == "yes") return true;
  if (text == "false" || text == "0" || text == "no") return false;
  return std::nullopt;
}

// The query's parameters against those the route reads: one it does not read, a flag that is
// neither true nor false, and an empty date are refused with what it takes (a date that cannot be
// is the endpoint's to refuse, with why: "February 2026 has 28 days").
std::optional<Response> query_refused(const Route& route, const Target& target) {
  for (const auto& [name, value] : target.query) {
    const auto param = std::find_if(route.params.begin(), route.params.end(),
                                    [&](const Param& p) { return name == p.name; });
    if (param == route.params.end()) {
      std::vector<std::string> names;
      for (const auto& p : route.params) names.emplace_back(p.name);
      std::string message = fmt::format("`{}` is not a parameter of this endpoint", name);
      if (names.empty()) {
        message += " (it takes none)";
      } else if (const auto close = closest_match(name, names); !close.empty()) {
        message += fmt::format(" (did you mean `{}`?)", close);
      } else {
        message += fmt::format(" (it takes {})", fmt::join(names, ", "));
      }
      return error_answer(400, message);
    }
    if (param->kind == ParamKind::flag && !flag_value(value)) {
      return error_answer(400, fmt::format("{}={} is not a flag: write {}=true or {}=false", name,
                                           value, name, name));
    }
    if (param->kind == ParamKind::date && value.empty()) {
      return error_answer(
          400, fmt::format("{}= is empty: give a date, YYYY-MM-DD, or leave {} out", name, name));
    }
  }
  return std::nullopt;
}

bool state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

std::string Call::query(const std::string& name) const {
  const auto it = target.query.find(name);
  return it == target.query.end() ? std::string() : it->second;
}

bool Call::flag(const std::string& name) const {
  return flag_value(query(name)).value_or(false);
}

std::optional<Response> require_media(const Request& request, const char* media, const char* what) {
  if (media_type(request.content_type) == media) return std::nullopt;
  return error_answer(415,
                      fmt::format("this endpoint reads {} (Content-Type: {}), not {}", what, media,
                                  request.content_type.empty() ? std::string("no Content-Type")
                                                               : request.content_type));
}

std::optional<Response> require_json(const Request& request) {
  return require_media(request, "application/json", "JSON");
}

Service::Service(ServiceOptions options)
    : options_(std::move(options)), store_(options_.root, options_.home) {
  if (options_.web.empty()) options_.web = options_.home / "web";
}

void Service::set_own_origins(std::vector<std::string> origins) {
  own_origins_ = std::move(origins);
}

bool Service::origin_allowed(const std::string& origin) const {
  if (!options_.cors.empty() && origin == options_.cors) return true;
  return std::find(own_origins_.begin(), own_origins_.end(), origin) != own_origins_.end();
}

void Service::add_cors(const Request& request, Response::Headers& headers) const {
  if (!options_.cors.empty() && request.origin && *request.origin == options_.cors) {
    headers.emplace_back("Access-Control-Allow-Origin", options_.cors);
    headers.emplace_back("Vary", "Origin");
  }
}

Response Service::handle(const Request& request) {
  Response response;
  try {
    response = route(request);
  } catch (const std::bad_alloc&) {
    response = error_answer(503, "the server ran out of memory answering this request");
  } catch (const std::exception& e) {
    // Every stage reports problems as values; reaching here is a bug in spdl itself.
    response = error_answer(500, fmt::format("internal error: {}", e.what()));
  }
  add_cors(request, response.headers);
  return response;
}

std::optional<std::variant<StreamedBatch, Response>> Service::start_batch(const Request& head) {
  if (head.method != "POST") return std::nullopt;
  const auto target = parse_target(head.target);
  if (!target || target->segments.size() != 4 || target->segments[0] != "v1" ||
      target->segments[1] != "rulesets" || target->segments[3] != "batch")
    return std::nullopt;
  auto start = [&]() -> std::variant<StreamedBatch, Response> {
    if (auto refused = refusal(head, target)) return std::move(*refused);
    if (auto refused = query_refused(batch_route(), *target)) return std::move(*refused);
    const Call call{head, *target, store_, options_};
    auto prepared = prepare_batch(call, target->segments[2]);
    if (auto* run = std::get_if<BatchRun>(&prepared)) return StreamedBatch{std::move(*run), {}};
    return std::move(std::get<Response>(prepared));
  };
  std::variant<StreamedBatch, Response> started = Response{};
  try {
    started = start();
  } catch (const std::bad_alloc&) {
    started = error_answer(503, "the server ran out of memory answering this request");
  } catch (const std::exception& e) {
    started = error_answer(500, fmt::format("internal error: {}", e.what()));
  }
  std::visit([&](auto& s) { add_cors(head, s.headers); }, started);
  return started;
}

std::optional<Response> Service::refusal(const Request& request,
                                         const std::optional<Target>& target) const {
  if (!target)
    return error_answer(400, "the request's target is not a path, or has a bad percent-escape");
  // A page of another site may not change anything here (a draft, through the user's browser).
  if (state_changing(request.method) && request.origin && !origin_allowed(*request.origin))
    return error_answer(403, fmt::format("a request from {} may not change anything on this "
                                         "server (start it with --cors {} to allow it)",
                                         *request.origin, *request.origin));
  return std::nullopt;
}

Response Service::route(const Request& request) {
  const auto target = parse_target(request.target);
  if (auto refused = refusal(request, target)) return std::move(*refused);
  const Call call{request, *target, store_, options_};
  if (request.method == "OPTIONS" && !options_.cors.empty()) {
    Response r{204, "text/plain", "", {}};
    r.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, PUT");
    r.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type");
    return r;
  }
  if (options_.bench_floor && target->segments == std::vector<std::string>{"bench", "floor"}) {
    // 4 KiB, or ?bytes=N (up to 1 MiB): the same transport's cost for an answer of N bytes.
    std::size_t bytes = 4096;
    if (const auto it = target->query.find("bytes"); it != target->query.end()) {
      const auto& n = it->second;
      if (n.empty() || n.size() > 7 || n.find_first_not_of("0123456789") != std::string::npos ||
          std::stoul(n) > (1u << 20))
        return error_answer(400, "bytes=N is a whole number of bytes, at most 1048576");
      bytes = std::stoul(n);
    }
    return text_answer(std::string(bytes, 'x'), "text/plain");
  }
  const bool api = !target->segments.empty() && target->segments[0] == "v1";
  if (!api) {
    if (request.method != "GET" && request.method != "HEAD")
      return error_answer(
          405, fmt::format("{} is not allowed here: pages are read with GET", request.method));
    return static_file(call);
  }
  std::vector<std::string> args;
  std::vector<std::string> allowed;
  // HEAD is GET without the body (the transport drops it).
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  for (const auto& r : routes()) {
    if (!matches(r, *target, args)) continue;
    if (method != r.method) {
      allowed.emplace_back(r.method);
      if (std::string_view(r.method) == "GET") allowed.emplace_back("HEAD");
      continue;
    }
    if (auto refused = query_refused(r, *target)) return std::move(*refused);
    return r.run(call, args);
  }
  if (!allowed.empty()) {
    std::string list;
    for (const auto& m : allowed) list += (list.empty() ? "" : ", ") + m;
    Response r = error_answer(
        405, fmt::format("{} is not allowed on {}: use {}", request.method, request.target, list));
    r.headers.emplace_back("Allow", list);
    return r;
  }
  return error_answer(404, fmt::format("there is no endpoint {} (GET /v1/openapi.json lists them)",
                                       request.target));
}

}  // namespace spdl::serve
