#include "bench_results.hpp"

#include <fmt/format.h>

#include <vector>

namespace spdl::bench {

std::map<std::string, Figure>& results() {
  static std::map<std::string, Figure> all;
  return all;
}

namespace {

const Figure* find(const std::string& name) {
  const auto it = results().find(name);
  return it == results().end() ? nullptr : &it->second;
}

std::string per_second(double items) {
  return items >= 1e6 ? fmt::format("{:.2f}M/s", items / 1e6)
                      : fmt::format("{:.0f}k/s", items / 1e3);
}

}  // namespace

void print_summary() {
  fmt::print("\nSummary (medians when repetitions were asked for; ratios within this run)\n");
  fmt::print(
      "\nEvaluation of tests/bench/vale_h16.spd: schemes a second, and time against hand-written "
      "C++\n");
  fmt::print("  {:>9}  {:>13}  {:>24}  {:>24}\n", "schemes", "hand-written", "spdl one at a time",
             "spdl in columns");
  for (const char* n : {"10000", "100000", "1000000"}) {
    const Figure* hand = find(std::string("eval/hand_written/") + n);
    const Figure* one = find(std::string("eval/spdl_one_at_a_time/") + n);
    const Figure* cols = find(std::string("eval/spdl_columns/") + n);
    if (!hand) continue;
    auto against = [&](const Figure* f) {
      return f ? fmt::format("{:>14} ({:>5.1f}x)", per_second(f->items_per_second),
                             hand->items_per_second / f->items_per_second)
               : fmt::format("{:>22}", "-");
    };
    fmt::print("  {:>9}  {:>13}  {}  {}\n", n, per_second(hand->items_per_second), against(one),
               against(cols));
    if (one)
      fmt::print("  {:>9}  {:>13}  {:>14.0f} ns each\n", "", "", 1e9 / one->items_per_second);
  }

  bool any = false;
  for (const char* n : {"10000", "100000", "1000000"}) {
    const Figure* one = find(std::string("batch/jsonl/") + n + "/threads:1/real_time");
    const Figure* two = find(std::string("batch/jsonl/") + n + "/threads:2/real_time");
    if (!one) continue;
    if (!any) fmt::print("\nspdl batch, JSON Lines in memory: parse + evaluate + write\n");
    any = true;
    fmt::print("  {:>9} schemes: {:>8.3f} s on 1 core ({}), ", n, one->seconds_per_iteration,
               per_second(one->items_per_second));
    if (two) {
      fmt::print("{:.3f} s on 2 ({:.2f}x faster)\n", two->seconds_per_iteration,
                 one->seconds_per_iteration / two->seconds_per_iteration);
    } else {
      fmt::print("\n");
    }
  }

  const Figure* one = find("machine/hand_written_in_cache/threads:1/real_time");
  const Figure* two = find("machine/hand_written_in_cache/threads:2/real_time");
  if (one && two) {
    // Both threads do a full share, so two cores' speed-up is twice one's time over two's.
    fmt::print(
        "  the machine: hand-written rules in cache run {:.2f}x faster on 2 cores than on 1\n",
        2 * one->seconds_per_iteration / two->seconds_per_iteration);
  }

  any = false;
  for (const char* n : {"10", "100", "1000"}) {
    const Figure* f = find(std::string("scaling/evaluate_rules/") + n);
    if (!f) continue;
    if (!any)
      fmt::print("\nGrowth with the ruleset: one evaluation of a generated ruleset of N rules\n");
    any = true;
    fmt::print("  {:>5} rules: {:>10.0f} ns a scheme, {:>6.1f} ns a rule\n", n,
               f->seconds_per_iteration * 1e9, f->seconds_per_iteration * 1e9 / std::stod(n));
  }
  if (const Figure* f = find("scaling/parse_and_check_10000_lines")) {
    fmt::print("\nParse + check of a generated 10,000-line ruleset: {:.1f} ms\n",
               f->seconds_per_iteration * 1e3);
  }
}

}  // namespace spdl::bench
