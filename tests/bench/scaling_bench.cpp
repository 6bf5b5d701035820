// How cost grows: evaluation of generated rulesets of 10, 100 and 1,000 rules, and parse + check
// of a generated 10,000-line ruleset (with the memory the loaded ruleset takes).

#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <malloc.h>

#include "ruleset_generator.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl::bench {

namespace {

// Bytes allocated and not freed: the main heap and the blocks malloc maps on their own (large
// arrays), which mallinfo2 counts apart.
std::size_t heap_in_use() {
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

ModuleRoots roots() {
  return {{std::string(SPDL_SOURCE_DIR) + "/stdlib", std::string(SPDL_SOURCE_DIR) + "/rulesets"}};
}

void BM_evaluate_rules(benchmark::State& state) {
  const auto rules = static_cast<std::size_t>(state.range(0));
  const OpenedRuleset opened =
      open_ruleset(check(load_ruleset_text("generated.spd", generated_ruleset(rules), roots())));
  if (!opened.program) {
    state.SkipWithError("the generated ruleset does not check");
    return;
  }
  const auto& c = *opened.program->checked;
  Scheme scheme;
  scheme.inputs.resize(c.inputs.size());
  scheme.lists.resize(c.inputs.size());
  Evaluator ev(opened.program);
  std::int64_t d = 1;
  for (auto _ : state) {
    scheme.inputs[c.find("dwellings")->index] = Value::of(Rational(d % 60 + 1));
    scheme.inputs[c.find("site_area")->index] = Value::of(Rational(d % 9000));
    scheme.inputs[c.find("population")->index] = Value::of(Rational(d % 5000));
    benchmark::DoNotOptimize(ev.evaluate(scheme).slots().back());
    ++d;
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_parse_and_check(benchmark::State& state) {
  // Two parameters and a rule make three lines: 3,334 rules give about 10,000 lines.
  const std::string text = generated_ruleset(3'334);
  std::size_t lines = 0;
  for (const char ch : text) lines += ch == '\n';
  std::size_t loaded_bytes = 0;
  for (auto _ : state) {
    const std::size_t before = heap_in_use();
    auto checked = check(load_ruleset_text("generated.spd", text, roots()));
    if (!checked.ruleset) state.SkipWithError("the generated ruleset does not check");
    auto opened = open_ruleset(std::move(checked));
    loaded_bytes = heap_in_use() - before;
    benchmark::DoNotOptimize(opened.program);
  }
  state.counters["lines"] = static_cast<double>(lines);
  state.counters["source_KB"] = static_cast<double>(text.size()) / 1e3;
  state.counters["loaded_KB"] = static_cast<double>(loaded_bytes) / 1e3;
  state.counters["loaded_per_source_byte"] =
      static_cast<double>(loaded_bytes) / static_cast<double>(text.size());
}

}  // namespace

BENCHMARK(BM_evaluate_rules)->Name("scaling/evaluate_rules")->Arg(10)->Arg(100)->Arg(1000);
BENCHMARK(BM_parse_and_check)
    ->Name("scaling/parse_and_check_10000_lines")
    ->Unit(benchmark::kMillisecond);

}  // namespace spdl::bench
