// spdl test PATH... [--coverage] [--require-coverage]: run ruleset tests; exit 1 on any failure.

#include <fmt/format.h>

#include <iostream>

#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/testing/ruleset_tests.hpp"

namespace spdl::cli {

namespace {

std::string indent(const std::string& text, const std::string& by) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    out += by + text.substr(start, end == std::string::npos ? std::string::npos : end - start + 1);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  if (!out.empty() && out.back() != '\n') out += '\n';
  return out;
}

std::string list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

}  // namespace

int run_test(const TestOptions& options) {
  const bool colour = colour_enabled(stdout);
  auto paint = [&](const std::string& t, const char* code) {
    return colour ? fmt::format("\x1b[{}m{}\x1b[0m", code, t) : t;
  };
  bool failed = false;
  std::size_t files = 0;
  for (const auto& path : options.paths) {
    for (const auto& file : find_test_files(path)) {
      ++files;
      const TestFileResult r = run_test_file(file);
      if (!r.diagnostics_text.empty()) {
        std::cerr << utf8::printable(r.diagnostics_text);
        std::cout << fmt::format("{}: {}\n", r.file, paint("cannot run", "1;31"));
        failed = true;
        continue;
      }
      const bool ok = r.failures.empty() && r.cases > 0;
      failed |= !ok;
      std::cout << fmt::format(
          "{}: {} case{}, {} passed{}\n", r.file, r.cases, r.cases == 1 ? "" : "s", r.passed,
          r.cases == 0 ? " (a test file needs cases)"
          : ok         ? ""
                       : ", " + paint(fmt::format("{} failed", r.failures.size()), "1;31"));
      for (const auto& f : r.failures) {
        // Case names and messages quote the test file: shown, never sent raw to the terminal.
        std::cout << paint(fmt::format("  FAIL {}:{}", f.file, f.line), "1;31") << "  "
                  << utf8::printable(f.case_name) << "\n";
        std::cout << "    " << utf8::printable(f.message) << "\n";
        if (!f.derivation.empty()) {
          std::cout << "    how the actual value was derived:\n"
                    << utf8::printable(indent(f.derivation, "      "));
        }
      }
      if (options.coverage || options.require_coverage) {
        const Coverage& c = r.coverage;
        const std::size_t exceptions_tested =
            c.exceptions - c.exceptions_never.size() - c.exceptions_always.size();
        std::cout << fmt::format(
            "  coverage: rules {}/{}, exceptions on and off {}/{}, checks {}/{}\n",
            c.rules - c.rules_missed.size(), c.rules, exceptions_tested, c.exceptions,
            c.checks - c.checks_missed.size(), c.checks);
        if (!c.rules_missed.empty())
          std::cout << "    rules no case exercised: " << list(c.rules_missed) << "\n";
        if (!c.exceptions_never.empty())
          std::cout << "    exceptions that never applied: " << list(c.exceptions_never) << "\n";
        if (!c.exceptions_always.empty())
          std::cout << "    exceptions never tested off: " << list(c.exceptions_always) << "\n";
        if (!c.checks_missed.empty())
          std::cout << "    checks no case expected: " << list(c.checks_missed) << "\n";
        if (options.require_coverage && !c.complete()) failed = true;
      }
    }
  }
  if (files == 0) {
    std::cerr << "spdl test: no *.test.yaml files found\n";
    return 1;
  }
  return failed ? 1 : 0;
}

}  // namespace spdl::cli
