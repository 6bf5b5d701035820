// The hostile-input corpus: each case writes bad input into a folder of its own, runs `spdl` on
// it, and requires exit code 1, a message that says where, no internal error, at most 2 s and
// 512 MB (in the ordinary build; the sanitizers are slower and larger by design), and every file
// in the folder unchanged (hostile_case.hpp). The cases of issue 13 (readers that never guess,
// writers that never destroy) are in readers_test.cpp, files_test.cpp, bounds_test.cpp and
// output_test.cpp.

#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "hostile_case.hpp"

using namespace spdl::hostile;
using namespace std::string_literals;

namespace {

const std::string vale = source_path(vale_revised);

}  // namespace

// ---- rulesets

TEST_CASE("100,000 nested parentheses", "[hostile]") {
  // A thousand to a line, so the nesting limit is met rather than the line length limit.
  Workspace w("nested_parentheses");
  const std::string open = repeat(repeat("(", 1000) + "\n", 100);
  const std::string close = repeat(repeat(")", 1000) + "\n", 100);
  w.write("rulesets/hostile/parens.spd",
          "ruleset hostile.parens\nrule r =\n" + open + "1\n" + close);
  refused("nested_parentheses", w, {"check", "rulesets/hostile/parens.spd"}, "parens.spd:3:");
}

TEST_CASE("a 50 MB ruleset", "[hostile]") {
  Workspace w("ruleset_of_50_mb");
  w.write("rulesets/hostile/big.spd",
          "ruleset hostile.big\n" + repeat("# " + std::string(97, 'x') + "\n", 500'000));
  refused("ruleset_of_50_mb", w, {"check", "rulesets/hostile/big.spd"}, "big.spd");
}

TEST_CASE("a line of 10 MB, and one of 1 MB within the size limit", "[hostile]") {
  Workspace w("line_of_10_mb");
  w.write("rulesets/hostile/long.spd",
          "ruleset hostile.long\n# " + std::string(10 * 1024 * 1024, 'x') + "\n");
  refused("line_of_10_mb", w, {"check", "rulesets/hostile/long.spd"}, "long.spd");

  Workspace w1("line_of_1_mb");
  w1.write("rulesets/hostile/long.spd", "ruleset hostile.long\nparameter p = 1 dwelling [" +
                                            std::string(1024 * 1024, 'x') + "]\n");
  refused("line_of_1_mb", w1, {"check", "rulesets/hostile/long.spd"}, "long.spd:2:");
}

TEST_CASE("invalid UTF-8 and a NUL byte", "[hostile]") {
  Workspace w("invalid_utf8");
  w.write("rulesets/hostile/bytes.spd",
          "ruleset hostile.bytes\nparameter p = 1 dwelling [H\xff\xfe 16]\n");
  refused("invalid_utf8", w, {"check", "rulesets/hostile/bytes.spd"}, "bytes.spd:2:");

  Workspace n("nul_byte");
  n.write("rulesets/hostile/nul.spd", "ruleset hostile.nul\nparameter p = 1\0 dwelling\n"s);
  refused("nul_byte", n, {"check", "rulesets/hostile/nul.spd"}, "nul.spd:2:");
}

TEST_CASE("numbers of 10,000 digits, and arithmetic that grows without bound", "[hostile]") {
  Workspace w("number_of_10000_digits");
  w.write("rulesets/hostile/digits.spd",
          "ruleset hostile.digits\nparameter p = 1" + std::string(10'000, '0') + " dwellings\n");
  refused("number_of_10000_digits", w, {"check", "rulesets/hostile/digits.spd"}, "digits.spd:2:");

  Workspace s("scheme_number_of_10000_digits");
  s.write("scheme.yaml", "dwellings: 1" + std::string(10'000, '0') + "\nsite_area: 0.3 ha\n");
  refused("scheme_number_of_10000_digits", s, {"eval", vale, "scheme.yaml"}, "scheme.yaml:1:");

  // A 40-digit factor multiplied in 200 times: about 27,000 bits, past the limit of 4,096.
  Workspace a("arithmetic_on_huge_numbers");
  std::string product = "dwellings";
  for (int i = 0; i < 200; ++i) product += " * big";
  a.write("rulesets/hostile/huge.spd",
          "ruleset hostile.huge\ninput dwellings : dwellings\nparameter big = " +
              std::string(40, '9') + "\nrule huge : dwellings = " + product + "\n");
  a.write("scheme.yaml", "dwellings: 12\n");
  refused("arithmetic_on_huge_numbers", a, {"eval", "rulesets/hostile/huge.spd", "scheme.yaml"},
          "huge.spd:4:");
}

TEST_CASE("division by zero in a formula", "[hostile]") {
  Workspace w("division_by_zero");
  w.write("rulesets/hostile/divide.spd",
          "ruleset hostile.divide\ninput dwellings : dwellings\ninput site_area : ha\n"
          "rule density = dwellings / (site_area - site_area)\n");
  w.write("scheme.yaml", "dwellings: 12\nsite_area: 0.4 ha\n");
  refused("division_by_zero", w, {"eval", "rulesets/hostile/divide.spd", "scheme.yaml"},
          "divide.spd:4:");
}

TEST_CASE("cyclic use between two modules", "[hostile]") {
  Workspace w("cyclic_use");
  w.write("rulesets/hostile/a.spd", "module hostile.a\nuse hostile.b\n");
  w.write("rulesets/hostile/b.spd", "module hostile.b\nuse hostile.a\n");
  w.write("rulesets/hostile/main.spd", "ruleset hostile.main\nuse hostile.a\n");
  refused("cyclic_use", w, {"check", "rulesets/hostile/main.spd"}, ".spd:2:");
}

TEST_CASE("use reaching outside stdlib/ and rulesets/", "[hostile]") {
  Workspace w("use_outside_the_roots");
  w.write("rulesets/hostile/parent.spd", "ruleset hostile.parent\nuse \"../../etc/passwd\"\n");
  refused("use_parent_path", w, {"check", "rulesets/hostile/parent.spd"}, "parent.spd:2:");

  w.write("rulesets/hostile/absolute.spd", "ruleset hostile.absolute\nuse \"/etc/passwd\"\n");
  refused("use_absolute_path", w, {"check", "rulesets/hostile/absolute.spd"}, "absolute.spd:2:");

  w.write("outside/secret.spd", "module hostile.secret\n");
  std::filesystem::create_symlink(w.root() / "outside/secret.spd",
                                  w.root() / "rulesets/hostile/secret.spd");
  w.write("rulesets/hostile/link.spd", "ruleset hostile.link\nuse hostile.secret\n");
  refused("use_symlink_out", w, {"check", "rulesets/hostile/link.spd"}, "link.spd:2:");
}

TEST_CASE("empty files", "[hostile]") {
  Workspace w("empty_files");
  w.write("rulesets/hostile/empty.spd", "");
  refused("empty_ruleset", w, {"check", "rulesets/hostile/empty.spd"}, "empty.spd");
  w.write("scheme.yaml", "");
  refused("empty_scheme", w, {"eval", vale, "scheme.yaml"}, "scheme.yaml");
}

// ---- schemes

TEST_CASE("zero and negative dwellings", "[hostile]") {
  Workspace w("dwellings_out_of_range");
  w.write("zero.yaml", "site_area: 0.3 ha\ndwellings: 0\n");
  refused("zero_dwellings", w, {"eval", vale, "zero.yaml"}, "zero.yaml:2:");
  w.write("negative.yaml", "site_area: 0.3 ha\ndwellings: -12\n");
  refused("negative_dwellings", w, {"eval", vale, "negative.yaml"}, "negative.yaml:2:");
}

TEST_CASE("a YAML billion-laughs alias bomb", "[hostile]") {
  Workspace w("billion_laughs");
  // The anchors sit in `notes`, which a scheme may carry and spdl does not read; the schedule is
  // the last of them: 10^9 rows, were the aliases expanded.
  std::string yaml =
      "dwellings: 12\nnotes:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i < 10; ++i) {
    yaml += "  - &a" + std::to_string(i) + " [";
    for (int j = 0; j < 10; ++j) yaml += (j ? ", *a" : "*a") + std::to_string(i - 1);
    yaml += "]\n";
  }
  yaml += "schedule: *a9\n";
  w.write("bomb.yaml", yaml);
  refused("billion_laughs", w, {"eval", vale, "bomb.yaml"}, "bomb.yaml:");
}

TEST_CASE("a batch line of 200 MB that holds no scheme", "[hostile]") {
  // Memory stays that of a few chunks: the line is reported on its line, not read, and the
  // schemes around it are evaluated. The file is written a megabyte at a time, so that this
  // process (which spdl starts from) stays small and the memory measured is spdl's.
  Workspace w("batch_line_of_200_mb");
  const std::string scheme =
      "{\"dwellings\":20,\"site_area\":\"0.6 ha\",\"settlement_population\":5000}\n";
  {
    std::ofstream out(w.write("schemes.jsonl", scheme + "{\"name\":\""), std::ios::app);
    const std::string megabyte(1024 * 1024, 'x');
    for (int i = 0; i < 200; ++i) out << megabyte;
    out << "\"}\n" << scheme;
  }
  refused("batch_line_of_200_mb", w,
          {"batch", vale, "--schemes", "schemes.jsonl", "--outputs", "affordable_required"},
          "schemes.jsonl:2:1: the line is longer than");
}

TEST_CASE("duplicate YAML keys", "[hostile]") {
  Workspace w("duplicate_keys");
  w.write("scheme.yaml", "dwellings: 12\nsite_area: 0.3 ha\ndwellings: 60\n");
  refused("duplicate_keys", w, {"eval", vale, "scheme.yaml"}, "scheme.yaml:3:");
}

TEST_CASE("a scheme path that is a directory or a FIFO", "[hostile]") {
  Workspace w("scheme_not_a_file");
  std::filesystem::create_directories(w.root() / "folder.yaml");
  refused("scheme_is_a_directory", w, {"eval", vale, "folder.yaml"}, "folder.yaml");
  REQUIRE(mkfifo((w.root() / "pipe.yaml").c_str(), 0644) == 0);
  refused("scheme_is_a_fifo", w, {"eval", vale, "pipe.yaml"}, "pipe.yaml");
  REQUIRE(mkfifo((w.root() / "rulesets/pipe.spd").c_str(), 0644) == 0);
  refused("ruleset_is_a_fifo", w, {"check", "rulesets/pipe.spd"}, "pipe.spd");
}

// ---- files that commands write

TEST_CASE("fmt leaves a file it cannot read as it was", "[hostile]") {
  Workspace w("fmt_keeps_the_file");
  w.write("rulesets/hostile/bytes.spd",
          "ruleset hostile.bytes\nparameter p   =   1 dwelling [H\xff 16]\n");
  refused("fmt_keeps_the_file", w, {"fmt", "rulesets/hostile/bytes.spd"}, "bytes.spd:2:");
}

TEST_CASE("an output file is kept when the command fails", "[hostile]") {
  Workspace w("output_kept");
  w.write("report.html", "<p>the last good report</p>\n");
  w.write("sites.csv", "name,dwellings\n\"unclosed,12\n");
  const std::string braintree = std::string(SPDL_SOURCE_DIR) + "/rulesets/braintree/";
  refused("output_kept", w,
          {"compare", braintree + "core_strategy_2009.spd", braintree + "rejected_option_2009.spd",
           "--schemes", "sites.csv", "--format", "html", "-o", "report.html"},
          "sites.csv:2:");
}

TEST_CASE("an output that cannot be put in place leaves no temporary file behind", "[hostile]") {
  // The rename onto a folder fails after the text was written and synced: the folder and its
  // contents stay as they were, and the temporary file is removed.
  Workspace w("output_onto_a_folder");
  w.write("report.html/keep.txt", "kept\n");
  const std::string vale_dir = std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/";
  refused("output_onto_a_folder", w,
          {"diff", vale_dir + "first_draft_2004.spd", vale_dir + "revised_draft_2006.spd",
           "--format", "html", "-o", "report.html"},
          "report.html");
}
