// spdl compare OLD NEW --schemes PORTFOLIO [--group-by NAME] [--format ...] [--output FILE]
// `--schemes -` reads the portfolio, a YAML (or JSON) list of schemes, from standard input.

#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/in_force_choice.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/portfolio_pair.hpp"
#include "spdl/runtime/render/formats.hpp"

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
  const PortfolioPair portfolios = read_portfolio_pair(
      *before.program->checked, *after.program->checked,
      [&](const CheckedRuleset& ruleset, const SchemeReadOptions& read_options) {
        return piped ? read_portfolio(ruleset, files, standard_input_name, *piped, false,
                                      read_options)
                     : load_portfolio(ruleset, files, options.portfolio, read_options);
      },
      options.allow_unknown_keys);
  std::cerr << render_text(portfolios.diagnostics, files, {colour});
  if (portfolios.diagnostics.has_errors()) return 1;
  const Portfolio& pa = portfolios.before;
  const Portfolio& pb = portfolios.after;

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
  const std::string text = *render_comparison_as(*comparison, format_name(options.format));
  std::vector<std::filesystem::path> inputs;
  if (!piped) inputs.push_back(options.portfolio);
  add_files_read(before, inputs);
  add_files_read(after, inputs);
  return write_output(text, options.output, options.format, inputs);
}

}  // namespace spdl::cli
