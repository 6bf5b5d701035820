// spdl test PATH... [--coverage] [--require-coverage] [--format text|json|junit]: run ruleset
// tests; exit 1 on any failure. `-` is a test file from standard input, whose `ruleset:` and
// `scheme_file:` paths are read from the current folder.

#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/testing/test_report.hpp"

namespace spdl::cli {

int run_test(const TestOptions& options) {
  const bool text = options.format == "text";
  TestReportOptions report{.coverage = options.coverage || options.require_coverage,
                           .colour = text && colour_enabled(stdout)};
  bool failed = false;
  std::vector<TestFileResult> results;
  auto finish = [&](TestFileResult r) {
    failed |= !r.ok() || (options.require_coverage && r.can_run() && !r.coverage.complete());
    if (!r.diagnostics_text.empty()) std::cerr << utf8::printable(r.diagnostics_text);
    // Text goes out file by file, as each finishes; JSON and JUnit are one document at the end.
    if (text) std::cout << render_test_file_text(r, report) << std::flush;
    results.push_back(std::move(r));
  };
  for (const auto& path : options.paths) {
    if (is_standard_input(path)) {
      auto piped = read_standard_input_reporting(limits::max_scheme_bytes, "test file");
      if (!piped) return 1;
      finish(run_test_text(standard_input_name, std::move(*piped), std::filesystem::path()));
      continue;
    }
    for (const auto& file : find_test_files(path)) finish(run_test_file(file));
  }
  if (results.empty()) {
    std::cerr << "spdl test: no *.test.yaml files found\n";
    return 1;
  }
  if (options.format == "json") std::cout << render_test_results_json(results, report);
  if (options.format == "junit") std::cout << render_test_results_junit(results, report);
  return failed ? 1 : 0;
}

}  // namespace spdl::cli
