// spdl cite: citations read as paragraphs, the documents' numbered paragraphs and figures, the
// index built from rulesets and their tests, cite.yaml (spec/cite.md).

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "project_fixture.hpp"
#include "spdl/runtime/analysis/cite_build.hpp"
#include "spdl/runtime/analysis/cite_source.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/render/cite_render.hpp"
#include "spdl/runtime/testing/ruleset_tests.hpp"

using namespace spdl;

namespace {

std::string read(const std::string& relative) {
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/" + relative, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> labels(std::string_view citation) {
  std::vector<std::string> out;
  for (const auto& ref : read_citation(citation).refs) out.push_back(ref_label(ref));
  return out;
}

std::vector<std::string> ids(const std::vector<SourceParagraph>& ps) {
  std::vector<std::string> out;
  for (const auto& p : ps) out.push_back(p.id);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

TEST_CASE("a citation is read into the paragraphs it names", "[cite]") {
  const auto refs = read_citation("H16 (i); SPG 4.1, 4.2").refs;
  REQUIRE(refs.size() == 3);
  CHECK(refs[0] == ParagraphRef{"", "H16", "(i)"});
  CHECK(refs[1] == ParagraphRef{"SPG", "4.1", ""});
  CHECK(refs[2] == ParagraphRef{"SPG", "4.2", ""});
  CHECK(labels("para 1.2") == Strings{"para 1.2"});
  CHECK(labels("UDP H5; SPD 11.1") == Strings{"UDP H5", "SPD 11.1"});
  CHECK(labels("SPD 15.1 (2); 4.2, 14.1") == Strings{"SPD 15.1 (2)", "SPD 4.2", "SPD 14.1"});
}

TEST_CASE("a prefix carries to later items of the same form", "[cite]") {
  CHECK(labels("SPG 7.2; 7.4") == Strings{"SPG 7.2", "SPG 7.4"});
  CHECK(labels("UDP H5; SPD 3.3, 3.7, 4.2") == Strings{"UDP H5", "SPD 3.3", "SPD 3.7", "SPD 4.2"});
  CHECK(labels("Figure 5; SPD 13.5, 20.7") == Strings{"Figure 5", "SPD 13.5", "SPD 20.7"});
  CHECK(labels("HOU3; 5.11") == Strings{"HOU3", "5.11"});
  CHECK(labels("H16; SPG 4.2; H17") == Strings{"H16", "SPG 4.2", "H17"});
}

TEST_CASE("a range is expanded where the numbering allows, and kept whole elsewhere", "[cite]") {
  CHECK(labels("SPG 3.2-3.7") ==
        Strings{"SPG 3.2", "SPG 3.3", "SPG 3.4", "SPG 3.5", "SPG 3.6", "SPG 3.7"});
  CHECK(labels("SPG 6.10-6.11") == Strings{"SPG 6.10", "SPG 6.11"});
  CHECK(labels("HOU5-HOU7") == Strings{"HOU5", "HOU6", "HOU7"});
  CHECK(labels("SPD 8.1\xE2\x80\x93"
               "8.2") == Strings{"SPD 8.1", "SPD 8.2"});  // an en dash
  CHECK(labels("SPD 13.1-13.3 (a)") == Strings{"SPD 13.1 (a)", "SPD 13.2 (a)", "SPD 13.3 (a)"});
  for (const char* whole : {"6.9-7.2", "3.7-3.2", "H5-HOU7", "1.1-1.200"}) {
    INFO(whole);
    const auto read = read_citation(whole);
    CHECK(read.kept_whole == Strings{whole});
    REQUIRE(read.refs.size() == 1);
    CHECK(read.refs[0].paragraph == whole);
  }
}

TEST_CASE("subdivisions, parts and their divisions", "[cite]") {
  CHECK(labels("1.1 a), b)") == Strings{"1.1 a)", "1.1 b)"});
  CHECK(labels("1.1 c); Decision") == Strings{"1.1 c)", "Decision"});
  CHECK(labels("Appendix 3 (a); Figure 3") == Strings{"Appendix 3 (a)", "Figure 3"});
  // A division names part of the part before it, in its place.
  CHECK(labels("Appendix A, Stage 1") == Strings{"Appendix A, Stage 1"});
  CHECK(labels("Appendix A, Net shortfall; 5.2") == Strings{"Appendix A, Net shortfall", "5.2"});
  CHECK(labels("APPENDIX A, Stage 2, Stage 3") ==
        Strings{"Appendix A, Stage 2", "Appendix A, Stage 3"});
  CHECK(labels("Row 4.3") == Strings{"Row 4.3"});
  CHECK(labels("Table of Size of Dwelling Site Supply 2009") ==
        Strings{"Table of Size of Dwelling Site Supply 2009"});
  const auto orphan = read_citation("b)");
  CHECK(orphan.kept_whole == Strings{"b)"});
}

TEST_CASE("paragraphs are ordered policies, numbers, then parts, each naturally", "[cite]") {
  CHECK(paragraph_precedes("H5", "H16"));
  CHECK(paragraph_precedes("H16", "HOU1"));
  CHECK(paragraph_precedes("HOU7", "1.1"));
  CHECK(paragraph_precedes("5.9", "5.10"));
  CHECK(paragraph_precedes("9.2", "10.1"));
  CHECK(paragraph_precedes("20.7", "Annexe A"));
  CHECK(paragraph_precedes("Appendix 2", "Appendix 10"));
  CHECK_FALSE(paragraph_precedes("5.10", "5.9"));
  CHECK(ref_precedes({"", "H16", ""}, {"", "H16", "(i)"}));
  CHECK(ref_precedes({"", "H16", "(ii)"}, {"", "H16", "(iv)"}));
  CHECK(compact_paragraphs({"1.1", "1.3", "1.4", "1.5", "2.1", "2.2", "HOU5", "HOU6", "HOU7"}) ==
        "1.1, 1.3-1.5, 2.1, 2.2, HOU5-HOU7");
}

TEST_CASE("the paragraph finder recognises exactly its four forms", "[cite]") {
  const std::string text =
      "Title page\n"
      "1.0 INTRODUCTION\n"  // a section heading: its number ends in 0
      "1.\n"                // a section heading: one number
      "- 1.1 The Government intends\n"
      "1.2\n"  // the number alone, the text on the next line
      "The Planning Guidance provides\n"
      "\t2.1 Current occupiers\t875\n"  // a table row, indented
      "1.10 Tenth\n"
      "1.2.3 Third level\n"
      "12.5m high\n"  // not a number followed by a space
      "POLICY H16\n"
      "POLICY HOU3 \n"
      "POLICY H5:\n"
      "Policy H1 of the UDP\n"                  // not in capitals
      "Figure 3: Target Bedroom Numbers\t10\n"  // a contents entry
      "Figure 3: Target Bedroom Numbers\n"
      "APPENDIX A\n"
      "Annexe A\tFinance\n"
      "Annexe A\tFinance again\n"  // the same part continued
      "Appendix one\n"             // no label
      "**Decision**\n"
      "**Threshold for\n"  // bold over two lines is not a heading
      "### Growth Locations\n";
  const auto found = find_paragraphs(text);
  CHECK(ids(found) == Strings{"1.1", "1.2", "1.10", "1.2.3", "H16", "HOU3", "H5", "Figure 3",
                              "Appendix A", "Annexe A", "Decision", "Growth Locations"});
  CHECK(found[1].line == 5);
  CHECK(found[1].text == "1.2\nThe Planning Guidance provides\n2.1 Current occupiers\t875");
  CHECK(found[2].text == "1.10 Tenth");
  CHECK(found[9].text == "Annexe A\tFinance\nAnnexe A\tFinance again\nAppendix one");
}

TEST_CASE("a figure is a number with %, £ or a unit word", "[cite]") {
  CHECK(find_figures("40% OF THE DWELLINGS PROVIDED") == Strings{"40%"});
  CHECK(find_figures("no more than 30 per cent of a household's net income") ==
        Strings{"30 per cent"});
  CHECK(find_figures("An amount of £29,341 a room; £ 5,281,380 in all") ==
        Strings{"£29,341", "£ 5,281,380"});
  CHECK(find_figures("sites of 15 dwellings or more (or 0.5 hectare or more)") ==
        Strings{"15 dwellings", "0.5 hectare"});
  CHECK(find_figures("A threshold of 5 dwellings, or 0.16ha, in the rural areas") ==
        Strings{"5 dwellings", "0.16ha"});
  CHECK(find_figures("FIVE OR MORE DWELLINGS") == Strings{"FIVE OR MORE DWELLINGS"});
  CHECK(find_figures("capable of providing 15 or more residential units") ==
        Strings{"15 or more residential units"});
  CHECK(find_figures("165 NET ADDITIONAL UNITS") == Strings{"165 NET ADDITIONAL UNITS"});
  CHECK(find_figures("1 bed/ 2 persons 50m ²; 5 beds +/- 9-10 persons") ==
        Strings{"1 bed", "2 persons", "50m ²", "5 beds", "10 persons"});
  CHECK(find_figures("for rent for five years or more") == Strings{"five years"});
  // Not figures: a number with no unit, a year before other words, a number inside a word.
  CHECK(find_figures("In 2006 new homes were few; policy H16; 2004/5; page 12") == Strings{});
  CHECK(find_figures("someone with one of the options") == Strings{});
  CHECK(find_figures("between 2002 and 2005") == Strings{});
}

TEST_CASE("the four documents' numbered paragraphs", "[cite]") {
  // Counted independently with grep over each source.txt: lines matching
  // ^(- )?[0-9]+(\.[0-9]+)*\.[0-9]*[1-9][0-9]*([ \t]|$), lines matching ^(- )?POLICY [A-Z]+[0-9]+,
  // the distinct Appendix/Annexe/Figure labels outside the contents, and the bold or # headings.
  // Vale: 53 numbered + POLICY H16 + Annexe A = 55.
  CHECK(find_paragraphs(read("rulesets/vale/source.txt")).size() == 55);
  // Harrow: 91 numbered + H5, H6 + Appendix 1, 2, 3 + Figure 1, 3, 4, 5 = 100.
  CHECK(find_paragraphs(read("rulesets/harrow/source.txt")).size() == 100);
  // Salford: 139 numbered + HOU1-HOU7 + Appendix A, B + Figure 1-4 = 152.
  CHECK(find_paragraphs(read("rulesets/salford/source.txt")).size() == 152);
  // Braintree: 1.1-1.7 and six headings, in the report's order.
  CHECK(ids(find_paragraphs(read("rulesets/braintree/source.txt"))) ==
        Strings{"Executive Summary", "Decision", "Background", "1.1", "1.2", "1.3", "1.4", "1.5",
                "1.6", "1.7", "Table of Size of Dwelling Site Supply 2009", "Growth Locations",
                "Corporate Implications"});
}

TEST_CASE("cite.yaml is read strictly", "[cite]") {
  testing::TempProject p;
  auto errors_of = [&](const std::string& text) {
    const auto file = read_not_encoded(p.write("cite.yaml", text).string());
    std::string out;
    for (const auto& e : file.errors) out += e.substr(e.find(": ") + 2) + "\n";
    return out;
  };
  const auto good = read_not_encoded(
      p.write("good.yaml",
              "not_encoded:\n  - paragraphs: 2.1-2.3; Figure 1\n    reason: the context\n")
          .string());
  CHECK(good.errors.empty());
  REQUIRE(good.entries.size() == 1);
  CHECK(good.entries[0].refs.size() == 4);
  CHECK(good.entries[0].line == 2);
  CHECK(errors_of("- 2.1\n") ==
        "a cite.yaml holds `not_encoded:`, a list of entries each with `paragraphs:` and "
        "`reason:`\n");
  CHECK(errors_of("not_encoded:\n  - paragraphs: 2.1\n") ==
        "the entry for 2.1 needs `reason:`: why it is not encoded\n");
  CHECK(errors_of("not_encoded:\n  - paragraphs: 2.1\n    reason: x\n    why: y\n") ==
        "`why` is not a key of an entry; an entry gives `paragraphs:` and `reason:`\n");
  CHECK(errors_of("not_encoded:\n  - paragraphs: H16 (i)\n    reason: x\n") ==
        "`H16 (i)` is part of a paragraph; name whole paragraphs\n");
  CHECK(errors_of("not_encoded:\n  - paragraphs: 6.9-7.2\n    reason: x\n") ==
        "`6.9-7.2` cannot be read as paragraphs (a range runs within one section and forwards, "
        "such as 2.1-2.37)\n");
  CHECK(errors_of("not_encoded: [\n").find("this is not valid YAML") != std::string::npos);
}

TEST_CASE("the document set against the citations", "[cite]") {
  CitationIndex index;
  index.declarations.push_back({"rule", "policy_applies", "r.spd", 4, "H16"});
  index.paragraphs.push_back({{"", "H16", ""}, {0}, {}});
  index.paragraphs.push_back({{"", "Row 4.3", ""}, {0}, {}});
  const auto paragraphs = find_paragraphs(
      "POLICY H16\n40% of the dwellings\n1.1 Introduction\n1.2 Context of 26% need\n"
      "1.3 More\n1.4 Later 5 dwellings\n");
  auto entries = [](const std::string& list) {
    return std::vector<NotEncodedEntry>{{list, "why", read_citation(list).refs, 3}};
  };
  {
    CitationIndex i = index;
    CHECK(cover_source(i, "doc.txt", paragraphs, entries("1.2-1.3"), "cite.yaml").empty());
    const auto& s = *i.source;
    CHECK(s.paragraphs == 5);
    CHECK(ids(s.uncited) == Strings{"1.1", "1.4"});
    CHECK(s.uncited_with_figures() == 1);
    REQUIRE(s.not_encoded.size() == 1);
    CHECK(s.not_encoded[0].ids == Strings{"1.2", "1.3"});
    CHECK(s.not_encoded[0].with_figures == 1);
    CHECK(s.cited_elsewhere == Strings{"Row 4.3"});
  }
  CitationIndex i = index;
  CHECK(cover_source(i, "doc.txt", paragraphs, entries("H16; 1.9; 1.1, 1.1"), "cite.yaml") ==
        Strings{"cite.yaml:3: H16 is listed as not encoded, but rule policy_applies (r.spd:4) "
                "cites it; a paragraph is either cited or listed, not both",
                "cite.yaml:3: 1.9 is listed as not encoded, but doc.txt has no paragraph 1.9",
                "cite.yaml:3: 1.1 is listed twice (also on line 3)"});
}

TEST_CASE("the index holds a ruleset's declarations and those it amends, not those it uses",
          "[cite]") {
  testing::TempProject p;
  p.write("stdlib/site.spd",
          "module site\n  title \"t\"\n\ninput dwellings : dwellings [PPS3 Annex B]\n");
  p.write("rulesets/town/old.spd",
          "ruleset town.old\n  title \"t\"\n\nuse site\n\n"
          "parameter share = 50% [para 1.2]\n"
          "parameter threshold = 10 dwellings [para 1.2]\n"
          "rule required : dwellings [para 1.2] = round_half_up(dwellings * share)\n");
  p.write("rulesets/town/new.spd",
          "ruleset town.new\n  title \"t\"\n  amends town.old\n\n"
          "override parameter share = 40% [H16; SPG 4.1]\n"
          "shares split of share [SPG 5.2]\n  social = 30% [SPG 5.2; 5.3]\n  other = 10%\n"
          "check enough [SPG 3.2-3.4]\n  require required <= dwellings\n  else \"too many\"\n");
  p.write("rulesets/town/new.test.yaml",
          "ruleset: new.spd\ncases:\n"
          "  - name: 10 x 40% = 4\n    scheme: {dwellings: 10}\n    expect:\n"
          "      required: 4 dwellings\n"
          "  - name: the check\n    scheme: {dwellings: 10}\n    expect:\n      enough: met\n");
  const auto checked = load_and_check(p.root() / "rulesets/town/new.spd");
  REQUIRE(checked.ruleset);
  const auto tests = run_test_file(p.root() / "rulesets/town/new.test.yaml");
  REQUIRE(tests.case_coverage.size() == 2);

  CitationSources sources;
  sources.rulesets = {checked.ruleset.get()};
  sources.test_files = {"new.test.yaml"};
  const std::string folder = std::filesystem::weakly_canonical(p.root() / "rulesets/town").string();
  sources.show = [&](const std::string& f) {
    return std::filesystem::path(f).lexically_relative(folder).generic_string();
  };
  for (const auto& c : tests.case_coverage) {
    ExercisingCase e{{"new.test.yaml", c.name, c.line}, {}};
    for (const auto& place : c.exercised) e.exercised.emplace_back(place.file, place.offset);
    sources.cases.push_back(e);
  }
  const CitationIndex index = build_citation_index(sources);

  std::vector<std::string> declarations;
  for (const auto& d : index.declarations)
    declarations.push_back(d.file + " " + d.kind + " " + d.name);
  // old.spd's `share` is overridden; `split.other` carries its group's citation; `dwellings` is
  // the module's.
  CHECK(declarations == Strings{"old.spd parameter threshold", "old.spd rule required",
                                "new.spd parameter share", "new.spd shares split",
                                "new.spd share split.social", "new.spd check enough"});
  std::vector<std::string> rows;
  for (const auto& paragraph : index.paragraphs) {
    std::string row = ref_label(paragraph.ref) + ":";
    for (const auto d : paragraph.declarations) row += " " + index.declarations[d].name;
    row += " /";
    for (const auto c : paragraph.cases) row += " " + std::to_string(c);
    rows.push_back(row);
  }
  // Case 0 expects `required`, which reads `share` (H16, SPG 4.1) and `dwellings`; case 1 expects
  // the check, which reads `required` and so `share` too. No case reads `split` or `threshold`.
  CHECK(rows == Strings{"H16: share / 0 1", "para 1.2: threshold required / 0 1",
                        "SPG 3.2: enough / 1", "SPG 3.3: enough / 1", "SPG 3.4: enough / 1",
                        "SPG 4.1: share / 0 1", "SPG 5.2: split split.social /",
                        "SPG 5.3: split.social /"});
}

TEST_CASE("each authority's README holds its citation index", "[cite][readme]") {
  for (const char* authority : {"vale", "harrow", "salford", "braintree", "london"}) {
    INFO(authority);
    // tests/cli/cite_AUTHORITY keeps this output equal to a real run of `spdl cite`.
    const std::string golden = read(std::string("tests/cli/cite_") + authority + "/expected");
    REQUIRE(golden.find("--- stdout\n") != std::string::npos);
    const auto begin = golden.find("--- stdout\n") + 11;
    const std::string output = golden.substr(begin, golden.find("--- stderr") - begin);
    REQUIRE(output.find("| paragraph | encoded by | tested by |") != std::string::npos);
    const std::string readme = read(std::string("rulesets/") + authority + "/README.md");
    const auto section = readme.find("## Citation index\n");
    REQUIRE(section != std::string::npos);
    const auto next = readme.find("\n## ", section + 1);
    CHECK(readme.substr(section, next - section).find("\n\n" + output) != std::string::npos);
  }
}
