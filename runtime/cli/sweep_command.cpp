// spdl sweep RULESET [RULESET2] --vary NAME=A..B[:STEP] [--vary ...] [--base SCHEME]
//            [--figure NAME] [--format text|json|csv|svg|html] [--output FILE]

#include <fmt/format.h>

#include <iostream>

#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/render/formats.hpp"

namespace spdl::cli {

int run_sweep(const SweepOptions& options) {
  const bool colour = colour_enabled(stderr);
  SweepRequest request;
  request.figure = options.figure;
  for (const auto& text : options.vary) {
    const auto vary = parse_vary(text);
    if (!vary) {
      std::cerr << fmt::format(
          "spdl sweep: --vary {}: write NAME=FIRST..LAST or NAME=FIRST..LAST:STEP, "
          "such as dwellings=1..60 or site_area=0.1ha..1ha:0.05ha\n",
          text);
      return 2;
    }
    request.vary.push_back(*vary);
  }

  std::vector<OpenedRuleset> opened;
  for (const auto& path : options.rulesets) opened.push_back(open_ruleset_reporting(path));
  std::vector<const Program*> programs;
  for (const auto& o : opened) {
    if (!o.program) return 1;
    programs.push_back(o.program.get());
  }

  // The base scheme is read for each ruleset; it need not give the inputs the sweep varies.
  SuppliedInputs varied;
  for (const auto& v : request.vary) varied.push_back(v.input);
  std::vector<Scheme> bases;
  for (const auto* program : programs) {
    if (options.base.empty()) {
      bases.emplace_back();
      continue;
    }
    SourceSet files;
    // Beside another ruleset, a key only one of them reads is no mistake: each warns of what it
    // ignores. Alone, a key the ruleset does not read is an error, as for eval.
    const SchemeLoad loaded = load_scheme(*program->checked, files, options.base, varied,
                                          {.allow_unknown_keys = programs.size() > 1});
    if (!loaded.diagnostics.empty()) std::cerr << render_text(loaded.diagnostics, files, {colour});
    if (!loaded.scheme) return 1;
    bases.push_back(*loaded.scheme);
  }

  Diagnostics problems;
  auto sweep = run_sweep(programs, bases, request, problems);
  if (!sweep) {
    for (const auto& d : problems.all()) {
      std::cerr << "spdl sweep: " << d.message << (d.hint.empty() ? "" : " (" + d.hint + ")")
                << "\n";
    }
    return 2;
  }
  sweep->base = options.base;
  // The page of two rulesets side by side shows what differs between them too.
  std::optional<RulesetDiff> diff;
  if (options.format == Format::html && programs.size() == 2)
    diff = diff_rulesets(*programs[0], *programs[1]);
  const std::string text =
      *render_sweep_as(*sweep, format_name(options.format), diff ? &*diff : nullptr);
  std::vector<std::filesystem::path> inputs;
  if (!options.base.empty()) inputs.emplace_back(options.base);
  for (const auto& o : opened) add_files_read(o, inputs);
  return write_output(text, options.output, options.format, inputs);
}

}  // namespace spdl::cli
