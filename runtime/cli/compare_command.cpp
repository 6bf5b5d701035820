// spdl compare OLD NEW --schemes PORTFOLIO [--group-by NAME] [--format ...] [--output FILE]
// `--schemes -` reads the portfolio, a YAML (or JSON) list of schemes, from standard input.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <optional>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/in_force_choice.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/portfolio.hpp"
#include "spdl/runtime/render/compare_render.hpp"

namespace spdl::cli {

int run_compare(const CompareCommandOptions& options) {
  const bool colour = colour_enabled(stderr);
  const auto chosen_before = choose_ruleset(options.before, options.on, "compare", true);
  const auto chosen_after = choose_ruleset(options.after, options.on, "compare", true);
  if (!chosen_before || !chosen_after) return 1;
  const OpenedRuleset before = open_ruleset_reporting(chosen_before->path);
  const OpenedRuleset after = open_ruleset_reporting(chosen_after->path);
  if (!before.program || !after.program) return 1;

  // The portfolio is read for each ruleset's inputs; the schemes both can read are compared.
  SourceSet files;
  std::optional<std::string> piped;
  if (is_standard_input(options.portfolio)) {
    piped = read_standard_input_reporting(limits::max_portfolio_bytes, "portfolio");
    if (!piped) return 1;
  }
  auto portfolio_for = [&](const CheckedRuleset& ruleset) {
    // Each ruleset reads what it reads; what neither does is judged below.
    const SchemeReadOptions lenient{.allow_unknown_keys = true};
    return piped ? read_portfolio(ruleset, files, standard_input_name, *piped, false, lenient)
                 : load_portfolio(ruleset, files, options.portfolio, lenient);
  };
  const Portfolio pa = portfolio_for(*before.program->checked);
  if (pa.diagnostics.has_errors()) {
    // A file the first reading refuses is not read again: its errors are the file's.
    Diagnostics errors;
    for (const auto& d : pa.diagnostics.all()) {
      if (d.severity != Severity::warning) errors.add(d);
    }
    std::cerr << render_text(errors, files, {colour});
    return 1;
  }
  const Portfolio pb = portfolio_for(*after.program->checked);
  // A key or column that one ruleset reads and the other does not is no mistake: the revision
  // added or dropped an input. What neither reads is an error on that scheme (a misspelling would
  // pass for a default under both), or with --allow-unknown-keys a warning, once a key.
  const auto in_both = [&](const Diagnostic& d) {
    return std::any_of(pb.diagnostics.all().begin(), pb.diagnostics.all().end(),
                       [&](const Diagnostic& other) {
                         // Each reading added the file to `files` anew: the same place is
                         // the same offsets under another file id.
                         return other.severity == Severity::warning && other.code == d.code &&
                                other.span.begin == d.span.begin && other.span.end == d.span.end;
                       });
  };
  Diagnostics shown;
  for (const auto& d : pa.diagnostics.all()) {
    if (d.severity == Severity::error) {
      shown.add(d);
    } else if (in_both(d)) {
      Diagnostic both = d;
      constexpr std::string_view one = " of this ruleset";
      if (const auto at = both.message.find(one); at != std::string::npos)
        both.message.replace(at, one.size(), " of either ruleset");
      if (!options.allow_unknown_keys) {
        both.severity = Severity::error;
        constexpr std::string_view ignored = "; it is ignored";
        if (const auto at = both.message.find(ignored); at != std::string::npos)
          both.message.erase(at, ignored.size());
      }
      shown.add(std::move(both));
    }
  }
  std::cerr << render_text(shown, files, {colour});
  if (shown.has_errors()) return 1;
  Diagnostics only_new;
  for (const auto& d : pb.diagnostics.all()) {
    if (d.severity == Severity::error) only_new.add(d);
  }
  std::cerr << render_text(only_new, files, {colour});
  if (only_new.has_errors()) return 1;

  Diagnostics problems;
  auto comparison = compare_rulesets(*before.program, *after.program, pa.schemes, pb.schemes,
                                     {options.group_by}, problems);
  if (!comparison) {
    for (const auto& d : problems.all()) std::cerr << "spdl compare: " << d.message << "\n";
    return 2;
  }
  comparison->portfolio = piped ? standard_input_name : options.portfolio;
  comparison->chosen_on = options.on;
  comparison->before_because = chosen_before->reason;
  comparison->after_because = chosen_after->reason;
  std::string text;
  switch (options.format) {
    case Format::json:
      text = render_comparison_json(*comparison);
      break;
    case Format::markdown:
      text = render_comparison_markdown(*comparison);
      break;
    case Format::csv:
      text = render_comparison_csv(*comparison);
      break;
    case Format::html:
      text = render_comparison_html(*comparison);
      break;
    default:
      text = render_comparison_text(*comparison);
      break;
  }
  std::vector<std::filesystem::path> inputs;
  if (!piped) inputs.push_back(options.portfolio);
  add_files_read(before, inputs);
  add_files_read(after, inputs);
  return write_output(text, options.output, options.format, inputs);
}

}  // namespace spdl::cli
