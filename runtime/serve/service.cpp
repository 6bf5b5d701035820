#include "spdl/runtime/serve/service.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <new>

#include "spdl/runtime/serve/answers.hpp"
#include "spdl/runtime/serve/endpoints.hpp"

namespace spdl::serve {

namespace {

// One route: a method and a path pattern whose "{}" segments are taken as arguments.
struct Route {
  const char* method;
  std::vector<std::string> pattern;
  std::function<Response(const Call&, const std::vector<std::string>&)> run;
};

const std::vector<Route>& routes() {
  static const std::vector<Route> table = {
      {"GET", {"v1", "rulesets"}, [](const Call& c, const auto&) { return list_rulesets(c); }},
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
       [](const Call& c, const auto& a) { return evaluate_served(c, a[0]); }},
      {"POST",
       {"v1", "rulesets", "{}", "batch"},
       [](const Call& c, const auto& a) { return batch_served(c, a[0]); }},
      {"POST", {"v1", "check"}, [](const Call& c, const auto&) { return check_source(c); }},
      {"POST", {"v1", "evaluate"}, [](const Call& c, const auto&) { return evaluate_source(c); }},
      {"POST", {"v1", "test"}, [](const Call& c, const auto&) { return test_source(c); }},
      {"POST", {"v1", "diff"}, [](const Call& c, const auto&) { return diff_rulesets_api(c); }},
      {"POST", {"v1", "compare"}, [](const Call& c, const auto&) { return compare_api(c); }},
      {"POST", {"v1", "sweep"}, [](const Call& c, const auto&) { return sweep_api(c); }},
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

bool state_changing(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

}  // namespace

std::string Call::query(const std::string& name) const {
  const auto it = target.query.find(name);
  return it == target.query.end() ? std::string() : it->second;
}

bool Call::flag(const std::string& name) const {
  const std::string v = query(name);
  return v == "true" || v == "1" || v == "yes";
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
  if (!options_.cors.empty() && request.origin && *request.origin == options_.cors) {
    response.headers.emplace_back("Access-Control-Allow-Origin", options_.cors);
    response.headers.emplace_back("Vary", "Origin");
  }
  return response;
}

Response Service::route(const Request& request) {
  const auto target = parse_target(request.target);
  if (!target)
    return error_answer(400, "the request's target is not a path, or has a bad percent-escape");
  // A page of another site may not change anything here (a draft, through the user's browser).
  if (state_changing(request.method) && request.origin && !origin_allowed(*request.origin))
    return error_answer(403, fmt::format("a request from {} may not change anything on this "
                                         "server (start it with --cors {} to allow it)",
                                         *request.origin, *request.origin));
  const Call call{request, *target, store_, options_};
  if (request.method == "OPTIONS" && !options_.cors.empty()) {
    Response r{204, "text/plain", "", {}};
    r.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, PUT");
    r.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type");
    return r;
  }
  if (options_.bench_floor && target->segments == std::vector<std::string>{"bench", "floor"})
    return text_answer(std::string(4096, 'x'), "text/plain");
  const bool api = !target->segments.empty() && target->segments[0] == "v1";
  if (!api) {
    if (request.method != "GET" && request.method != "HEAD")
      return error_answer(
          405, fmt::format("{} is not allowed here: pages are read with GET", request.method));
    return static_file(call);
  }
  std::vector<std::string> args;
  std::vector<std::string> allowed;
  for (const auto& r : routes()) {
    if (!matches(r, *target, args)) continue;
    if (request.method == r.method) return r.run(call, args);
    allowed.emplace_back(r.method);
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
