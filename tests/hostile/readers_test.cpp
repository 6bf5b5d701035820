// Hostile cases of issue 13, first part: readers that never guess. Each was a wrong figure with
// exit 0, or data dropped without a word, before the readers were made exact: CSV by RFC 4180,
// numbers with commas only between groups of three, null as absent, duplicates and second
// documents refused, `check` finding what loading finds, a sweep without a step.

#include <catch2/catch.hpp>

#include "hostile_case.hpp"

using namespace spdl::hostile;

namespace {

const std::string vale = source_path(vale_revised);
const std::vector<std::string> batch_figures = {"--outputs",
                                                "whole_site_dwellings,affordable_required"};

std::vector<std::string> batch(const std::string& schemes, std::vector<std::string> more = {}) {
  std::vector<std::string> args = {"batch", vale, "--schemes", schemes};
  args.insert(args.end(), batch_figures.begin(), batch_figures.end());
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// 20 dwellings on 0.6 ha in a town of 5,000: caught by H16 (i), 40% of 20 = 8 affordable.
const std::string site = "20,0.6 ha,5000";

}  // namespace

// ---- CSV, read by RFC 4180

TEST_CASE("a stray quote inside a CSV cell is an ordinary character", "[hostile][csv]") {
  // Before: the quote of `Plot 6" x` opened a quoted cell that the quote of `Plot 7" y` closed,
  // so five rows gave three results (and 20 dwellings read as 40 in a longer file), exit 0.
  Workspace w("csv_stray_quote");
  w.write("sites.csv", "name,dwellings,site_area,settlement_population\nPlot 6\" x," + site +
                           "\nA," + site + "\nPlot 7\" y," + site + "\nC," + site + "\nD," + site +
                           "\n");
  expect_run("csv_stray_quote_batch", w, batch("sites.csv"), {.exit_code = 0});
  expect_run("csv_stray_quote_compare", w,
             {"compare", vale, vale, "--schemes", "sites.csv", "--format", "json"},
             {.exit_code = 0});
}

TEST_CASE("text after a quoted CSV cell, and a quoted cell that never closes", "[hostile][csv]") {
  Workspace w("csv_quotes");
  // `"0.6" ha` was read as `0.6 ha`: a quote in the middle of a cell is not RFC 4180.
  w.write("after.csv",
          "dwellings,site_area,settlement_population\n20,\"0.6\" ha,5000\n20,0.6 ha,5000\n");
  refused("csv_text_after_closing_quote", w, batch("after.csv"), "after.csv:2:9:");
  refused("csv_text_after_closing_quote_compare", w,
          {"compare", vale, vale, "--schemes", "after.csv"}, "after.csv:2:9");
  // The quote on line 3 never closes: everything after it would be one cell. Said on its line,
  // with the rows before it evaluated and nothing after it guessed at.
  w.write("open.csv", "name,dwellings,site_area,settlement_population\nA," + site + "\n\"B," +
                          site + "\nC," + site + "\n");
  refused("csv_quote_never_closes", w, batch("open.csv"), "open.csv:3:1: a quoted cell");
}

TEST_CASE("CSV rows wider or narrower than the header, and a header naming a column twice",
          "[hostile][csv]") {
  Workspace w("csv_shape");
  w.write("wide.csv",
          "dwellings,site_area,settlement_population\n20,0.6 ha,5000,40\n" + site + "\n");
  refused("csv_row_too_wide", w, batch("wide.csv"), "wide.csv:2:16: this row has more cells");
  w.write("narrow.csv", "dwellings,site_area,settlement_population\n20,0.6 ha\n" + site + "\n");
  refused("csv_row_too_narrow", w, batch("narrow.csv"), "narrow.csv:2:10: this row has 2 cells");
  refused("csv_row_too_narrow_compare", w, {"compare", vale, vale, "--schemes", "narrow.csv"},
          "narrow.csv:2:10");
  // Two `dwellings` columns: which one a line gives cannot be told, so no line is read.
  w.write("twice.csv", "dwellings,site_area,dwellings,settlement_population\n20,0.6 ha,40,5000\n");
  refused("csv_column_named_twice", w, batch("twice.csv"), "twice.csv:1:21: column `dwellings`");
  refused("csv_column_named_twice_compare", w, {"compare", vale, vale, "--schemes", "twice.csv"},
          "twice.csv:1:21");
  // A header of 64 KB of commas is not a million empty columns in memory.
  w.write("commas.csv", std::string(65536, ',') + "\n1\n");
  refused("csv_header_of_commas", w, batch("commas.csv"), "commas.csv:1:1001: the header has more");
}

TEST_CASE("a CSV with a byte order mark, a quoted line break, and a CR alone", "[hostile][csv]") {
  Workspace w("csv_bytes");
  // Excel writes a BOM before the header: `dwellings` is still the first column's name.
  w.write("bom.csv",
          "\xEF\xBB\xBF"
          "dwellings,site_area,settlement_population\n" +
              site + "\n");
  expect_run("csv_byte_order_mark", w, batch("bom.csv"), {.exit_code = 0});
  // A name holding a line break takes two lines: the bad row after it is on line 5, as an
  // editor shows it, not line 4.
  w.write("break.csv", "name,dwellings,site_area,settlement_population\n\"Mill\nLane\"," + site +
                           "\nB," + site + "\nC,twenty,0.6 ha,5000\n");
  refused("csv_line_numbers_after_a_quoted_line_break", w, batch("break.csv"),
          "break.csv:5:3: dwellings");
  w.write("cr.csv", "dwellings,site_area,settlement_population\r" + site + "\r");
  refused("csv_carriage_return_alone", w, batch("cr.csv"), "cr.csv:1:");
}

// ---- numbers: a comma only between groups of three

TEST_CASE("a decimal comma is refused, not read as thousands", "[hostile][numbers]") {
  Workspace w("numbers");
  // Before: `0,6 ha` was 6 ha and `1,5 ha` 15 ha: a site of 0.6 ha caught by the 0.5 ha
  // threshold either way, but one of 0,4 ha (0.4 ha, not caught) read as 4 ha, caught.
  w.write("decimal_comma.yaml", "dwellings: 12\nsite_area: 0,4 ha\nsettlement_population: 5000\n");
  refused("number_decimal_comma", w, {"eval", vale, "decimal_comma.yaml"},
          "decimal_comma.yaml:2:12");
  w.write("count.yaml", "dwellings: 1,2\nsite_area: 0.4 ha\nsettlement_population: 5000\n");
  refused("number_decimal_comma_in_a_count", w, {"eval", vale, "count.yaml"}, "count.yaml:1:12");
  w.write("leading.yaml", "dwellings: 12\nsite_area: 0.4 ha\nsettlement_population: \",5000\"\n");
  refused("number_leading_comma", w, {"eval", vale, "leading.yaml"}, "leading.yaml:3:24");
  w.write("groups.yaml", "dwellings: 12\nsite_area: 0.4 ha\nsettlement_population: 12,34,567\n");
  refused("number_commas_not_in_threes", w, {"eval", vale, "groups.yaml"}, "groups.yaml:3:24");
  w.write("areas.csv", "dwellings,site_area,settlement_population\n20,\"1,5 ha\",5000\n");
  refused("number_decimal_comma_batch_csv", w, batch("areas.csv"), "areas.csv:2:4");
  refused("number_decimal_comma_compare", w, {"compare", vale, vale, "--schemes", "areas.csv"},
          "areas.csv:2:4");
  // JSON's exponent: named as such, not taken for a unit ("did you mean m2?").
  w.write("exponent.jsonl",
          "{\"dwellings\": 1E2, \"site_area\": 1, \"settlement_population\": "
          "5000}\n");
  refused("number_exponent_in_json", w, batch("exponent.jsonl"), "exponent.jsonl:1:15");
  // A ruleset test's scheme is read the same way.
  w.write("rulesets/h/h.spd", "ruleset h.h\ninput site_area : ha\nrule area : ha = site_area\n");
  w.write("rulesets/h/h.test.yaml",
          "ruleset: h.spd\ncases:\n  - name: decimal comma\n"
          "    scheme: {site_area: \"0,6 ha\"}\n"
          "    expect: {area: 0.6 ha}\n");
  refused("number_decimal_comma_in_a_test", w, {"test", "rulesets/h/h.test.yaml"}, "");
}

// ---- null is not a value

TEST_CASE("a required input given as null is refused as if left out", "[hostile][null]") {
  Workspace w("nulls");
  w.write("tilde.yaml", "dwellings: ~\nsite_area: 0.4 ha\n");
  refused("null_required_input", w, {"eval", vale, "tilde.yaml"}, "tilde.yaml:1:1");
  w.write("null.jsonl",
          "{\"dwellings\": null, \"site_area\": 1, \"settlement_population\": "
          "5000}\n");
  refused("null_required_input_batch", w, batch("null.jsonl"), "null.jsonl:1:2");
  w.write("row.yaml",
          "dwellings: 12\nschedule:\n"
          "  - {type: house, bedrooms: 3, tenure: market, count: null}\n");
  refused("null_required_field_of_a_row", w, {"eval", vale, "row.yaml"}, "row.yaml:3:5");
}

// ---- data dropped without a word

TEST_CASE("a key twice, two objects on a line, a second document", "[hostile][duplicates]") {
  Workspace w("duplicates");
  // Before: eval refused the duplicate key and batch took the last one (40 dwellings).
  w.write("twice.jsonl",
          "{\"dwellings\": 20, \"site_area\": 1, \"settlement_population\": 5000, "
          "\"dwellings\": 40}\n");
  refused("jsonl_key_given_twice", w, batch("twice.jsonl"), "twice.jsonl:1:66");
  w.write("names.jsonl", "{\"dwellings\": 20, \"name\": \"a\", \"name\": \"b\"}\n");
  refused("jsonl_name_given_twice", w, batch("names.jsonl"), "names.jsonl:1:32");
  // Before: the second object was dropped.
  w.write("two.jsonl", "{\"dwellings\": 20, \"site_area\": 1} {\"dwellings\": 40}\n");
  refused("jsonl_two_objects_on_a_line", w, batch("two.jsonl"), "two.jsonl:1:35");
  refused("jsonl_two_objects_on_a_line_one_at_a_time", w, batch("two.jsonl", {"--one-at-a-time"}),
          "two.jsonl:1:35");
  // Before: the second document was dropped, and the first evaluated.
  w.write("documents.yaml", "dwellings: 20\nsite_area: 1\n---\ndwellings: 40\n");
  refused("yaml_second_document", w, {"eval", vale, "documents.yaml"}, "documents.yaml:3:1");
  // yaml-cpp does not merge `<<: *base`: the base's site area was dropped (with a warning about
  // a key `<<`); a name given as a list was dropped without one.
  w.write("merge.yaml", "base: &b {site_area: 0.6 ha}\n<<: *b\ndwellings: 12\nname: [a, b]\n");
  refused("yaml_merge_key_and_a_name_that_is_a_list", w, {"eval", vale, "merge.yaml"},
          "merge.yaml:2:1");
  // spdl cite's cite.yaml is read the same way. Before (yaml-cpp's tree): the first `reason`
  // was kept and the second dropped, and so was a second document.
  const std::string cite_folder = source_path("tests/fixtures/cite/rulesets/vale");
  const std::vector<std::string> cite = {"cite", cite_folder, "--source",
                                         cite_folder + "/source.txt", "--not-encoded"};
  w.write("reasons.yaml", "not_encoded:\n  - paragraphs: 9.1\n    reason: a\n    reason: b\n");
  auto with = [&](const std::string& file) {
    auto args = cite;
    args.push_back(file);
    return args;
  };
  refused("cite_yaml_key_given_twice", w, with("reasons.yaml"), "reasons.yaml:4:");
  w.write("two_documents.yaml",
          "not_encoded:\n  - paragraphs: 9.1\n    reason: a\n---\nnot_encoded: []\n");
  refused("cite_yaml_second_document", w, with("two_documents.yaml"), "two_documents.yaml:4:");
  // Bytes that are not UTF-8 in a CSV: refused as in a scheme file.
  w.write("bytes.csv", "name,dwellings,site_area,settlement_population\nPlot\xff 6," + site + "\n");
  refused("csv_invalid_utf8_batch", w, batch("bytes.csv"), "bytes.csv:2:5");
  refused("csv_invalid_utf8_compare", w, {"compare", vale, vale, "--schemes", "bytes.csv"},
          "bytes.csv:2:5");
}

// ---- check finds what loading finds

TEST_CASE("check lowers a ruleset, as eval does", "[hostile][check]") {
  Workspace w("check_lowers");
  w.write("rulesets/h/divide.spd",
          "ruleset h.divide\ninput dwellings : dwellings\nparameter none = 0 dwellings\n"
          "parameter ratio = 10 dwellings / none\nrule r : dwellings = dwellings * ratio\n");
  refused("check_parameter_divides_by_zero", w, {"check", "rulesets/h/divide.spd"},
          "divide.spd:4:11");
  // 99,999,999,999,999,999,999 (20 digits, about 66.4 bits) to the 62nd power: some 4,100
  // bits, past the limit of 4,096.
  w.write("rulesets/h/bits.spd", "ruleset h.bits\ninput dwellings : dwellings\nparameter huge = 1" +
                                     repeat(" * 99999999999999999999", 62) +
                                     "\nrule r : dwellings = dwellings * huge\n");
  refused("check_parameter_past_the_bit_limit", w, {"check", "rulesets/h/bits.spd"},
          "bits.spd:3:11");
  w.write("rulesets/h/table.spd",
          "ruleset h.table\ninput dwellings : dwellings\ntable phases\n  | phase | homes |\n"
          "  |-------|-------|\n  | 1     | 5 dwellings |\n  | 1     | 6 dwellings |\n"
          "rule r : dwellings = dwellings\n");
  refused("check_table_with_two_rows_for_one_key", w, {"check", "rulesets/h/table.spd"},
          "table.spd:7:3");
}

// ---- a sweep without a step

TEST_CASE("a sweep range without a step takes one that fits it", "[hostile][sweep]") {
  // Before: 0.45 ha..0.55 ha went by the default step of 1 ha: one point, and no cliff edge at
  // 0.5 ha (H16 (i)). Now ten steps of 0.01 ha: the edge is between 0.49 and 0.5 ha.
  Workspace w("sweep_without_step");
  w.write("base.yaml", "dwellings: 12\nsettlement_population: 5000\n");
  expect_run("sweep_range_without_a_step", w,
             {"sweep", vale, "--vary", "site_area=0.45ha..0.55ha", "--base", "base.yaml"},
             {.exit_code = 0});
}
