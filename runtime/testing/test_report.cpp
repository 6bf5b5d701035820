#include "spdl/runtime/testing/test_report.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "spdl/lang/base/utf8.hpp"

namespace spdl {

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

std::size_t exceptions_tested(const Coverage& c) {
  return c.exceptions - c.exceptions_never.size() - c.exceptions_always.size();
}

const char* change_mark(const std::string& kind) {
  return kind == "added" ? "+" : kind == "removed" ? "-" : "~";
}

// "affordable_share 40% -> 35%; computed from it: commuted_sum_rate £10 -> £8.75"
std::string parameters_line(const std::vector<ParameterChange>& changes) {
  std::string given;
  std::string derived;
  for (const auto& p : changes) {
    std::string& into = p.derived ? derived : given;
    into +=
        fmt::format("{}{} {} \xE2\x86\x92 {}", into.empty() ? "" : ", ", p.name, p.before, p.after);
  }
  return given + (derived.empty() ? "" : "; computed from them: " + derived);
}

const char* file_status(const TestFileResult& r) {
  return !r.can_run() ? "error" : r.ok() ? "passed" : "failed";
}

}  // namespace

std::string render_test_file_text(const TestFileResult& r, const TestReportOptions& options) {
  auto paint = [&](const std::string& t, const char* code) {
    return options.colour ? fmt::format("\x1b[{}m{}\x1b[0m", code, t) : t;
  };
  if (!r.can_run()) return fmt::format("{}: {}\n", r.file, paint("cannot run", "1;31"));
  std::string out;
  const std::size_t failed = r.cases.size() - r.passed();
  out += fmt::format("{}: {} case{}, {} passed{}\n", r.file, r.cases.size(),
                     r.cases.size() == 1 ? "" : "s", r.passed(),
                     r.cases.empty() ? " (a test file needs cases)"
                     : failed == 0   ? ""
                                     : ", " + paint(fmt::format("{} failed", failed), "1;31"));
  for (const auto& c : r.cases) {
    for (const auto& f : c.failures) {
      // Case names and messages quote the test file: shown, never sent raw to the terminal.
      out += paint(fmt::format("  FAIL {}:{}", f.file, f.line), "1;31") + "  " +
             utf8::printable(f.case_name) + "\n";
      if (!c.parameters.empty())
        out += "    with parameters " + utf8::printable(parameters_line(c.parameters)) + "\n";
      out += "    " + utf8::printable(f.message) + "\n";
      if (!f.derivation.empty()) {
        out += "    how the actual value was derived:\n" +
               utf8::printable(indent(f.derivation, "      "));
      }
    }
  }
  if (!options.coverage) return out;
  const Coverage& c = r.coverage;
  out += fmt::format("  coverage: rules {}/{}, exceptions on and off {}/{}, checks {}/{}\n",
                     c.rules - c.rules_missed.size(), c.rules, exceptions_tested(c), c.exceptions,
                     c.checks - c.checks_missed.size(), c.checks);
  if (!c.rules_missed.empty()) out += "    rules no case exercised: " + list(c.rules_missed) + "\n";
  if (!c.exceptions_never.empty())
    out += "    exceptions that never applied: " + list(c.exceptions_never) + "\n";
  if (!c.exceptions_always.empty())
    out += "    exceptions never tested off: " + list(c.exceptions_always) + "\n";
  if (!c.checks_missed.empty())
    out += "    checks no case expected: " + list(c.checks_missed) + "\n";
  if (c.revision) {
    const auto& rev = *c.revision;
    out += fmt::format(
        "  revision of {}: {} change{}; of the {} a case can exercise (parameters, rules, "
        "exceptions, checks), {} exercised\n",
        rev.amends, rev.changes.size(), rev.changes.size() == 1 ? "" : "s", rev.counted(),
        rev.exercised());
    std::size_t width = 0;
    for (const auto& ch : rev.changes) width = std::max(width, ch.what.size() + ch.name.size() + 1);
    for (const auto& ch : rev.changes) {
      const std::string what = ch.what + " " + ch.name;
      const std::string state = !ch.counted    ? "(" + ch.note + ")"
                                : ch.exercised ? "exercised"
                                               : paint("not exercised", "1;31");
      out += fmt::format("    {} {:<{}}  {}\n", change_mark(ch.kind), what, width, state);
    }
  }
  return out;
}

namespace {

nlohmann::ordered_json coverage_json(const Coverage& c) {
  nlohmann::ordered_json out = {
      {"complete", c.complete()},
      {"rules",
       {{"total", c.rules},
        {"exercised", c.rules - c.rules_missed.size()},
        {"missed", c.rules_missed}}},
      {"exceptions",
       {{"total", c.exceptions},
        {"on_and_off", exceptions_tested(c)},
        {"never_applied", c.exceptions_never},
        {"always_applied", c.exceptions_always}}},
      {"checks",
       {{"total", c.checks},
        {"expected", c.checks - c.checks_missed.size()},
        {"missed", c.checks_missed}}},
  };
  if (c.revision) {
    auto changes = nlohmann::ordered_json::array();
    for (const auto& ch : c.revision->changes) {
      changes.push_back({{"what", ch.what},
                         {"name", ch.name},
                         {"kind", ch.kind},
                         {"counted", ch.counted},
                         {"exercised", ch.exercised}});
      if (!ch.note.empty()) changes.back()["note"] = ch.note;
    }
    out["revision"] = {{"amends", c.revision->amends},
                       {"counted", c.revision->counted()},
                       {"exercised", c.revision->exercised()},
                       {"changes", changes}};
  }
  return out;
}

}  // namespace

std::string render_test_results_json(const std::vector<TestFileResult>& results,
                                     const TestReportOptions& options) {
  auto files = nlohmann::ordered_json::array();
  std::size_t cases = 0, passed = 0, errors = 0;
  for (const auto& r : results) {
    nlohmann::ordered_json file = {
        {"file", r.file}, {"ruleset", r.ruleset}, {"status", file_status(r)}};
    if (!r.can_run()) {
      ++errors;
      auto messages = nlohmann::ordered_json::array();
      for (const auto& d : r.diagnostics.all()) messages.push_back(d.message);
      file["errors"] = messages;
      files.push_back(std::move(file));
      continue;
    }
    auto list = nlohmann::ordered_json::array();
    for (const auto& c : r.cases) {
      ++cases;
      passed += c.passed() ? 1 : 0;
      nlohmann::ordered_json one = {
          {"name", c.name}, {"line", c.line}, {"status", c.passed() ? "passed" : "failed"}};
      if (!c.parameters.empty()) {
        auto params = nlohmann::ordered_json::array();
        for (const auto& p : c.parameters) {
          params.push_back(
              {{"name", p.name}, {"before", p.before}, {"after", p.after}, {"derived", p.derived}});
        }
        one["parameters"] = params;
      }
      if (!c.failures.empty()) {
        auto failures = nlohmann::ordered_json::array();
        for (const auto& f : c.failures) {
          nlohmann::ordered_json fj = {{"path", f.path}, {"line", f.line}, {"message", f.message}};
          if (!f.expected.empty() || !f.actual.empty()) {
            fj["expected"] = f.expected;
            fj["actual"] = f.actual;
          }
          if (!f.derivation.empty()) fj["derivation"] = f.derivation;
          failures.push_back(std::move(fj));
        }
        one["failures"] = failures;
      }
      list.push_back(std::move(one));
    }
    file["cases"] = list;
    if (options.coverage) file["coverage"] = coverage_json(r.coverage);
    files.push_back(std::move(file));
  }
  const nlohmann::ordered_json doc = {{"format", "spdl-test/1"},
                                      {"files", files},
                                      {"summary",
                                       {{"files", results.size()},
                                        {"cases", cases},
                                        {"passed", passed},
                                        {"failed", cases - passed},
                                        {"errors", errors}}}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string xml_escaped(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      // A whole valid character is kept; a byte that starts none is replaced.
      const std::size_t n = utf8::character_length(text, i);
      const std::string_view ch = text.substr(i, n);
      out += n > 1 && !utf8::first_invalid(ch) ? std::string(ch) : "\xEF\xBF\xBD";
      i += n;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += attribute ? "&apos;" : "'";
        break;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += attribute ? "&#13;" : "\r";
        break;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\xEF\xBF\xBD";
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  return out;
}

std::string render_test_results_junit(const std::vector<TestFileResult>& results,
                                      const TestReportOptions& options) {
  auto attr = [](std::string_view t) { return xml_escaped(t, true); };
  auto body = [](std::string_view t) { return xml_escaped(t, false); };
  std::size_t tests = 0, failures = 0, errors = 0;
  std::string suites;
  for (const auto& r : results) {
    if (!r.can_run()) {
      ++tests;
      ++errors;
      const std::string first =
          r.diagnostics.empty() ? "cannot run" : r.diagnostics.all()[0].message;
      suites += fmt::format(
          "  <testsuite name=\"{}\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n"
          "    <testcase classname=\"{}\" name=\"(the test file)\" file=\"{}\">\n"
          "      <error message=\"{}\" type=\"cannot-run\">{}</error>\n"
          "    </testcase>\n"
          "  </testsuite>\n",
          attr(r.file), attr(r.file), attr(r.file), attr(first), body(r.diagnostics_text));
      continue;
    }
    const std::size_t failed = r.cases.size() - r.passed();
    tests += r.cases.size();
    failures += failed;
    suites += fmt::format(
        "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"0\">\n",
        attr(r.file), r.cases.size(), failed);
    suites += fmt::format(
        "    <properties>\n      <property name=\"ruleset\" value=\"{}\"/>\n"
        "    </properties>\n",
        attr(r.ruleset));
    for (const auto& c : r.cases) {
      suites += fmt::format("    <testcase classname=\"{}\" name=\"{}\" file=\"{}\" line=\"{}\"",
                            attr(r.file), attr(c.name), attr(r.file), c.line);
      if (c.passed() && c.parameters.empty()) {
        suites += "/>\n";
        continue;
      }
      suites += ">\n";
      if (!c.parameters.empty()) {
        suites += "      <properties>\n";
        for (const auto& p : c.parameters) {
          suites += fmt::format("        <property name=\"{}{}\" value=\"{} \xE2\x86\x92 {}\"/>\n",
                                p.derived ? "computed parameter " : "parameter ", attr(p.name),
                                attr(p.before), attr(p.after));
        }
        suites += "      </properties>\n";
      }
      if (!c.failures.empty()) {
        // One <failure> a case (what JUnit's schema allows): the first message, every detail.
        std::string detail;
        for (const auto& f : c.failures) {
          detail += fmt::format("{}:{}: {}\n", f.file, f.line, f.message);
          if (!f.derivation.empty())
            detail += "how the actual value was derived:\n" + indent(f.derivation, "  ");
        }
        const std::string message =
            c.failures.size() == 1
                ? c.failures[0].message
                : fmt::format("{} (and {} more)", c.failures[0].message, c.failures.size() - 1);
        suites += fmt::format("      <failure message=\"{}\" type=\"expectation\">{}</failure>\n",
                              attr(message), body(detail));
      }
      suites += "    </testcase>\n";
    }
    if (options.coverage) {
      TestReportOptions plain = options;
      plain.colour = false;
      const std::string text = render_test_file_text(r, plain);
      const auto from = text.find("  coverage:");
      suites += fmt::format("    <system-out>{}</system-out>\n",
                            body(from == std::string::npos ? "" : text.substr(from)));
    }
    suites += "  </testsuite>\n";
  }
  return fmt::format(
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
             "<testsuites name=\"spdl test\" tests=\"{}\" failures=\"{}\" errors=\"{}\">\n",
             tests, failures, errors) +
         suites + "</testsuites>\n";
}

}  // namespace spdl
