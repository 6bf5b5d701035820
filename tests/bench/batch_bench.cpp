// spdl batch end to end, from JSON Lines in memory: parse, evaluate and write every scheme, on one
// core and on two; and the sums of ../shared/bench/README.md checked on the way.

#include <benchmark/benchmark.h>

#include <istream>
#include <map>
#include <streambuf>
#include <thread>
#include <vector>

#include "hand_written.hpp"
#include "scheme_generator.hpp"
#include "spdl/runtime/batch/batch.hpp"
#include "spdl/runtime/engine/engine.hpp"

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

// The schemes as a stream without copying them: an istringstream would copy 115 MB on every
// iteration, inside the timing, on one thread.
class TextStreambuf : public std::streambuf {
 public:
  explicit TextStreambuf(const std::string& text) {
    char* begin = const_cast<char*>(text.data());  // only ever read
    setg(begin, begin, begin + text.size());
  }
};

void BM_batch_jsonl(benchmark::State& state) {
  const std::size_t n = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<unsigned>(state.range(1));
  static const OpenedRuleset opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/tests/bench/vale_h16.spd");
  Diagnostics problems;
  auto run = BatchRun::prepare(opened.program, {.threads = threads}, problems);
  if (!run) {
    state.SkipWithError(problems.all().front().message.c_str());
    return;
  }
  const std::string& input = jsonl(n);
  std::size_t bytes = 0;
  for (auto _ : state) {
    TextStreambuf buffer(input);
    std::istream in(&buffer);
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

// What two cores give this machine for work that shares nothing: the hand-written rules over
// 10,000 schemes (in cache) 1,000 times on each thread. The batch's own speed-up reads against it.
void BM_machine_threads(benchmark::State& state) {
  const auto threads = static_cast<unsigned>(state.range(0));
  std::vector<std::vector<SyntheticScheme>> copies(threads);
  for (auto& copy : copies) {
    SchemeGenerator g;
    for (int i = 0; i < 10'000; ++i) copy.push_back(g.next());
  }
  std::vector<std::int64_t> sums(threads * 8);  // a cache line apart
  auto work = [&](unsigned t) {
    std::int64_t sum = 0;
    for (int pass = 0; pass < 1000; ++pass) {
      for (const auto& s : copies[t]) sum += hand_written(s).affordable_required;
      benchmark::ClobberMemory();  // each pass reads the schemes again
    }
    sums[t * 8] = sum;
  };
  for (auto _ : state) {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& thread : pool) thread.join();
    benchmark::DoNotOptimize(sums.data());
  }
  state.SetItemsProcessed(state.iterations() * threads * 10'000'000);
}

}  // namespace

BENCHMARK(BM_machine_threads)
    ->Name("machine/hand_written_in_cache")
    ->ArgName("threads")
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

BENCHMARK(BM_batch_jsonl)
    ->Name("batch/jsonl")
    ->ArgNames({"", "threads"})
    ->ArgsProduct({{10'000, 100'000, 1'000'000}, {1, 2}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace spdl::bench
