// Diagnostics as the editor receives them: placed in UTF-16 positions, with related locations and
// the did-you-mean as a quick fix; debounced after changes; and read from unsaved buffers, also
// those another open document uses or amends.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "lsp_client.hpp"

using namespace spdl::lsp;
using namespace spdl::lsp::testing;
using namespace std::chrono_literals;

namespace {

const std::filesystem::path vale_path = source_dir / "rulesets/vale/revised_draft_2006.spd";
const std::filesystem::path first_draft_path = source_dir / "rulesets/vale/first_draft_2004.spd";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// An edit's range applied to a text, with positions read by the test's own UTF-16 counting.
std::string apply(const std::string& text, const json& edit) {
  auto offset = [&](const json& p) {
    std::size_t line = 0, at = 0;
    while (line < p["line"].get<std::size_t>()) {
      at = text.find('\n', at) + 1;
      ++line;
    }
    for (std::uint32_t units = 0; units < p["character"].get<std::uint32_t>(); ++at) {
      const auto c = static_cast<unsigned char>(text[at]);
      if ((c & 0xC0) != 0x80) units += c >= 0xF0 ? 2 : 1;
    }
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
    return at;
  };
  const auto begin = offset(edit["range"]["start"]);
  const auto end = offset(edit["range"]["end"]);
  return text.substr(0, begin) + edit["newText"].get<std::string>() + text.substr(end);
}

}  // namespace

TEST_CASE("diagnostics: a misspelt name, at its line and column, with a quick fix",
          "[lsp][diagnostics]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  const std::string good = read_file(vale_path);
  const std::string bad = replaced(good, "then whole_site_dwellings >= urban_threshold",
                                   "then whole_site_dwelings >= urban_threshold");
  client.open(uri, bad);
  const json published = client.diagnostics(uri);
  REQUIRE(published["version"] == 1);
  REQUIRE(published["diagnostics"].size() == 1);
  const json& d = published["diagnostics"][0];
  CHECK(d["code"] == "unknown-name");
  CHECK(d["severity"] == 1);
  CHECK(d["source"] == "spdl");
  CHECK(d["message"].get<std::string>().find("did you mean `whole_site_dwellings`?") !=
        std::string::npos);
  const Position at = position_of(bad, "whole_site_dwelings");
  CHECK(d["range"] == to_json(Range{at, {at.line, at.character + 19}}));
  CHECK(d["data"]["replacement"] == "whole_site_dwellings");

  const json actions =
      client.result("textDocument/codeAction", {{"textDocument", {{"uri", uri}}},
                                                {"range", d["range"]},
                                                {"context", {{"diagnostics", {d}}}}});
  REQUIRE(actions.size() == 1);
  CHECK(actions[0]["kind"] == "quickfix");
  CHECK(actions[0]["title"] == "Change `whole_site_dwelings` to `whole_site_dwellings`");
  const json& edits = actions[0]["edit"]["changes"][uri];
  REQUIRE(edits.size() == 1);
  const std::string fixed = apply(bad, edits[0]);
  CHECK(fixed == good);
  client.change(uri, fixed, 2);
  CHECK(client.diagnostics(uri)["version"] == 2);
  CHECK(client.diagnostics(uri)["diagnostics"] == json::array());

  // No quick fix where there is no diagnostic, nor when only refactorings are asked for.
  CHECK(client.result("textDocument/codeAction", {{"textDocument", {{"uri", uri}}},
                                                  {"range", d["range"]},
                                                  {"context", {{"diagnostics", json::array()}}}}) ==
        json::array());
}

TEST_CASE("diagnostics: the quick fix replaces only the misspelt part of a longer span",
          "[lsp][diagnostics]") {
  TestClient client;
  const std::string uri = file_uri(vale_path);
  // The diagnostic covers `tenure_split.socal_rent`; only `socal_rent` is replaced.
  const std::string bad =
      replaced(read_file(vale_path), "tenure_split.social_rent", "tenure_split.socal_rent");
  client.open(uri, bad);
  const json diagnostics = client.diagnostics(uri)["diagnostics"];
  // One diagnostic: the unknown share (the checker no longer adds that the group alone is not a
  // value), and it has the fix.
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["code"] == "unknown-share");
  const json actions = client.result("textDocument/codeAction", {{"textDocument", {{"uri", uri}}},
                                                                 {"range", diagnostics[0]["range"]},
                                                                 {"context", json::object()}});
  REQUIRE(actions.size() == 1);
  const json& edit = actions[0]["edit"]["changes"][uri][0];
  CHECK(edit["newText"] == "social_rent");
  const Position at = position_of(bad, "socal_rent");
  CHECK(edit["range"] == to_json(Range{at, {at.line, at.character + 10}}));
  CHECK(apply(bad, edit) == read_file(vale_path));
}

TEST_CASE("diagnostics: \"first defined here\" is a related location", "[lsp][diagnostics]") {
  const std::string uri = file_uri(vale_path);
  const std::string good = read_file(vale_path);
  const std::string twice = good + "\nparameter urban_site_area = 1 ha [H16 (i)]\n";
  const Position first = position_of(twice, "urban_site_area");
  const Position second = position_of(twice, "parameter urban_site_area = 1 ha");

  TestClient client;
  client.open(uri, twice);
  const json diagnostics = client.diagnostics(uri)["diagnostics"];
  REQUIRE(diagnostics.size() == 1);
  const json& d = diagnostics[0];
  CHECK(d["code"] == "duplicate");
  CHECK(d["range"]["start"] == to_json(Position{second.line, second.character + 10}));
  REQUIRE(d["relatedInformation"].size() == 1);
  CHECK(d["relatedInformation"][0]["message"] == "first defined here");
  CHECK(d["relatedInformation"][0]["location"]["uri"] == uri);
  CHECK(d["relatedInformation"][0]["location"]["range"]["start"] == to_json(first));

  // A client that cannot show related locations gets the line in the message.
  TestClient plain({.related_information = false});
  plain.open(uri, twice);
  const json p = plain.diagnostics(uri)["diagnostics"][0];
  CHECK_FALSE(p.contains("relatedInformation"));
  CHECK(p["message"].get<std::string>().find("first defined here (line " +
                                             std::to_string(first.line + 1) + ")") !=
        std::string::npos);
}

TEST_CASE("diagnostics: debounced after a change, published once for a burst of changes",
          "[lsp][diagnostics]") {
  TestClient client({.debounce = 150ms});
  const std::string uri = file_uri(vale_path);
  const std::string good = read_file(vale_path);
  client.open(uri, good);
  CHECK(client.publications(uri) == 1);  // on open, at once
  const std::string bad = replaced(good, "whole_site_dwellings >= urban_threshold",
                                   "whole_site_dwelings >= urban_threshold");
  client.change(uri, bad, 2);
  client.advance(100ms);
  client.change(uri, bad + "\n", 3);
  client.advance(100ms);  // 100 ms after the last change: not yet
  CHECK(client.publications(uri) == 1);
  client.advance(50ms);
  CHECK(client.publications(uri) == 2);
  CHECK(client.diagnostics(uri)["version"] == 3);
  CHECK(client.diagnostics(uri)["diagnostics"].size() == 1);
  client.advance(1000ms);
  CHECK(client.publications(uri) == 2);
  // A request does not wait for the debounce: it reads the text as it is now.
  client.change(uri, good, 4);
  const json hover = client.result(
      "textDocument/hover", text_position(uri, position_of(good, "whole_site_dwellings", 1)));
  CHECK(hover["contents"]["value"].get<std::string>().find("**rule** `whole_site_dwellings`") !=
        std::string::npos);
}

TEST_CASE("diagnostics: a ruleset reads the unsaved text of the ruleset it amends",
          "[lsp][diagnostics][overlay]") {
  TestClient client;
  const std::string revised = file_uri(vale_path);
  const std::string first = file_uri(first_draft_path);
  const std::string first_text = read_file(first_draft_path);
  client.open(revised, read_file(vale_path));
  REQUIRE(client.diagnostics(revised)["diagnostics"] == json::array());

  // In the editor (not on disk) the first draft loses `urban_threshold`: the revised draft's
  // `override parameter urban_threshold` now overrides nothing.
  const std::string renamed =
      replaced(first_text, "parameter urban_threshold ", "parameter urban_limit ");
  client.open(first, renamed);
  const json after = client.diagnostics(revised)["diagnostics"];
  REQUIRE_FALSE(after.empty());
  CHECK(after[0]["code"] == "override-missing");
  CHECK(after[0]["range"]["start"] ==
        to_json(position_of(read_file(vale_path), "urban_threshold")));

  // Put back, the revised draft is clean again; closed, the file on disk is read again.
  client.change(first, first_text, 2);
  CHECK(client.diagnostics(revised)["diagnostics"] == json::array());
  client.change(first, renamed, 3);
  CHECK_FALSE(client.diagnostics(revised)["diagnostics"].empty());
  client.notify("textDocument/didClose", {{"textDocument", {{"uri", first}}}});
  CHECK(client.diagnostics(first)["diagnostics"] == json::array());
  CHECK(client.diagnostics(revised)["diagnostics"] == json::array());
}

TEST_CASE("diagnostics: `use` finds a module that exists only in the editor",
          "[lsp][diagnostics][overlay]") {
  const auto project = std::filesystem::temp_directory_path() / "spdl-lsp-overlay-test";
  std::filesystem::remove_all(project);
  std::filesystem::create_directories(project / "stdlib");
  std::filesystem::create_directories(project / "rulesets");
  const std::string module_uri = file_uri(project / "stdlib/local/extra.spd");
  const std::string ruleset_uri = file_uri(project / "rulesets/town.spd");
  const std::string ruleset =
      "ruleset town\n  title \"Town\"\n\nuse local.extra\n\nrule doubled : dwellings = homes * 2\n";

  TestClient client;
  client.open(ruleset_uri, ruleset);
  const json missing = client.diagnostics(ruleset_uri)["diagnostics"];
  REQUIRE_FALSE(missing.empty());
  CHECK(missing[0]["code"] == "module-not-found");

  // Opening the module is enough: the ruleset is analysed again and now finds it.
  client.open(module_uri, "module local.extra\n  title \"Extra\"\n\ninput homes : dwellings\n");
  CHECK(client.diagnostics(module_uri)["diagnostics"] == json::array());
  CHECK(client.publications(ruleset_uri) == 2);
  CHECK(client.diagnostics(ruleset_uri)["diagnostics"] == json::array());
  // Go to definition lands in the unsaved module.
  const json target = client.result("textDocument/definition",
                                    text_position(ruleset_uri, position_of(ruleset, "homes")));
  CHECK(target["uri"] == module_uri);
  CHECK(target["range"]["start"] == to_json(Position{3, 6}));
  std::filesystem::remove_all(project);
}

TEST_CASE("diagnostics: a problem in a module is shown on the `use` that reaches it",
          "[lsp][diagnostics]") {
  const auto project = std::filesystem::temp_directory_path() / "spdl-lsp-module-error-test";
  std::filesystem::remove_all(project);
  std::filesystem::create_directories(project / "stdlib/local");
  std::filesystem::create_directories(project / "rulesets");
  {
    std::ofstream(project / "stdlib/local/broken.spd")
        << "module local.broken\n\nrule r : dwellings = nowhere\n";
  }
  const std::string ruleset = "ruleset town\n\nuse local.broken\n";
  TestClient client;
  const std::string uri = file_uri(project / "rulesets/town.spd");
  client.open(uri, ruleset);
  const json diagnostics = client.diagnostics(uri)["diagnostics"];
  REQUIRE(diagnostics.size() == 1);
  CHECK(diagnostics[0]["message"].get<std::string>().rfind(
            "in local.broken line 3: unknown name `nowhere`", 0) == 0);
  CHECK(diagnostics[0]["range"]["start"] == to_json(position_of(ruleset, "local.broken")));
  CHECK(diagnostics[0]["relatedInformation"][0]["location"]["uri"] ==
        file_uri(std::filesystem::weakly_canonical(project / "stdlib/local/broken.spd")));
  std::filesystem::remove_all(project);
}
