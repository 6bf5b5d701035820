// Hover, definitions, references, symbols, completion, formatting, rename and spdl/evaluate, on
// the shipped rulesets.

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "lsp_client.hpp"
#include "spdl/lang/syntax/formatter.hpp"
#include "spdl/lang/syntax/parser.hpp"
#include "spdl/runtime/engine/engine.hpp"

using namespace spdl::lsp;
using namespace spdl::lsp::testing;

namespace {

const std::filesystem::path vale_path = source_dir / "rulesets/vale/revised_draft_2006.spd";
const std::filesystem::path first_draft_path = source_dir / "rulesets/vale/first_draft_2004.spd";
const std::filesystem::path harrow_path = source_dir / "rulesets/harrow/draft_spd_2006.spd";
const std::filesystem::path scheme_module = source_dir / "stdlib/national/scheme.spd";

std::string hover_text(TestClient& client, const std::string& uri, Position at) {
  const json result = client.result("textDocument/hover", text_position(uri, at));
  if (result.is_null()) return "";
  return result["contents"]["value"].get<std::string>();
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The revised draft with one declaration's spacing spoiled, which the formatter puts back.
std::string messy_layout(std::string text) {
  const std::string line =
      "rule net_gain_of_dwellings : dwellings [SPG 4.2] = dwellings - existing_dwellings_replaced";
  const auto at = text.find(line);
  REQUIRE(at != std::string::npos);
  return text.replace(
      at, line.size(),
      "rule   net_gain_of_dwellings :dwellings   [SPG 4.2]=dwellings-existing_dwellings_replaced");
}

std::set<std::string> labels(const json& completion) {
  std::set<std::string> out;
  for (const auto& item : completion["items"]) out.insert(item["label"].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("hover: a parameter's value with its unit and citation", "[lsp][hover]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  // On its use in policy_applies: 15 dwellings, the inspector's figure (H16 (i); SPG 4.1).
  const std::string h = hover_text(client, uri, position_of(text, "urban_threshold", 1));
  CHECK(has(h, "**parameter** `urban_threshold` = 15 dwellings"));
  CHECK(has(h, "[H16 (i); SPG 4.1]"));
  CHECK(has(h, "Overrides `vale.first_draft_2004`: `10 dwellings` [para 1.2]"));

  // A computed parameter: £189,300 x 62% / 4 = £29,341.50, rounded down to £29,341 (Harrow's
  // Appendix 3, as the ruleset's comment works it).
  const std::string harrow = read_file(harrow_path);
  client.open(file_uri(harrow_path), harrow);
  const std::string c = hover_text(client, file_uri(harrow_path),
                                   position_of(harrow, "contribution_per_habitable_room"));
  CHECK(has(c, "= 29,341 £ per habitable room"));
  CHECK(has(
      c, "(written `round_down(tci_larger_home * average_subsidy_rate / rooms_of_larger_home)`)"));
  CHECK(has(c, "[Appendix 3]"));
}

TEST_CASE("hover: after £ on the same line, positions still land on the name", "[lsp][hover]") {
  TestClient client;
  const std::string uri = file_uri(harrow_path);
  const std::string text = read_file(harrow_path);
  client.open(uri, text);
  // `tci_larger_home` is used after "£ per" on the line of contribution_per_habitable_room.
  const Position use = position_of(text, "round_down(tci_larger_home");
  const json result =
      client.result("textDocument/hover", text_position(uri, {use.line, use.character + 11}));
  CHECK(has(result["contents"]["value"], "**parameter** `tci_larger_home` = £189,300"));
  // The range is the name's, in UTF-16 units: the line holds one "£" before it.
  CHECK(result["range"]["start"] == to_json(Position{use.line, use.character + 11}));
  CHECK(result["range"]["end"] == to_json(Position{use.line, use.character + 11 + 15}));
  // The citation after "£189,300" on its declaration's line.
  const std::string cited = hover_text(client, uri, position_of(text, "[Appendix 3]", 0));
  CHECK(has(cited, "**[Appendix 3]** is cited by"));
  CHECK(has(cited, "- parameter `average_subsidy_rate` [Appendix 3]"));
}

TEST_CASE("hover: a rule's type, unit, citation and documentation, an input's default",
          "[lsp][hover]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  const std::string rule = hover_text(client, uri, position_of(text, "net_gain_of_dwellings"));
  CHECK(has(rule, "**rule** `net_gain_of_dwellings` : dwellings"));
  CHECK(has(rule, "[SPG 4.2]"));
  CHECK(
      has(rule, "The net gain is not the basis of the requirement: new dwellings are (SPG 4.2)."));

  const std::string required = hover_text(client, uri, position_of(text, "affordable_required"));
  CHECK(has(required, "- exception `viability` [SPG 6.6-6.9]"));

  const std::string input = hover_text(client, uri, position_of(text, "related_dwellings"));
  CHECK(has(input, "**input** `related_dwellings` : dwellings"));
  CHECK(has(input, "Default: `0 dwellings`"));
  CHECK(has(input, "the whole site's full affordable provision is made through this one."));

  // An input of the national scheme module, from the ruleset.
  const std::string stdlib_input =
      hover_text(client, uri, position_of(text, "settlement_population"));
  CHECK(has(stdlib_input, "**input** `settlement_population` : persons (optional)"));
  CHECK(has(stdlib_input, "Declared in `national.scheme`"));

  // A citation: every declaration that shares a part of it.
  const std::string cited = hover_text(client, uri, position_of(text, "SPG 4.2]"));
  CHECK(has(cited, "- input `related_dwellings` [SPG 4.2]"));
  CHECK(has(cited, "- rule `whole_site_area` [SPG 4.2]"));
  CHECK(has(cited, "- rule `whole_site_dwellings` [H16; SPG 4.2]"));
  CHECK(has(cited, "- rule `affordable_required` [H16; SPG 4.1, 4.2]") ==
        false);  // "SPG 4.1, 4.2" is one part
  // Nothing to say on a keyword.
  CHECK(hover_text(client, uri, position_of(text, "override parameter")) == "");
}

TEST_CASE("hover: the last good analysis keeps figures while the text has errors", "[lsp][hover]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  const std::string broken = text + "\nrule oops : dwellings = \n";
  client.change(uri, broken, 2);
  REQUIRE_FALSE(client.diagnostics(uri)["diagnostics"].empty());
  const std::string h = hover_text(client, uri, position_of(broken, "urban_threshold", 1));
  CHECK(has(h, "= 15 dwellings *(as last checked)*"));
  // Names still lead to their declarations, by the syntax the parser kept.
  const json target = client.result("textDocument/definition",
                                    text_position(uri, position_of(broken, "whole_site_area >=")));
  CHECK(target["range"]["start"] == to_json(position_of(text, "whole_site_area :")));
}

TEST_CASE("definition: into stdlib/ and across amends", "[lsp][definition]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  const json input = client.result("textDocument/definition",
                                   text_position(uri, position_of(text, "settlement_population")));
  CHECK(input["uri"] == file_uri(scheme_module));
  const int line = line_starting(read_file(scheme_module), "input settlement_population");
  REQUIRE(line > 0);
  CHECK(input["range"]["start"] == to_json(Position{static_cast<std::uint32_t>(line - 1), 6}));

  // From the override to what it overrides, in the ruleset it amends.
  const json overridden = client.result("textDocument/definition",
                                        text_position(uri, position_of(text, "urban_threshold")));
  CHECK(overridden["uri"] == file_uri(first_draft_path));
  CHECK(overridden["range"]["start"]["line"] ==
        line_starting(read_file(first_draft_path), "parameter urban_threshold") - 1);
  // From a use, to the override in force.
  const json in_force = client.result("textDocument/definition",
                                      text_position(uri, position_of(text, "urban_threshold", 1)));
  CHECK(in_force["uri"] == uri);
  CHECK(in_force["range"]["start"] == to_json(position_of(text, "urban_threshold")));
  // `amends vale.first_draft_2004` leads to that ruleset's header.
  const json amended = client.result(
      "textDocument/definition", text_position(uri, position_of(text, "vale.first_draft_2004")));
  CHECK(amended["uri"] == file_uri(first_draft_path));
  // An enumeration member, through `shares.part`.
  const json part = client.result(
      "textDocument/definition", text_position(uri, position_of(text, "tenure_split.social_rent")));
  CHECK(part["range"]["start"] == to_json(position_of(text, "tenure_split of")));
  const json share = client.result("textDocument/definition", text_position(uri, [&] {
                                     auto p = position_of(text, "tenure_split.social_rent");
                                     p.character += 13;
                                     return p;
                                   }()));
  CHECK(share["range"]["start"] == to_json(position_of(text, "social_rent  = 30%")));
}

TEST_CASE("references: across amends, and every ruleset that uses a stdlib input",
          "[lsp][references]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  const json refs = client.result("textDocument/references",
                                  {{"textDocument", {{"uri", uri}}},
                                   {"position", to_json(position_of(text, "urban_threshold", 1))},
                                   {"context", {{"includeDeclaration", true}}}});
  std::multiset<std::string> files;
  for (const auto& r : refs) files.insert(r["uri"].get<std::string>());
  // Declared and used once in each draft.
  CHECK(files.count(uri) == 2);
  CHECK(files.count(file_uri(first_draft_path)) == 2);
  CHECK(refs.size() == 4);
  const json uses_only = client.result(
      "textDocument/references", {{"textDocument", {{"uri", uri}}},
                                  {"position", to_json(position_of(text, "urban_threshold", 1))},
                                  {"context", {{"includeDeclaration", false}}}});
  CHECK(uses_only.size() == 2);

  Position dwellings = position_of(text, "= dwellings - existing_dwellings_replaced");
  dwellings.character += 2;
  const json everywhere =
      client.result("textDocument/references", {{"textDocument", {{"uri", uri}}},
                                                {"position", to_json(dwellings)},
                                                {"context", {{"includeDeclaration", true}}}});
  std::set<std::string> where;
  for (const auto& r : everywhere) where.insert(r["uri"].get<std::string>());
  CHECK(where.count(file_uri(scheme_module)) == 1);
  CHECK(where.count(file_uri(harrow_path)) == 1);
  CHECK(where.count(file_uri(source_dir / "rulesets/salford/housing_guidance_2006.spd")) == 1);
  CHECK(where.count(uri) == 1);
}

TEST_CASE("symbols: the outline and the project's declarations", "[lsp][symbols]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  const json outline =
      client.result("textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
  REQUIRE(outline.is_array());
  const json& h16 = outline[0];
  CHECK(h16["name"] == "H16");
  CHECK(h16["kind"] == 3);
  std::vector<std::string> children;
  for (const auto& c : h16["children"]) children.push_back(c["name"]);
  CHECK(std::find(children.begin(), children.end(), "urban_threshold") != children.end());
  CHECK(std::find(children.begin(), children.end(), "affordable_required") != children.end());
  const auto required =
      std::find_if(h16["children"].begin(), h16["children"].end(),
                   [](const json& c) { return c["name"] == "affordable_required"; });
  REQUIRE(required != h16["children"].end());
  CHECK((*required)["kind"] == 12);
  CHECK((*required)["children"][0]["name"] == "viability");
  // Each symbol's name lies within its range.
  for (const auto& c : h16["children"]) {
    CHECK(c["selectionRange"]["start"]["line"] >= c["range"]["start"]["line"]);
    CHECK(c["range"]["end"]["line"] <= h16["range"]["end"]["line"]);
  }

  TestClient flat({.hierarchical_symbols = false});
  flat.open(uri, text);
  const json list = flat.result("textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
  const auto threshold = std::find_if(list.begin(), list.end(),
                                      [](const json& s) { return s["name"] == "urban_threshold"; });
  REQUIRE(threshold != list.end());
  CHECK((*threshold)["containerName"] == "H16");
  CHECK((*threshold)["location"]["uri"] == uri);

  const json found = client.result("workspace/symbol", {{"query", "urbthresh"}});
  std::set<std::string> files;
  for (const auto& s : found) {
    CHECK(s["name"] == "urban_threshold");
    files.insert(s["location"]["uri"].get<std::string>());
  }
  CHECK(files.count(uri) == 1);
  CHECK(files.count(file_uri(first_draft_path)) == 1);
}

TEST_CASE("completion: members, units, declaration words and names in scope", "[lsp][completion]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string base = read_file(vale_path);
  auto complete = [&](const std::string& line) {
    const std::string text = base + "\n" + line;
    client.change(uri, text, 2);
    const Position end{static_cast<std::uint32_t>(std::count(text.begin(), text.end(), '\n')),
                       static_cast<std::uint32_t>(line.size())};
    return client.result("textDocument/completion", text_position(uri, end));
  };
  client.open(uri, base);

  const auto members = labels(complete("rule t : boolean = x == tenure."));
  CHECK(members.count("social_rent") == 1);
  CHECK(members.count("shared_ownership") == 1);
  CHECK(members.count("urban_threshold") == 0);

  const auto parts = labels(complete("rule t : dwellings = dwellings * tenure_split."));
  CHECK(parts == std::set<std::string>{"social_rent", "intermediate"});

  const auto fields = labels(complete("rule t : dwellings = sum(schedule."));
  CHECK(fields.count("bedrooms") == 1);
  CHECK(fields.count("tenure") == 1);

  const auto units = labels(complete("parameter t = 15 "));
  CHECK(units.count("dwellings") == 1);
  CHECK(units.count("ha") == 1);

  const auto types = labels(complete("input t : "));
  CHECK(types.count("boolean") == 1);
  CHECK(types.count("tenure") == 1);
  CHECK(types.count("persons") == 1);

  const auto words = labels(complete("par"));
  CHECK(words.count("parameter") == 1);
  CHECK(words.count("urban_threshold") == 0);

  const auto names =
      labels(complete("rule t : dwellings = round_half_up(whole_site_dwellings * aff"));
  CHECK(names.count("affordable_share") == 1);
  CHECK(names.count("urban_threshold") == 1);
  CHECK(names.count("dwellings") == 1);  // the input of national.scheme
  CHECK(names.count("round_half_up") == 1);
  CHECK(names.count("social_rent") == 1);  // a member, written bare

  CHECK(complete("rule t : dwellings = 1 dwelling # note ").at("items").empty());
  CHECK(complete("rule t : dwellings [SPG 4").at("items").empty());
}

TEST_CASE("formatting: spdl fmt's layout as one edit, and a file that does not parse is left alone",
          "[lsp][formatting]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  CHECK(client.result("textDocument/formatting",
                      {{"textDocument", {{"uri", uri}}}, {"options", json::object()}}) ==
        json::array());  // the shipped file is already canonical

  const std::string messy = messy_layout(text);
  client.change(uri, messy, 2);
  const json edits = client.result("textDocument/formatting",
                                   {{"textDocument", {{"uri", uri}}}, {"options", json::object()}});
  REQUIRE(edits.size() == 1);
  CHECK(edits[0]["range"]["start"] == to_json(Position{0, 0}));
  CHECK(edits[0]["newText"] == text);

  client.change(uri, text + "\nrule broken : = \n", 3);
  const json refused = client.request(
      "textDocument/formatting", {{"textDocument", {{"uri", uri}}}, {"options", json::object()}});
  CHECK(refused["error"]["code"] == -32803);
  CHECK(has(refused["error"]["message"], "not formatted: line"));
}

TEST_CASE("rename: the declaration and its uses, in every file that reaches it", "[lsp][rename]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string text = read_file(vale_path);
  client.open(uri, text);
  const json params = text_position(uri, position_of(text, "urban_threshold", 1));
  const json prepared = client.result("textDocument/prepareRename", params);
  CHECK(prepared["placeholder"] == "urban_threshold");

  json rename = params;
  rename["newName"] = "town_threshold";
  const json edit = client.result("textDocument/rename", rename);
  CHECK(edit["changes"][uri].size() == 2);
  CHECK(edit["changes"][file_uri(first_draft_path)].size() == 2);
  for (const auto& [file, edits] : edit["changes"].items()) {
    for (const auto& e : edits) CHECK(e["newText"] == "town_threshold");
  }

  rename["newName"] = "then";
  CHECK(client.request("textDocument/rename", rename)["error"]["code"] == -32803);
  rename["newName"] = "rural_threshold";
  CHECK(has(client.request("textDocument/rename", rename)["error"]["message"], "already declared"));
  CHECK(client
            .result("textDocument/prepareRename",
                    text_position(uri, position_of(text, "override parameter")))
            .is_null());
}

TEST_CASE("spdl/evaluate: the report `spdl eval --format json` gives", "[lsp][evaluate]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  client.open(uri, read_file(vale_path));
  const json report = client.result(
      "spdl/evaluate", {{"textDocument", {{"uri", uri}}}, {"scheme", "schemes/wantage_road.yaml"}});

  // The same, computed as the eval command computes it.
  const spdl::OpenedRuleset opened = spdl::open_ruleset(vale_path);
  REQUIRE(opened.program);
  spdl::SourceSet files;
  const auto scheme = spdl::load_scheme(*opened.program->checked, files,
                                        vale_path.parent_path() / "schemes/wantage_road.yaml");
  REQUIRE(scheme.scheme);
  const spdl::Evaluation evaluation = spdl::Evaluator(opened.program).evaluate(*scheme.scheme);
  const json expected = json::parse(spdl::render_report_json(spdl::build_report(evaluation)));
  CHECK(report == expected);
  // Wantage Road: 60 dwellings x 40% = 24 affordable (the scheme file's own comment).
  bool found = false;
  for (const auto& policy : report["policies"]) {
    for (const auto& figure : policy["figures"]) {
      if (figure["name"] == "affordable_required") {
        CHECK(figure["value"]["value"] == "24");
        found = true;
      }
    }
  }
  CHECK(found);

  // Inline, as JSON: 12 dwellings on 0.6 ha in a town of 5,200 is caught by the 0.5 ha
  // threshold (15 dwellings are not reached): 12 x 40% = 4.8, rounded half up to 5.
  const json inline_report = client.result("spdl/evaluate", {{"textDocument", {{"uri", uri}}},
                                                             {"scheme",
                                                              {{"name", "Mill Lane"},
                                                               {"dwellings", 12},
                                                               {"site_area", "0.6 ha"},
                                                               {"settlement_population", 5200}}}});
  bool five = false;
  for (const auto& policy : inline_report["policies"]) {
    for (const auto& figure : policy["figures"]) {
      if (figure["name"] == "affordable_required") five = figure["value"]["value"] == "5";
    }
  }
  CHECK(five);

  CHECK(client.request("spdl/evaluate", {{"textDocument", {{"uri", uri}}},
                                         {"scheme", "schemes/none.yaml"}})["error"]["code"] ==
        -32803);
  client.change(uri, read_file(vale_path) + "\nrule x : dwellings = nothing\n", 2);
  const json refused = client.request(
      "spdl/evaluate", {{"textDocument", {{"uri", uri}}}, {"scheme", "schemes/wantage_road.yaml"}});
  CHECK(refused["error"]["code"] == -32803);
  CHECK(has(refused["error"]["message"], "the ruleset has errors"));
}

TEST_CASE("the constructs of issue 14: an extension's member, apportion, a condition",
          "[lsp][definition][hover]") {
  // spec/examples/london_h5_h6.spd extends the national tenures, apportions by H6's split and
  // declares conditions.
  const std::filesystem::path london = source_dir / "spec/examples/london_h5_h6.spd";
  TestClient client;
  const std::string uri = file_uri(london);
  const std::string text = read_file(london);
  client.open(uri, text);
  CHECK(client.diagnostics(uri)["diagnostics"].empty());
  // A member the extension adds (its index past the national declaration's members) leads to
  // the extension.
  const json member =
      client.result("textDocument/definition",
                    text_position(uri, position_of(text, "london_affordable_rent", 1)));
  CHECK(member["uri"] == uri);
  CHECK(member["range"]["start"] == to_json(position_of(text, "london_affordable_rent")));
  // `homes_by_tenure` before `.low_cost_rent` is the apportioned rule; the shares after `by`
  // are the group.
  const json rule =
      client.result("textDocument/definition",
                    text_position(uri, position_of(text, "homes_by_tenure.low_cost_rent")));
  CHECK(rule["range"]["start"] == to_json(position_of(text, "homes_by_tenure [H6 A]")));
  const json group = client.result("textDocument/definition",
                                   text_position(uri, position_of(text, "h6_tenure_split\n")));
  CHECK(group["range"]["start"] == to_json(position_of(text, "h6_tenure_split [H6 A]")));
  // A condition's hover says what is to be secured and when.
  const std::string h = hover_text(client, uri, position_of(text, "fast_track_review"));
  CHECK(has(h,
            "To secure by legal agreement or planning condition: \"An early review if the "
            "permission is not implemented within two years\""));
  CHECK(has(h, "When `fast_track`"));
}
