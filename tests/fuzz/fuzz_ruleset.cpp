// Fuzz target 1: a ruleset from bytes, through parse, format, check, lower and a first
// evaluation. Invariants: nothing crashes or hangs; formatting what parses gives text that parses
// to the same tree and formats to itself; every diagnostic renders.

#include <cstdint>
#include <string>

#include "../unit/ast_dump.hpp"
#include "fuzz_check.hpp"
#include "spdl/lang/syntax/formatter.hpp"
#include "spdl/lang/syntax/parser.hpp"
#include "spdl/runtime/engine/engine.hpp"

using namespace spdl;

namespace {

void check_format_round_trip(const std::string& text) {
  SourceSet sources;
  ast::Ast ast;
  const ParseResult parsed = parse_module(ast, sources, sources.add("fuzz.spd", text));
  (void)render_text(parsed.diagnostics, sources);
  if (!parsed.ok()) return;
  const std::string formatted = format_module(ast, sources, parsed.module);

  SourceSet sources2;
  ast::Ast ast2;
  const ParseResult again = parse_module(ast2, sources2, sources2.add("fuzz.spd", formatted));
  SPDL_FUZZ_REQUIRE(again.ok(), "formatted text does not parse:\n" + formatted + "\n" +
                                    render_text(again.diagnostics, sources2));
  SPDL_FUZZ_REQUIRE(
      testing::dump_module(ast2, again.module) == testing::dump_module(ast, parsed.module),
      "formatting changed the tree:\n" + formatted);
  SPDL_FUZZ_REQUIRE(format_module(ast2, sources2, again.module) == formatted,
                    "formatting is not idempotent:\n" + formatted);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  check_format_round_trip(text);

  const ModuleRoots roots{
      {std::string(SPDL_SOURCE_DIR) + "/stdlib", std::string(SPDL_SOURCE_DIR) + "/rulesets"}};
  CheckResult checked = check(load_ruleset_text("rulesets/fuzz/fuzz.spd", text, roots));
  (void)render_json(checked.diagnostics, checked.load->sources);
  const OpenedRuleset opened = open_ruleset(std::move(checked));
  (void)render_text(opened.diagnostics, opened.load->sources);
  if (!opened.program) return 0;
  Evaluator evaluator(opened.program);
  Scheme scheme;
  scheme.inputs.resize(opened.program->checked->inputs.size());
  scheme.lists.resize(opened.program->checked->inputs.size());
  (void)render_report_json(build_report(evaluator.evaluate(scheme), {.explain = true}));
  return 0;
}
