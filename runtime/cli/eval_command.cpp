// spdl eval RULESET SCHEME [--format text|json|markdown] [--explain]: the report an officer reads.

#include <fmt/format.h>

#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

int run_eval(const EvalOptions& options) {
  const bool colour_err = colour_enabled(stderr);
  const OpenedRuleset opened = open_ruleset_reporting(options.ruleset);
  if (!opened.program) return 1;

  // "-" is standard input, as for `spdl batch`.
  SourceSet scheme_files;
  SchemeLoad loaded;
  if (options.scheme == "-") {
    auto text = read_standard_input(limits::max_scheme_bytes);
    if (const auto* failure = std::get_if<ReadFailure>(&text)) {
      std::cerr << fmt::format("error: cannot read the scheme from standard input: it {}\n",
                               failure->message);
      return 1;
    }
    loaded = read_scheme(*opened.program->checked, scheme_files, "<stdin>",
                         std::move(std::get<std::string>(text)));
  } else {
    loaded = load_scheme(*opened.program->checked, scheme_files, options.scheme);
  }
  if (!loaded.diagnostics.empty())
    std::cerr << render_text(loaded.diagnostics, scheme_files, {colour_err});
  if (!loaded.scheme) return 1;

  Evaluator evaluator(opened.program);
  evaluator.evaluate(*loaded.scheme);
  const Report report = build_report(evaluator, {.explain = options.explain});
  switch (options.format) {
    case Format::json:
      std::cout << render_report_json(report);
      break;
    case Format::markdown:
      std::cout << utf8::printable(render_report_markdown(report));
      break;
    default:
      std::cout << render_report_text(report, colour_enabled(stdout));
      break;
  }
  // A conflict between exceptions or a division by zero makes the answer unreliable: say so,
  // pointing at the formula.
  if (report.errors.empty()) return 0;
  Diagnostics errors;
  for (std::size_t i = 0; i < report.errors.size(); ++i) {
    errors.add({.severity = Severity::error,
                .code = "evaluation",
                .message = report.errors[i],
                .span = i < report.error_spans.size() ? report.error_spans[i] : Span{}});
  }
  std::cerr << render_text(errors, opened.load->sources, {colour_err});
  return 1;
}

}  // namespace spdl::cli
