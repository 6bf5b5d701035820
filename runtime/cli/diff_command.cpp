// spdl diff OLD NEW [--format text|markdown|json|html] [--output FILE] [--exit-code]: what a
// revision changes.

#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/render/formats.hpp"

namespace spdl::cli {

int run_diff(const DiffOptions& options) {
  const OpenedRuleset before = open_ruleset_reporting(options.before);
  const OpenedRuleset after = open_ruleset_reporting(options.after);
  if (!before.program || !after.program) return 1;
  std::vector<std::filesystem::path> inputs;
  add_files_read(before, inputs);
  add_files_read(after, inputs);
  const RulesetDiff d = diff_rulesets(*before.program, *after.program);
  const int written = write_output(*render_diff_as(d, format_name(options.format)), options.output,
                                   options.format, inputs);
  if (written != 0) return written;
  // For scripts, as `diff` and `git diff --exit-code` do: 1 when the rulesets differ.
  return options.exit_code && !d.changes.empty() ? 1 : 0;
}

}  // namespace spdl::cli
