// spdl eval RULESET SCHEME [--format text|json|markdown] [--explain]: the report an officer reads.

#include <fmt/format.h>

#include <iostream>

#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

int run_eval(const EvalOptions& options) {
  const bool colour_err = colour_enabled(stderr);
  const OpenedRuleset opened = open_ruleset_reporting(options.ruleset);
  if (!opened.program) return 1;

  SourceSet scheme_files;
  const SchemeLoad loaded = load_scheme(*opened.program->checked, scheme_files, options.scheme);
  if (!loaded.diagnostics.empty())
    std::cerr << render_text(loaded.diagnostics, scheme_files, {colour_err});
  if (!loaded.scheme) return 1;

  const Evaluation evaluation = Evaluator(opened.program).evaluate(*loaded.scheme);
  const Report report = build_report(evaluation, {.explain = options.explain});
  switch (options.format) {
    case Format::json:
      std::cout << render_report_json(report);
      break;
    case Format::markdown:
      std::cout << render_report_markdown(report);
      break;
    default:
      std::cout << render_report_text(report, colour_enabled(stdout));
      break;
  }
  // A conflict between exceptions or a division by zero makes the answer unreliable: say so,
  // pointing at the formula.
  if (report.errors.empty()) return 0;
  Diagnostics errors;
  for (const auto& e : report.errors) errors.add(e);
  std::cerr << render_text(errors, opened.load->sources, {colour_err});
  return 1;
}

}  // namespace spdl::cli
