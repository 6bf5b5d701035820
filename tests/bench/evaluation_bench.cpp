// Evaluation of the benchmark ruleset (tests/bench/vale_h16.spd): spdl one scheme at a time
// through the library API, against the same rules written by hand in C++, over the same schemes.

#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <vector>

#include "bench_results.hpp"
#include "hand_written.hpp"
#include "scheme_generator.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/eval/columnar/columnar.hpp"

namespace spdl::bench {

namespace {

const std::vector<SyntheticScheme>& schemes(std::size_t n) {
  static std::map<std::size_t, std::vector<SyntheticScheme>> made;
  auto& v = made[n];
  if (v.empty()) {
    SchemeGenerator g;
    v.reserve(n);
    for (std::size_t i = 0; i < n; ++i) v.push_back(g.next());
  }
  return v;
}

const OpenedRuleset& bench_ruleset() {
  static const OpenedRuleset opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/tests/bench/vale_h16.spd");
  if (!opened.program) std::abort();
  return opened;
}

// The input indexes and output slots of the benchmark ruleset, found once by name.
struct Layout {
  std::uint32_t dwellings, site_area, population, viability, agreed;
  SlotId qualifies, affordable, social, intermediate, flats;
};

Layout layout(const Program& p) {
  auto input = [&](const char* n) { return p.checked->find(n)->index; };
  auto rule = [&](const char* n) { return p.rule_slots[p.checked->find(n)->index]; };
  return {input("dwellings"),
          input("site_area_ha"),
          input("settlement_population"),
          input("viability_accepted"),
          input("agreed_affordable"),
          rule("qualifies"),
          rule("affordable_required"),
          rule("social_rent_required"),
          rule("intermediate_required"),
          rule("max_flats")};
}

void BM_hand_written(benchmark::State& state) {
  const auto& all = schemes(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const auto& s : all) {
      const Requirement r = hand_written(s);
      sum += r.qualifies + r.affordable_required + r.social_rent_required +
             r.intermediate_required + r.max_flats;
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_spdl_one_at_a_time(benchmark::State& state) {
  const auto& all = schemes(static_cast<std::size_t>(state.range(0)));
  const auto& opened = bench_ruleset();
  const Layout l = layout(*opened.program);
  Evaluator ev(opened.program);
  Scheme scheme;
  scheme.inputs.resize(opened.program->checked->inputs.size());
  scheme.lists.resize(opened.program->checked->inputs.size());
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (const auto& s : all) {
      scheme.inputs[l.dwellings] = Value::of(Rational(s.dwellings));
      scheme.inputs[l.site_area] = Value::of(Rational(s.site_area_centi_ha * 100));  // m2
      scheme.inputs[l.population] = Value::of(Rational(s.settlement_population));
      scheme.inputs[l.viability] = Value::boolean(s.viability_accepted);
      scheme.inputs[l.agreed] = Value::of(Rational(s.agreed_affordable));
      const Evaluation& e = ev.evaluate(scheme);
      sum += e.slot(l.qualifies).aux + e.slot(l.affordable).number.small_numerator() +
             e.slot(l.social).number.small_numerator() +
             e.slot(l.intermediate).number.small_numerator() +
             e.slot(l.flats).number.small_numerator();
    }
    benchmark::DoNotOptimize(sum);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

// The library's batch form: blocks of schemes evaluated a column at a time.
void BM_spdl_columns(benchmark::State& state) {
  const auto& all = schemes(static_cast<std::size_t>(state.range(0)));
  const auto& opened = bench_ruleset();
  const Layout l = layout(*opened.program);
  std::string why;
  const std::vector<SlotId> outputs = {l.qualifies, l.affordable, l.social, l.intermediate,
                                       l.flats};
  const auto columns = ColumnarProgram::compile(opened.program, why, outputs);
  if (!columns) {
    state.SkipWithError(why.c_str());
    return;
  }
  ColumnarBlock block(columns);
  const std::size_t capacity = block.capacity();
  std::size_t inexact = 0;
  for (auto _ : state) {
    std::int64_t sum = 0;
    for (std::size_t begin = 0; begin < all.size(); begin += capacity) {
      const std::size_t rows = std::min(capacity, all.size() - begin);
      block.clear();
      for (std::size_t r = 0; r < rows; ++r) {
        const SyntheticScheme& s = all[begin + r];
        block.set(l.dwellings, r, s.dwellings);
        block.set(l.site_area, r, s.site_area_centi_ha * 100);  // m2
        block.set(l.population, r, s.settlement_population);
        block.set(l.viability, r, s.viability_accepted);
        block.set(l.agreed, r, s.agreed_affordable);
      }
      block.evaluate(rows);
      for (const SlotId o : outputs) {
        for (std::size_t r = 0; r < rows; ++r) sum += block.mantissa(o, r);
      }
      for (std::size_t r = 0; r < rows; ++r) inexact += !block.exact(r);
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["inexact_rows"] = static_cast<double>(inexact);
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

}  // namespace

BENCHMARK(BM_spdl_columns)
    ->Name("eval/spdl_columns")
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_hand_written)
    ->Name("eval/hand_written")
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);
BENCHMARK(BM_spdl_one_at_a_time)
    ->Name("eval/spdl_one_at_a_time")
    ->Arg(10'000)
    ->Arg(100'000)
    ->Arg(1'000'000)
    ->Unit(benchmark::kMillisecond);

}  // namespace spdl::bench
