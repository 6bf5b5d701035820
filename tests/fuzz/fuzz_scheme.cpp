// Fuzz target 2: a scheme file from bytes, read against the Vale's revised draft (the ruleset
// with the most inputs: numbers with units, yes/no, enumerations and the accommodation schedule).
// Invariants: nothing crashes or hangs; a scheme that loads evaluates, and its report renders and
// its JSON parses back.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "fuzz_check.hpp"
#include "spdl/runtime/engine/engine.hpp"

using namespace spdl;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const OpenedRuleset ruleset =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  SPDL_FUZZ_REQUIRE(ruleset.program, "the fixed ruleset does not load");

  SourceSet sources;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const SchemeLoad loaded = read_scheme(*ruleset.program->checked, sources, "fuzz.yaml", text);
  (void)render_text(loaded.diagnostics, sources);
  (void)render_json(loaded.diagnostics, sources);
  SPDL_FUZZ_REQUIRE(loaded.scheme.has_value() != loaded.diagnostics.has_errors(),
                    "a scheme must load exactly when there are no errors");
  if (!loaded.scheme) return 0;

  const Evaluation evaluation = Evaluator(ruleset.program).evaluate(*loaded.scheme);
  const Report report = build_report(evaluation, {.explain = true});
  (void)render_report_text(report, false);
  (void)render_report_markdown(report);
  const std::string json = render_report_json(report);
  SPDL_FUZZ_REQUIRE(nlohmann::json::accept(json), "the JSON report does not parse:\n" + json);
  return 0;
}
