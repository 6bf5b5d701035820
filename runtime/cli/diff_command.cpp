// spdl diff OLD NEW [--format text|markdown|json|html] [--output FILE]: what a revision changes.

#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

int run_diff(const DiffOptions& options) {
  const OpenedRuleset before = open_ruleset_reporting(options.before);
  const OpenedRuleset after = open_ruleset_reporting(options.after);
  if (!before.program || !after.program) return 1;
  std::vector<std::filesystem::path> inputs;
  add_files_read(before, inputs);
  add_files_read(after, inputs);
  const RulesetDiff d = diff_rulesets(*before.program, *after.program);
  switch (options.format) {
    case Format::json:
      return write_output(render_diff_json(d), options.output, options.format, inputs);
    case Format::markdown:
      return write_output(render_diff_markdown(d), options.output, options.format, inputs);
    case Format::html:
      return write_output(render_diff_html(d), options.output, options.format, inputs);
    default:
      return write_output(render_diff_text(d), options.output, options.format, inputs);
  }
}

}  // namespace spdl::cli
