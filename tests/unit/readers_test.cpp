// The readers of untrusted input, piece by piece: the CSV reader (RFC 4180), numbers in scheme
// values, the bounded YAML tree, and text made safe for a terminal. tests/hostile/ runs the same
// classes through the command line.

#include <catch2/catch.hpp>

#include <fstream>

#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/csv.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"

using namespace spdl;

namespace {

std::vector<std::string> texts(const CsvRow& row) {
  std::vector<std::string> out;
  for (const auto& c : row.cells) out.push_back(c.text);
  return out;
}

const CheckedRuleset& vale() {
  static const OpenedRuleset opened =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  REQUIRE(opened.program);
  return *opened.program->checked;
}

// The value of input `name` read from `text`, or the problem's message.
std::string read_input(const std::string& name, const std::string& text) {
  const auto& r = vale();
  const auto s = r.find(name);
  REQUIRE(s);
  std::vector<std::string> pool;
  const auto v = read_input_value(text, r.inputs[s->index], r, pool);
  if (const auto* p = std::get_if<ValueProblem>(&v)) return p->message;
  return std::get<Value>(v).number.to_fraction();
}

}  // namespace

TEST_CASE("CSV: a quote is special only at the start of a cell", "[readers][csv]") {
  const CsvTable t = read_csv("name,n\nPlot 6\" x,1\n\"a, \"\"b\"\"\nc\",2\n");
  REQUIRE(t.rows.size() == 3);
  CHECK(texts(t.rows[1]) == std::vector<std::string>{"Plot 6\" x", "1"});
  CHECK(texts(t.rows[2]) == std::vector<std::string>{"a, \"b\"\nc", "2"});
  CHECK_FALSE(t.rows[2].problem);
}

TEST_CASE("CSV: what cannot be read is a problem at its place", "[readers][csv]") {
  // text after a closing quote, at the `h` of ` ha` (offset 4 of the row)
  CsvTable t = read_csv("a,b\n\"0.6\" ha,1\n");
  REQUIRE(t.rows[1].problem);
  CHECK(t.rows[1].problem->offset == 4 + 5);
  // a quoted cell that never closes: at its quote
  t = read_csv("a,b\n1,\"2\n3,4\n");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[1].problem->offset == 6);
  CHECK(t.rows[1].problem->message.starts_with("a quoted cell opened here never closes"));
  // a CR that ends no line
  t = read_csv("a,b\r1,2\n");
  CHECK(t.rows[0].problem->offset == 3);
  // rows wider and narrower than the header
  t = read_csv("a,b\n1,2,3\n1\n");
  CHECK(t.rows[1].problem->offset == 4 + 4);
  CHECK(t.rows[2].problem->message == "this row has 1 cell; the header has 2 columns");
  // a header naming a column twice ends the table
  t = read_csv("a,b,a\n1,2,3\n");
  REQUIRE(t.rows.size() == 1);
  CHECK(t.rows[0].problem->message.starts_with("column `a` is named twice, as columns 1 and 3"));
}

TEST_CASE("CSV: a byte order mark, CRLF, blank lines and the row limit", "[readers][csv]") {
  const CsvTable t = read_csv(
      "\xEF\xBB\xBF"
      "a,b\r\n1,2\r\n\r\n3,4\r\n5,6\r\n",
      2);
  REQUIRE(t.rows.size() == 3);
  CHECK(texts(t.rows[0]) == std::vector<std::string>{"a", "b"});
  CHECK(texts(t.rows[2]) == std::vector<std::string>{"3", "4"});
  REQUIRE(t.rows_left_out);
  CHECK(*t.rows_left_out == 3 + 5 + 5 + 2 + 5);  // where "5,6" starts
}

TEST_CASE("numbers: a comma only between groups of three", "[readers][numbers]") {
  CHECK(read_input("settlement_population", "3,000") == "3000");
  CHECK(read_input("settlement_population", "1,250,000") == "1250000");
  // Areas are held in square metres: 1,000.5 m2 is 2001/2 of them.
  CHECK(read_input("site_area", "1,000.5 m2") == "2001/2");
  CHECK(read_input("site_area", "0,6 ha") ==
        "\"0,6 ha\" has a comma that does not separate thousands: a decimal comma? write 0.6");
  CHECK(read_input("dwellings", "1,2").ends_with("a decimal comma? write 1.2"));
  // Three digits after the comma, but after a 0: a decimal comma, not 614 (found by fuzz_vary).
  CHECK(read_input("site_area", "0,614 ha").ends_with("a decimal comma? write 0.614"));
  CHECK(read_input("settlement_population", ",5000") ==
        "\",5000\" starts with a comma; write the number as 5000");
  CHECK(read_input("settlement_population", "12,34,567").find("groups of three") !=
        std::string::npos);
  CHECK(read_input("settlement_population", "1,,000").find("groups of three") != std::string::npos);
  CHECK(read_input("dwellings", "1E2") ==
        "\"1E2\": spdl does not read exponents; write the number in full (1E2 is 100)");
}

TEST_CASE("numbers: spec/inputs.md's table is what the reader does", "[readers][numbers][docs]") {
  // Each row `| `TEXT` | READ AS |`: a number (in the unit written), or "refused: ..." with the
  // message's words in quotes when the row quotes them.
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/spec/inputs.md");
  REQUIRE(in);
  std::size_t rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (!line.starts_with("  | `") || line.find("| written |") != std::string::npos) continue;
    const auto open = line.find('`');
    const auto close = line.find('`', open + 1);
    const std::string text = line.substr(open + 1, close - open - 1);
    std::string read_as = line.substr(line.find("| ", close) + 2);
    read_as = read_as.substr(0, read_as.rfind(" |"));
    ++rows;
    INFO(line);
    const bool area = text.ends_with(" ha") || text.ends_with(" m2");
    const std::string got = read_input(area ? "site_area" : "settlement_population", text);
    if (read_as.starts_with("refused")) {
      CHECK(got.starts_with("\"" + text + "\""));  // a problem, quoting the value
      if (const auto q = read_as.find('"'); q != std::string::npos) {
        const std::string words = read_as.substr(q + 1, read_as.find('"', q + 1) - q - 1);
        CHECK(got.find(words) != std::string::npos);
      }
    } else if (area) {
      // Areas are held in square metres: 1000.5 m2 is 2001/2 of them.
      CHECK(read_as == "1000.5 m2");
      CHECK(got == "2001/2");
    } else {
      CHECK(got == read_as);
    }
  }
  CHECK(rows == 9);
}

TEST_CASE("YAML tree: nodes, aliases and depth are bounded while reading", "[readers][yaml]") {
  const yaml::TreeLimits small{.max_nodes = 30, .max_depth = 3};
  // 3 levels of ten aliases of a list of three: 3 + 30 + ... values were they expanded.
  const auto bomb =
      yaml::read_yaml("a: &a [1, 2, 3]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\n", small);
  REQUIRE(std::holds_alternative<yaml::TreeProblem>(bomb));
  CHECK(std::get<yaml::TreeProblem>(bomb).message.starts_with("more than 30 values"));
  const auto deep = yaml::read_yaml("a: [[[1]]]\n", small);
  REQUIRE(std::holds_alternative<yaml::TreeProblem>(deep));
  CHECK(std::get<yaml::TreeProblem>(deep).offset == 5);  // the third `[`, inside the root map
  const auto second = yaml::read_yaml("a: 1\n---\nb: 2\n", small);
  REQUIRE(std::holds_alternative<yaml::TreeProblem>(second));
  CHECK(std::get<yaml::TreeProblem>(second).offset == 5);
}

TEST_CASE("YAML tree: a JSON document keeps its offsets", "[readers][yaml]") {
  // Read as if `--- ` came first (so yaml-cpp holds no collection whole); offsets are the text's.
  const std::string text = "  {\"a\": [10, null], \"b\": \"x\"}";
  auto read = yaml::read_yaml(text, {.max_nodes = 100, .max_depth = 8});
  REQUIRE(std::holds_alternative<std::unique_ptr<yaml::Tree>>(read));
  const yaml::Node root = std::get<std::unique_ptr<yaml::Tree>>(read)->root();
  REQUIRE(root.is_map());
  CHECK(root.offset() == 2);
  const yaml::Node a = root.get("a");
  REQUIRE(a.is_sequence());
  CHECK(a.size() == 2);
  CHECK(a.item(0).scalar() == "10");
  CHECK(a.item(0).offset() == text.find("10"));
  CHECK(a.item(1).is_null());
  CHECK(root.get("b").scalar() == "x");
  CHECK_FALSE(root.get("c"));
}

namespace {

// A tree written out with every node's kind, offset and text, to compare two readers' trees.
std::string dump(const yaml::Node& node) {
  if (!node) return "absent";
  std::string out = std::to_string(node.offset()) + ":";
  switch (node.kind()) {
    case yaml::Kind::null:
      return out + "null";
    case yaml::Kind::scalar:
      return out + "'" + std::string(node.scalar()) + "'";
    case yaml::Kind::sequence:
      out += "[";
      for (std::size_t i = 0; i < node.size(); ++i) out += dump(node.item(i)) + ",";
      return out + "]";
    case yaml::Kind::map:
      out += "{";
      for (std::size_t i = 0; i < node.size(); ++i)
        out += dump(node.key(i)) + "=" + dump(node.value(i)) + ",";
      return out + "}";
  }
  return out;
}

template <class Read>
std::string tree_of(Read read, const std::string& text) {
  auto tree = read(text, yaml::TreeLimits{.max_nodes = 1000, .max_depth = 8});
  if (const auto* p = std::get_if<yaml::TreeProblem>(&tree))
    return "problem at " + std::to_string(p->offset) + ": " + p->message;
  return dump(std::get<std::unique_ptr<yaml::Tree>>(tree)->root());
}

std::string json_problem(const std::string& text,
                         yaml::TreeLimits limits = {.max_nodes = 1000, .max_depth = 8}) {
  auto tree = yaml::read_json(text, limits);
  const auto* p = std::get_if<yaml::TreeProblem>(&tree);
  return p ? std::to_string(p->offset) + ": " + p->message : "read";
}

}  // namespace

TEST_CASE("JSON tree: the tree read_yaml gives for the same JSON", "[readers][json]") {
  const auto as_yaml = [](std::string_view t, const yaml::TreeLimits& l) {
    return yaml::read_yaml(t, l);
  };
  const auto as_json = [](std::string_view t, const yaml::TreeLimits& l) {
    return yaml::read_json(t, l);
  };
  for (const std::string& text : {
           std::string("{\"dwellings\": 60, \"site_area\": \"2.4 ha\", \"rural\": false}"),
           std::string("  {\n  \"a\": [10, null, true, -0.5e3],\n  \"b\": {\"c\": \"x\"}\n}\n"),
           std::string("{\"schedule\": [{\"type\": \"flat\", \"count\": 2}, {}], \"e\": []}"),
           std::string("{\"escaped\": \"\\\"quoted\\\" \\u00a3500\\n\", \"\\u0061\": 1}"),
           std::string("[1, [2, [3]], \"\\u00e9\"]"),
       }) {
    INFO(text);
    CHECK(tree_of(as_json, text) == tree_of(as_yaml, text));
  }
  // A byte order mark is passed over, the offsets still the text's bytes (yaml-cpp's marks count
  // the mark otherwise, so the two are not compared here).
  CHECK(tree_of(as_json, "\xEF\xBB\xBF{\"a\": [1, \"x\"]}") == "3:{4:'a'=9:[10:'1',13:'x',],}");
  // A JSON string is the same scalar as a number written the same: the scheme reader decides.
  CHECK(tree_of(as_json, "{\"n\": \"60\"}") == tree_of(as_json, "{\"n\": 60}"));
}

TEST_CASE("JSON tree: what is not strict JSON is a problem", "[readers][json]") {
  // A key twice in one object: at its second appearance (YAML would keep both).
  CHECK(json_problem("{\"a\": 1, \"b\": 2, \"a\": 3}") ==
        "17: the key \"a\" is given twice in this object");
  // ...also when an object has many keys (looked up in a set past sixteen).
  std::string many = "{";
  for (int i = 0; i < 40; ++i)
    many += "\"k" + std::to_string(i) + "\": " + std::to_string(i) + ", ";
  many += "\"k7\": 0}";
  CHECK(json_problem(many).ends_with("the key \"k7\" is given twice in this object"));
  CHECK(json_problem("{\"a\": {\"b\": 1}, \"b\": 2}") == "read");  // one per object
  // Numbers as RFC 8259 writes them, and nothing after the value.
  for (const char* bad : {"[01]", "[1.]", "[.5]", "[+1]", "[1e]", "[NaN]", "[0x10]"}) {
    INFO(bad);
    CHECK(json_problem(bad) != "read");
  }
  CHECK(json_problem("[-0, 0.5, 1E+2, 12e-3]") == "read");
  CHECK(json_problem("{\"a\": 1} {\"b\": 2}").find("text after the value") != std::string::npos);
  for (const char* bad : {"{'a': 1}", "{\"a\": 1,}", "{a: 1}", "{\"a\": 1 // no\n}",
                          "{\"a\": \"\\x\"}", "{\"a\": \"\xff\"}", "", "{\"a\": tru}"}) {
    INFO(bad);
    CHECK(json_problem(bad) != "read");
  }
  // Bounded as read_yaml is: values and depth.
  CHECK(json_problem("[[[[1]]]]", {.max_nodes = 100, .max_depth = 3}) ==
        "3: this is nested more than 3 deep");
  CHECK(json_problem("[1, 2, 3, 4]", {.max_nodes = 3, .max_depth = 3}) ==
        "7: more than 3 values here");
}

TEST_CASE("text for a terminal: controls shown, one character each", "[readers][utf8]") {
  CHECK(utf8::printable("a\x1b[2Jb\x07") == "a\u241b[2Jb\u2407");
  CHECK(utf8::printable("tab\tand\nline") == "tab\tand\nline");
  CHECK(utf8::printable("\x7f") == "\u2421");
  CHECK(utf8::printable("\xc2\x9b"
                        "x") == "\ufffdx");  // C1 CSI
  CHECK(utf8::printable("abc\xe2\x80\xae"
                        "def") == "abc\ufffddef");  // RIGHT-TO-LEFT OVERRIDE
  CHECK(utf8::printable("\xff") == "\ufffd");       // not UTF-8
  CHECK(utf8::printable("£ and é") == "£ and é");
  CHECK(utf8::describe_character("x\xe2\x80\x8b", 1) ==
        "U+200B ZERO WIDTH SPACE, which is invisible");
  CHECK(utf8::describe_character("\xd0\xb5", 0) ==
        "U+0435 CYRILLIC SMALL LETTER IE, which looks like `e`");
  CHECK(utf8::describe_character("\xc3\xa9", 0) == "U+00E9");
  CHECK(utf8::describe_character("e", 0).empty());
}
