// Hostile cases of issue 13, third part: memory and time bounded by the input's size. yaml-cpp
// built a whole tree (about 500 bytes a node) before any limit was applied, and held a flow
// collection's tokens whole; the checker and the table lowering were quadratic; `--threads`
// allocated before reading anything. Memory figures before the fix are in the comments (peak
// resident set, /usr/bin/time -f %M).

#include <catch2/catch.hpp>
#include <fstream>

#include "hostile_case.hpp"

using namespace spdl::hostile;

namespace {

const std::string vale = source_path(vale_revised);

// "[0,0,...,0]": `n` zeros in a flow list, written to `path` a block at a time.
void write_zeros(const std::filesystem::path& path, const std::string& before, std::size_t n,
                 const std::string& after) {
  std::ofstream out(path, std::ios::binary);
  out << before << '[';
  const std::string block = repeat("0,", 4096);
  for (std::size_t i = 0; i + 4096 < n; i += 4096) out << block;
  out << repeat("0,", (n - 1) % 4096) << "0]" << after;
}

constexpr long megabytes = 1024;  // in KB

}  // namespace

TEST_CASE("a YAML flow list of a million values is read in bounded memory", "[hostile][bounds]") {
  Workspace w("yaml_flow_lists");
  // 2 MB: a million zeros under `notes`, which spdl does not read. Before: 470 MB; after 39 MB.
  write_zeros(w.root() / "flow_2mb.yaml",
              "dwellings: 12\nsite_area: 0.3 ha\nsettlement_population: 5000\nnotes: ", 1'000'000,
              "\n");
  expect_run("yaml_flow_list_of_2_mb", w, {"eval", vale, "flow_2mb.yaml", "--format", "json"},
             {.exit_code = 0, .seconds = 10, .max_rss_kb = 96 * megabytes});
  // 8 MB, four million zeros: past the 2,000,000 values a scheme may hold. Before: 1.87 GB and
  // a minute; after 61 MB, refused at the first value past the limit.
  write_zeros(w.root() / "flow_8mb.yaml", "dwellings: 12\nnotes: ", 3'999'990, "\n");
  expect_run("yaml_flow_list_of_8_mb", w, {"eval", vale, "flow_8mb.yaml"},
             {.where = "flow_8mb.yaml:2:", .seconds = 20, .max_rss_kb = 128 * megabytes});
  // A flow list on a line of its own could be a mapping's key (`[a, b]: c`), so yaml-cpp holds
  // it whole before reading any of it: refused past 50,000 commas, before the memory goes.
  write_zeros(w.root() / "own_line.yaml", "dwellings: 12\nnotes:\n  ", 1'000'000, "\n");
  expect_run("yaml_flow_list_on_a_line_of_its_own", w, {"eval", vale, "own_line.yaml"},
             {.where = "own_line.yaml:3:", .seconds = 10, .max_rss_kb = 96 * megabytes});
}

TEST_CASE("a 4 MB YAML portfolio and a YAML batch line are read in bounded memory",
          "[hostile][bounds]") {
  Workspace w("yaml_portfolio_and_batch");
  // Two million items where a portfolio may have 100,000 schemes. Before: 1.04 GB and 13 minutes
  // (two million errors); after 78 MB.
  write_zeros(w.root() / "portfolio.yaml", "", 2'000'000, "\n");
  expect_run("yaml_portfolio_of_4_mb", w, {"compare", vale, vale, "--schemes", "portfolio.yaml"},
             {.where = "portfolio.yaml:1:1", .seconds = 20, .max_rss_kb = 160 * megabytes});
  // A batch line in YAML's flow style (keys unquoted: not JSON), 2 MB. Before: 496 MB; after 57 MB.
  write_zeros(w.root() / "line.jsonl",
              "{dwellings: 12, site_area: 1, settlement_population: 5000, notes: ", 1'000'000,
              "}\n");
  expect_run("batch_yaml_flow_line_of_2_mb", w,
             {"batch", vale, "--schemes", "line.jsonl", "--outputs", "affordable_required"},
             {.exit_code = 0, .seconds = 10, .max_rss_kb = 96 * megabytes});
}

TEST_CASE("YAML nested past the limit is refused where it goes too deep", "[hostile][bounds]") {
  // Before: yaml-cpp's own guard said "bad file" and pointed past the end of the file.
  Workspace w("yaml_deep");
  w.write("deep.yaml", "dwellings: 12\nnotes: " + repeat("[", 3000) + repeat("]", 3000) + "\n");
  refused("yaml_nested_too_deep", w, {"eval", vale, "deep.yaml"}, "deep.yaml:2:71");
}

TEST_CASE("a schedule of more than 100,000 rows meets the row limit", "[hostile][bounds]") {
  // Before: row 40,004 met the limit of 200,000 YAML nodes first, after 11 s; the row limit
  // (limits::max_list_rows) could not be reached.
  Workspace w("schedule_rows");
  {
    std::ofstream out(w.root() / "rows.yaml", std::ios::binary);
    out << "dwellings: 12\nschedule:\n";
    for (int i = 0; i < 100'001; ++i)
      out << "  - {type: house, bedrooms: 3, tenure: market, count: 1}\n";
  }
  expect_run("schedule_past_the_row_limit", w, {"eval", vale, "rows.yaml"},
             {.where = "rows.yaml:3:3", .seconds = 15});
}

TEST_CASE("checking 80,000 rules and lowering a table of 60,000 rows take linear time",
          "[hostile][bounds]") {
  // Before: 170 s for 80,000 rules (each rule's policy found by scanning every earlier
  // declaration), and 37 s to evaluate with a 60,000-row table (every pair of keys compared),
  // on this two-core machine under load.
  Workspace w("linear_checks");
  std::filesystem::create_directories(w.root() / "rulesets/h");
  {
    std::ofstream out(w.root() / "rulesets/h/rules.spd", std::ios::binary);
    out << "ruleset h.rules\ninput dwellings : dwellings\npolicy p \"P\" [1]\n";
    for (int i = 0; i < 80'000; ++i) out << "rule r" << i << " : dwellings = dwellings\n";
  }
  expect_run("check_80000_rules", w, {"check", "rulesets/h/rules.spd"},
             {.exit_code = 0, .seconds = 15});
  {
    std::ofstream out(w.root() / "rulesets/h/table.spd", std::ios::binary);
    out << "ruleset h.table\ninput dwellings : dwellings\ntable t\n  | key | homes |\n"
           "  |-----|-------|\n";
    for (int i = 0; i < 60'000; ++i) out << "  | " << i << " | " << i << " dwellings |\n";
    out << "rule r : dwellings = dwellings\n";
  }
  w.write("s.yaml", "dwellings: 3\n");
  expect_run("eval_with_a_table_of_60000_rows", w,
             {"eval", "rulesets/h/table.spd", "s.yaml", "--format", "json"},
             {.exit_code = 0, .seconds = 10});
}

TEST_CASE("a batch asked for 3000 threads costs no more than the work needs", "[hostile][bounds]") {
  // Before: about 850 KB a thread before reading anything (3,000 threads: 2.5 GB on an 8-core
  // machine). Threads are capped at the machine's cores; a worker's state is made when it has
  // lines to read.
  Workspace w("batch_threads");
  w.write("one.jsonl", "{\"dwellings\": 20, \"site_area\": 1, \"settlement_population\": 5000}\n");
  expect_run("batch_with_3000_threads", w,
             {"batch", vale, "--schemes", "one.jsonl", "--threads", "3000", "--outputs",
              "affordable_required"},
             {.exit_code = 0, .max_rss_kb = 48 * megabytes});
}
