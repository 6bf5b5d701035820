#pragma once
// The library's front door: everything the `spdl` command does, a C++ caller can do from here.
//
//   auto opened = spdl::open_ruleset("rulesets/vale/revised_draft_2006.spd");
//   if (!opened.program) return 1;  // opened.diagnostics says why
//   spdl::SourceSet scheme_files;
//   auto scheme = spdl::load_scheme(*opened.program->checked, scheme_files, "scheme.yaml");
//   if (!scheme.scheme) return 1;   // scheme.diagnostics says why
//   spdl::Evaluator evaluator(opened.program);  // one per thread; reuse for many schemes
//   const spdl::Evaluation& evaluation = evaluator.evaluate(*scheme.scheme);  // until the next
//   spdl::Report report = spdl::build_report(evaluation);
//   std::string text = spdl::render_report_text(report, false);

#include <filesystem>
#include <memory>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/report/report.hpp"

namespace spdl {

// The spdl installation whose stdlib/ and rulesets/ serve files outside any project tree: the
// SPDL_HOME environment variable when it is set; else share/spdl beside the running program
// (<prefix>/bin/spdl has <prefix>/share/spdl; the build tree's spdl has build/share/spdl); else
// the share/spdl of the prefix the library was installed to.
std::filesystem::path spdl_home();

// Load the ruleset at `path` with what it uses and amends, and check it.
CheckResult load_and_check(const std::filesystem::path& path);

struct OpenedRuleset {
  std::shared_ptr<const Load> load;        // the files read, for rendering diagnostics
  std::shared_ptr<const Program> program;  // null when there are errors; immutable, shareable
  Diagnostics diagnostics;
};

// Load, check and lower a ruleset, ready to evaluate schemes. A `module` of shared definitions
// cannot be evaluated on its own and is refused.
OpenedRuleset open_ruleset(const std::filesystem::path& path);
OpenedRuleset open_ruleset(CheckResult checked);

}  // namespace spdl
