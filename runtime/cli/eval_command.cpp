// spdl eval RULESET SCHEME [--format text|json|markdown] [--explain] [--exit-code]: the report an
// officer reads. Either file may be `-`, standard input (not both).

#include <fmt/format.h>

#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/in_force_choice.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/render/formats.hpp"

namespace spdl::cli {

namespace {

// "2 checks not met: enough_affordable, tenure_split", for a script's stderr.
std::string checks_not_met(const Report& report) {
  std::string names;
  std::size_t count = 0;
  for (const auto& policy : report.policies) {
    for (const auto& check : policy.checks) {
      if (check.finding != Finding::not_met) continue;
      ++count;
      (names += names.empty() ? "" : ", ") += check.name;
    }
  }
  if (count == 0) return {};
  return fmt::format("{} check{} not met: {}", count, count == 1 ? "" : "s", names);
}

}  // namespace

int run_eval(const EvalOptions& options) {
  if (is_standard_input(options.ruleset) && is_standard_input(options.scheme)) {
    std::cerr << "spdl eval: only one of the ruleset and the scheme can come from standard input "
                 "(-)\n";
    return 2;
  }
  const bool colour_err = colour_enabled(stderr);
  const auto chosen = choose_ruleset(options.ruleset, options.on, "eval");
  if (!chosen) return 1;
  const OpenedRuleset opened = open_ruleset_reporting(chosen->path);
  if (!opened.program) return 1;

  // "-" is standard input, as for `spdl batch`.
  SourceSet scheme_files;
  SchemeLoad loaded;
  if (is_standard_input(options.scheme)) {
    auto text = read_standard_input_reporting(limits::max_scheme_bytes, "scheme");
    if (!text) return 1;
    loaded = read_scheme(*opened.program->checked, scheme_files, standard_input_name,
                         std::move(*text), {}, {.allow_unknown_keys = options.allow_unknown_keys});
  } else {
    loaded = load_scheme(*opened.program->checked, scheme_files, options.scheme, {},
                         {.allow_unknown_keys = options.allow_unknown_keys});
  }
  if (!loaded.diagnostics.empty())
    std::cerr << render_text(loaded.diagnostics, scheme_files, {colour_err});
  if (!loaded.scheme) return 1;

  const Evaluation evaluation = Evaluator(opened.program).evaluate(*loaded.scheme);
  Report report = build_report(evaluation, {.explain = options.explain});
  report.chosen_on = chosen->on;
  report.chosen_because = chosen->reason;
  const std::string text =
      *render_report_as(report, format_name(options.format), colour_enabled(stdout));
  // Markdown goes to terminals too: control characters a file may hold are shown, not sent.
  std::cout << (options.format == Format::markdown ? utf8::printable(text) : text);
  // A conflict between exceptions or a division by zero makes the answer unreliable: say so,
  // pointing at the formula.
  if (!report.errors.empty()) {
    Diagnostics errors;
    for (const auto& e : report.errors) errors.add(e);
    std::cerr << render_text(errors, opened.load->sources, {colour_err});
    return 1;
  }
  // For scripts: a check not met is a failure, said in one line.
  if (options.exit_code) {
    if (const std::string not_met = checks_not_met(report); !not_met.empty()) {
      std::cerr << "spdl eval: " << not_met << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace spdl::cli
