#pragma once
// The results of `spdl test` as people and CI servers read them: text for a terminal, one JSON
// document for programs, JUnit XML for CI servers. spec/testing.md documents each.

#include <string>
#include <vector>

#include "spdl/runtime/testing/ruleset_tests.hpp"

namespace spdl {

struct TestReportOptions {
  bool coverage = false;  // include what the cases exercised
  bool colour = false;    // text only: ANSI colours for a terminal
};

// One file's lines for a terminal: its counts, each failure with how the value was derived, and
// its coverage when asked. A file that cannot run gets one line; its diagnostics are the
// caller's to show.
std::string render_test_file_text(const TestFileResult& result, const TestReportOptions& options);

// The whole run as one JSON document: {"files": [...], "summary": {...}}.
std::string render_test_results_json(const std::vector<TestFileResult>& results,
                                     const TestReportOptions& options);

// The whole run as JUnit XML: a <testsuite> per file, a <testcase> per case, a <failure> for a
// case that failed and an <error> for a file that cannot run.
std::string render_test_results_junit(const std::vector<TestFileResult>& results,
                                      const TestReportOptions& options);

// Text made safe for XML 1.0: & < > and quotes escaped, characters XML cannot hold (control
// characters, invalid UTF-8) replaced by U+FFFD; in an attribute, line breaks and tabs kept as
// character references.
std::string xml_escaped(std::string_view text, bool attribute);

}  // namespace spdl
