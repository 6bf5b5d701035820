#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "spdl/lang/base/diagnostic.hpp"

using namespace spdl;

TEST_CASE("a diagnostic shows the line, a caret under the span and the hint", "[diagnostics]") {
  SourceSet sources;
  const FileId f =
      sources.add("vale.spd", "ruleset v\nparameter rate = £29,341 per habitable_rom\n");
  Diagnostics ds;
  // The caret must line up under "habitable_rom" although "£" is two bytes.
  const std::string text = sources.file(f).text();
  const auto at = static_cast<std::uint32_t>(text.find("habitable_rom"));
  auto& d = ds.error("syntax", {f, at, at + 13}, "unknown unit");
  d.label = "not a unit";
  d.hint = "did you mean `habitable_room`?";
  CHECK(render_text(ds, sources) ==
        "error: unknown unit\n"
        " --> vale.spd:2:30\n"
        "  |\n"
        "2 | parameter rate = £29,341 per habitable_rom\n"
        "  |                              ^^^^^^^^^^^^^ not a unit\n"
        "  = hint: did you mean `habitable_room`?\n\n");
}

TEST_CASE("a very long line is shown as a window around the caret", "[diagnostics]") {
  SourceSet sources;
  const FileId f =
      sources.add("long.spd", std::string(5000, 'a') + "X" + std::string(5000, 'b') + "\n");
  Diagnostics ds;
  ds.error("syntax", {f, 5000, 5001}, "here");
  const std::string out = render_text(ds, sources);
  CHECK(out.size() < 400);
  CHECK(out.find("...aaaa") != std::string::npos);
  CHECK(out.find("aaaaXbbbb") != std::string::npos);
}

TEST_CASE("diagnostics as JSON for editors", "[diagnostics]") {
  SourceSet sources;
  const FileId f = sources.add("t.spd", "ruleset t\nrule x = y\n");
  Diagnostics ds;
  ds.error("unknown-name", {f, 19, 20}, "unknown name `y`").hint = "did you mean `x`?";
  ds.warning("unused", {f, 15, 16}, "rule `x` is never used");
  const auto j = nlohmann::json::parse(render_json(ds, sources));
  CHECK(j["errors"] == 1);
  CHECK(j["warnings"] == 1);
  CHECK(j["diagnostics"][0]["code"] == "unknown-name");
  CHECK(j["diagnostics"][0]["span"]["begin"]["line"] == 2);
  CHECK(j["diagnostics"][0]["span"]["begin"]["column"] == 10);
  CHECK(j["diagnostics"][0]["hint"] == "did you mean `x`?");
  CHECK(j["diagnostics"][1]["severity"] == "warning");
}
