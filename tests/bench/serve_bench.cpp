// `spdl serve`'s work for one request, in-process (scripts/bench-serve prints it beside wrk's
// figures): the Vale's revised draft on the Wantage Road scheme, split into the steps a POST
// evaluate takes (and, for comparison, the scheme read as YAML, as the service once read it).
// Medians of repeated runs, in microseconds; it asserts nothing.

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/serve/service.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The median over `rounds` of the mean time of `per_round` calls, in microseconds.
template <class F>
double median_us(F&& f, int rounds = 15, int per_round = 200) {
  std::vector<double> times;
  for (int r = 0; r < rounds; ++r) {
    const auto start = Clock::now();
    for (int i = 0; i < per_round; ++i) f();
    times.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
                    per_round);
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const std::string source = SPDL_SOURCE_DIR;
  const std::string ruleset = source + "/rulesets/vale/revised_draft_2006.spd";
  const std::string scheme_text = read(source + "/tests/serve/wantage_road.json");

  spdl::OpenedRuleset opened = spdl::open_ruleset(ruleset);
  if (!opened.program) return 1;
  spdl::SourceSet files;
  const auto scheme =
      spdl::read_scheme(*opened.program->checked, files, "request body", scheme_text);
  if (!scheme.scheme) return 1;
  spdl::Evaluator evaluator(opened.program);

  // The body as the service reads it (strict JSON through simdjson), and as a YAML scheme file
  // (yaml-cpp), which is how the service read it before.
  spdl::serve::ServiceOptions options;
  options.home = source;  // its stdlib/ and rulesets/, as an installation's
  options.root = source + "/rulesets";
  const spdl::serve::Request request{"POST", "/v1/rulesets/vale.revised_draft_2006/evaluate",
                                     "application/json", std::nullopt, scheme_text};
  // `--profile N`: only the whole handler, N times, for callgrind or perf to look inside.
  if (argc == 3 && std::string_view(argv[1]) == "--profile") {
    spdl::serve::Service service(options);
    for (int i = 0, n = std::atoi(argv[2]); i < n; ++i) {
      if (service.handle(request).status != 200) return 1;
    }
    return 0;
  }

  const double read_scheme = median_us([&] {
    spdl::SourceSet s;
    auto loaded = spdl::read_json_scheme(*opened.program->checked, s, "request body", scheme_text);
    if (!loaded.scheme) std::abort();
  });
  const double read_scheme_yaml = median_us([&] {
    spdl::SourceSet s;
    auto loaded = spdl::read_scheme(*opened.program->checked, s, "request body", scheme_text);
    if (!loaded.scheme) std::abort();
  });
  const double evaluate = median_us([&] { evaluator.evaluate(*scheme.scheme); });
  const spdl::Evaluation& evaluation = evaluator.evaluate(*scheme.scheme);
  const double report = median_us([&] { auto r = spdl::build_report(evaluation); });
  const spdl::Report built = spdl::build_report(evaluation);
  const double json = median_us([&] { auto t = spdl::render_report_json(built); });

  spdl::serve::Service service(options);
  if (const auto first = service.handle(request); first.status != 200) {
    fmt::print(stderr, "the service answered {}: {}\n", first.status, first.body);
    return 1;
  }
  const double handler = median_us([&] { service.handle(request); });

  fmt::print("read_scheme_us {:.1f}\n", read_scheme);
  fmt::print("read_scheme_as_yaml_us {:.1f}\n", read_scheme_yaml);
  fmt::print("evaluate_us {:.1f}\n", evaluate);
  fmt::print("build_report_us {:.1f}\n", report);
  fmt::print("render_json_us {:.1f}\n", json);
  fmt::print("handler_us {:.1f}\n", handler);
  return 0;
}
