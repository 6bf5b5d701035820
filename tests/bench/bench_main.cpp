// spdl's benchmarks: Google Benchmark's console output, then the comparisons that matter, as
// ratios between figures of this one run (medians where repetitions were asked for).

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <map>
#include <string>

#include "bench_results.hpp"

namespace {

class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& run : runs) {
      // With repetitions, keep the median; without, the single run.
      if (run.run_type == Run::RT_Aggregate && run.aggregate_name != "median") continue;
      if (run.run_type == Run::RT_Iteration && run.repetitions > 1) continue;
      spdl::bench::Figure f;
      f.seconds_per_iteration =
          run.GetAdjustedRealTime() / benchmark::GetTimeUnitMultiplier(run.time_unit);
      const auto items = run.counters.find("items_per_second");
      if (items != run.counters.end()) f.items_per_second = items->second.value;
      spdl::bench::results()[run.run_name.str()] = f;
    }
  }
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  spdl::bench::print_summary();
  return 0;
}
