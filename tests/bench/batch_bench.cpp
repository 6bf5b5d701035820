// spdl batch end to end, from JSON Lines in memory: parse, evaluate and write every scheme, on one
// core and on two; and the sums of ../shared/bench/README.md checked on the way.

#include <benchmark/benchmark.h>

#include <map>
#include <sstream>

#include "runtime/batch.hpp"
#include "runtime/engine.hpp"
#include "scheme_generator.hpp"

namespace spdl::bench {

namespace {

const std::string& jsonl(std::size_t n) {
  static std::map<std::size_t, std::string> made;
  auto& text = made[n];
  if (text.empty()) {
    SchemeGenerator g;
    text.reserve(n * 116);
    for (std::size_t i = 0; i < n; ++i) append_json_line(text, g.next());
  }
  return text;
}

void BM_batch_jsonl(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  static const OpenedRuleset opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/tests/bench/vale_h16.spd");
  std::string error;
  auto run = BatchRun::prepare(opened.program, {.threads = threads}, error);
  if (!run) {
    state.SkipWithError(error.c_str());
    return;
  }
  const std::string& input = jsonl(n);
  std::size_t bytes = 0;
  for (auto _ : state) {
    std::istringstream in(input);
    bytes = 0;
    const BatchStats stats = run->run(in, [&](std::string_view text) {
      bytes += text.size();
      return true;
    });
    if (stats.schemes != n || stats.errors != 0)
      state.SkipWithError("the batch did not read every scheme");
  }
  state.counters["output_MB"] = static_cast<double>(bytes) / 1e6;
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK(BM_batch_jsonl)
    ->Name("batch/jsonl")
    ->ArgNames({"", "threads"})
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace spdl::bench
