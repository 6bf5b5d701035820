#include "spdl/runtime/testing/ruleset_tests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"
#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/lower/lower_from_checked.hpp"
#include "spdl/runtime/report/explain.hpp"
#include "spdl/runtime/testing/expected_values.hpp"
#include "spdl/runtime/testing/test_coverage.hpp"

namespace spdl {

namespace fs = std::filesystem;

std::vector<fs::path> find_test_files(const fs::path& path) {
  std::vector<fs::path> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (auto it = fs::recursive_directory_iterator(path, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (it->is_regular_file() && name.size() > 10 && name.ends_with(".test.yaml"))
        files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  return files;
}

std::size_t TestFileResult::passed() const {
  return static_cast<std::size_t>(
      std::count_if(cases.begin(), cases.end(), [](const CaseResult& c) { return c.passed(); }));
}

std::size_t TestFileResult::failure_count() const {
  std::size_t n = 0;
  for (const auto& c : cases) n += c.failures.size();
  return n;
}

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

std::vector<std::string> split_names(const std::string& list) {
  std::vector<std::string> out;
  std::string current;
  for (const char c : list) {
    if (c == ',') {
      out.push_back(trimmed(current));
      current.clear();
    } else {
      current += c;
    }
  }
  if (!trimmed(current).empty()) out.push_back(trimmed(current));
  return out;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The keys a test file and a case may have; anything else is a slip worth naming.
const std::vector<std::string> file_keys = {"ruleset", "cases", "description"};
const std::vector<std::string> case_keys = {"name",       "scheme", "scheme_file",
                                            "parameters", "expect", "description"};

class TestRunner {
 public:
  TestRunner(std::string display_path, fs::path folder)
      : path_(std::move(display_path)), folder_(std::move(folder)) {
    result_.file = path_;
  }
  // The ruleset given already opened: `ruleset:` only names it; `scheme_file:` is read from
  // `folder` only when it lies within `within` (no folder: not at all).
  TestRunner(std::string display_path, OpenedRuleset given, fs::path folder, fs::path within)
      : path_(std::move(display_path)),
        folder_(std::move(folder)),
        given_(std::move(given)),
        within_(std::move(within)) {
    result_.file = path_;
  }

  TestFileResult run(std::string text) {
    file_id_ = sources_.add(path_, std::move(text));
    // Read as schemes are: the tree bounded while it is read, one document.
    auto tree = yaml::read_yaml(sources_.file(file_id_).text(), scheme_tree_limits());
    if (const auto* problem = std::get_if<yaml::TreeProblem>(&tree)) {
      fail_file(fmt::format("{}:{}: {}", path_,
                            sources_.file(file_id_).position(problem->offset).line,
                            problem->message));
      return std::move(result_);
    }
    tree_ = std::move(std::get<std::unique_ptr<yaml::Tree>>(tree));
    const yaml::Node root = tree_->root();
    if (!root.is_map() || !root.get("ruleset").is_scalar()) {
      fail_file(fmt::format("{}: a test file gives `ruleset: <file.spd>` and `cases:`", path_));
      return std::move(result_);
    }
    for (std::size_t e = 0; e < root.size(); ++e) {
      const std::string key(root.key(e).scalar());
      if (std::find(file_keys.begin(), file_keys.end(), key) == file_keys.end()) {
        fail_file(unknown_key(root.key(e), key, file_keys, "a test file"));
        return std::move(result_);
      }
    }
    if (given_) {
      result_.ruleset = std::string(root.get("ruleset").scalar());
      opened_ = std::move(*given_);
      given_used_ = true;
    } else {
      const fs::path ruleset_path = folder_ / std::string(root.get("ruleset").scalar());
      result_.ruleset = ruleset_path.lexically_normal().string();
      opened_ = open_ruleset(ruleset_path);
    }
    if (!opened_.program) {
      result_.diagnostics = opened_.diagnostics;
      result_.diagnostics_text = render_text(opened_.diagnostics, opened_.load->sources);
      return std::move(result_);
    }
    const auto& checked = *opened_.program->checked;
    coverage_.emplace(checked);
    evaluator_.emplace(opened_.program);
    const yaml::Node cases = root.get("cases");
    if (!cases.is_sequence()) {
      fail_file(fmt::format("{}: `cases:` must be a list", path_));
      return std::move(result_);
    }
    for (std::size_t i = 0; i < cases.size(); ++i) run_case(cases.item(i));
    const auto revision = revision_diff();
    result_.coverage = coverage_->finish(revision ? &*revision : nullptr);
    return std::move(result_);
  }

 private:
  void fail_file(std::string message) {
    result_.diagnostics.add(
        {.severity = Severity::error, .code = "test-file", .message = message, .path = path_});
    result_.diagnostics_text += message + "\n";
  }

  std::uint32_t line_of(const yaml::Node& n) const {
    return n ? sources_.file(file_id_).position(n.offset()).line : 0;
  }

  std::string unknown_key(const yaml::Node& at, const std::string& key,
                          const std::vector<std::string>& keys, const char* where) const {
    const std::string suggestion = closest_match(key, keys);
    return fmt::format("{}:{}: `{}` is not a key of {}{}", path_, line_of(at), key, where,
                       suggestion.empty() ? fmt::format(" (keys: {})", joined(keys))
                                          : fmt::format("; did you mean `{}`?", suggestion));
  }

  // The ruleset a revision amends, diffed against the revision: what the revision changes.
  std::optional<RulesetDiff> revision_diff() const {
    const Load& load = *opened_.load;
    const auto base = load.main_module().base;
    if (!base) return std::nullopt;
    const OpenedRuleset amended = open_ruleset(load.modules[*base].path);
    if (!amended.program) return std::nullopt;
    return diff_rulesets(*amended.program, *opened_.program);
  }

  // A case's `parameters:` read like a scheme's values, each checked against its parameter.
  // False when one cannot be used; the reasons are the case's failures.
  bool read_overrides(const yaml::Node& node, CaseResult& out, ParameterOverrides& overrides,
                      const auto& failure) {
    const auto& checked = *opened_.program->checked;
    if (!node.is_map()) {
      failure(node, "", "`parameters:` gives parameters by name, such as `affordable_share: 35%`");
      return false;
    }
    std::vector<std::string> names;
    for (const auto& p : checked.parameters) {
      if (p.type.kind != TypeKind::list) names.push_back(p.name);
    }
    bool ok = true;
    for (std::size_t e = 0; e < node.size(); ++e) {
      const yaml::Node at = node.key(e);
      const yaml::Node given = node.value(e);
      const std::string name(at.scalar());
      const auto symbol = checked.find(name);
      if (!symbol || symbol->kind != SymbolKind::parameter) {
        std::string why = fmt::format("not a parameter of {}", checked.header().id);
        if (symbol && symbol->kind == SymbolKind::input) {
          why = "an input, which the case's `scheme:` gives";
        } else if (symbol && symbol->kind == SymbolKind::rule) {
          why = "a rule, computed from the scheme: a case changes parameters only";
        } else if (const auto s = closest_match(name, names); !s.empty()) {
          why += fmt::format("; did you mean `{}`?", s);
        }
        failure(at, "parameters." + name, fmt::format("parameters.{}: {}", name, why));
        ok = false;
        continue;
      }
      const auto& param = checked.parameters[symbol->index];
      if (param.type.kind == TypeKind::list || param.type.kind == TypeKind::text) {
        failure(at, "parameters." + name,
                fmt::format("parameters.{}: {} cannot be changed in a case (a number, a yes/no, "
                            "a date or an enumeration's member can)",
                            name, param.type.kind == TypeKind::list ? "a list" : "text"));
        ok = false;
        continue;
      }
      if (!given.is_scalar()) {
        failure(at, "parameters." + name,
                fmt::format("parameters.{}: give the value as text, such as `35%`", name));
        ok = false;
        continue;
      }
      const std::string text = trimmed(std::string(given.scalar()));
      std::vector<std::string> texts;
      auto read = read_value(text, param.type, checked, texts);
      // A percentage for a plain number is another unit, however the value reader takes it.
      if (text.ends_with('%') && param.type.kind == TypeKind::number && !param.type.unit.percent)
        read =
            ValueProblem{fmt::format("expected a plain number, got a percentage \"{}\"", text), ""};
      if (const auto* problem = std::get_if<ValueProblem>(&read)) {
        failure(given, "parameters." + name,
                fmt::format("parameters.{}: {}{} (the parameter is {})", name, problem->message,
                            problem->hint.empty() ? "" : "; " + problem->hint,
                            checked.describe(param.type)));
        ok = false;
        continue;
      }
      overrides[symbol->index] = std::get<Value>(read);
      out.parameters.push_back(
          {name, "", display_known(std::get<Value>(read), param.type, checked)});
    }
    return ok;
  }

  // The parameters' values before and after the overrides, for the case's report: those it gave
  // and those computed from them.
  void describe_changes(const Program& changed, CaseResult& out) const {
    const auto& checked = *opened_.program->checked;
    const Program& base = *opened_.program;
    for (std::uint32_t p = 0; p < checked.parameters.size(); ++p) {
      const SlotId a = base.parameter_slots[p];
      const SlotId b = changed.parameter_slots[p];
      if (a == no_slot || b == no_slot) continue;
      const auto& type = checked.parameters[p].type;
      const std::string before = display_known(base.initial_slots[a], type, checked);
      const std::string after = display_known(changed.initial_slots[b], type, checked);
      const auto given =
          std::find_if(out.parameters.begin(), out.parameters.end(),
                       [&](const auto& c) { return c.name == checked.parameters[p].name; });
      if (given != out.parameters.end()) {
        given->before = before;
        given->after = after;
      } else if (before != after) {
        out.parameters.push_back({checked.parameters[p].name, before, after, true});
      }
    }
  }

  void run_case(const yaml::Node& c) {
    CaseResult out;
    out.line = line_of(c);
    out.name = c.get("name").is_scalar() ? std::string(c.get("name").scalar())
                                         : fmt::format("case {}", result_.cases.size() + 1);
    auto failure = [&](const yaml::Node& at, std::string path, std::string message,
                       std::string expected = {}, std::string actual = {},
                       std::string derivation = {}) {
      out.failures.push_back({path_, line_of(at), out.name, std::move(path), std::move(expected),
                              std::move(actual), std::move(message), std::move(derivation)});
    };
    run_case_body(c, out, failure);
    result_.cases.push_back(std::move(out));
  }

  void run_case_body(const yaml::Node& c, CaseResult& out, const auto& failure) {
    if (!c.is_map()) {
      failure(c, "", "a case is a map with `name:`, `scheme:` and `expect:`");
      return;
    }
    for (std::size_t e = 0; e < c.size(); ++e) {
      const std::string key(c.key(e).scalar());
      if (std::find(case_keys.begin(), case_keys.end(), key) == case_keys.end()) {
        failure(c.key(e), "", unknown_key(c.key(e), key, case_keys, "a case"));
        return;
      }
    }
    const auto& checked = *opened_.program->checked;

    // The parameters the case changes: a program of its own, built with them.
    std::shared_ptr<const Program> program = opened_.program;
    std::optional<Evaluator> own;
    Evaluator* evaluator = &*evaluator_;
    if (c.get("parameters")) {
      ParameterOverrides overrides;
      if (!read_overrides(c.get("parameters"), out, overrides, failure)) return;
      Diagnostics problems;
      program = lower_from_checked(opened_.program->checked, problems, overrides);
      if (!program) {
        std::string why;
        for (const auto& d : problems.all()) why += (why.empty() ? "" : "; ") + d.message;
        failure(c.get("parameters"), "parameters",
                "with these parameters the ruleset cannot be computed: " + why);
        return;
      }
      describe_changes(*program, out);
      own.emplace(program);
      evaluator = &*own;
    }

    // The scheme: inline, or a file beside the test file.
    SchemeLoad load;
    SourceSet scheme_sources;
    if (c.get("scheme")) {
      load = read_scheme_node(checked, c.get("scheme"), file_id_, path_);
    } else if (c.get("scheme_file").is_scalar() && given_used_ &&
               !within_folder(folder_ / std::string(c.get("scheme_file").scalar()))) {
      failure(c, "",
              "a test of a ruleset given as text reads `scheme_file:` only from the "
              "folder of the served ruleset it names, never from elsewhere: give the "
              "scheme inline (`scheme:`)");
      return;
    } else if (c.get("scheme_file").is_scalar()) {
      load = load_scheme(checked, scheme_sources,
                         folder_ / std::string(c.get("scheme_file").scalar()));
    } else {
      failure(c, "", "a case needs `scheme:` (the inputs) or `scheme_file:`");
      return;
    }
    if (!load.scheme) {
      std::string why;
      for (const auto& d : load.diagnostics.all()) {
        if (d.severity == Severity::error) why += (why.empty() ? "" : "; ") + d.message;
      }
      failure(c, "scheme", "the case's scheme is not valid: " + why);
      return;
    }
    const Evaluation& evaluation = evaluator->evaluate(*load.scheme);
    const Report report = build_report(evaluation);

    const yaml::Node expect = c.get("expect");
    if (!expect.is_map() || expect.size() == 0) {
      failure(c, "", "a case needs `expect:` with at least one value");
      return;
    }
    std::set<std::uint32_t> expected_rules;
    CaseExpectations expected;  // what the case names besides rules, for spdl cite
    for (std::size_t e = 0; e < expect.size(); ++e) {
      const yaml::Node at = expect.key(e);
      const std::string key(at.scalar());
      const yaml::Node spec = expect.value(e);
      std::string wanted;
      std::string wanted_exception;
      bool check_exception = false;
      if (spec.is_map()) {
        if (spec.get("value")) wanted = spec.get("value").scalar();
        if (spec.get("exception")) {
          check_exception = true;
          wanted_exception = spec.get("exception").scalar();
        }
      } else if (spec.is_scalar()) {
        wanted = spec.scalar();
      } else if (spec.is_sequence()) {
        // The members a set is expected to hold: `reviews: [early, late]`.
        for (std::size_t i = 0; i < spec.size(); ++i) {
          const auto item = spec.item(i);
          if (item.is_scalar()) wanted += (wanted.empty() ? "" : ", ") + std::string(item.scalar());
        }
        if (wanted.empty()) wanted = "none";
      } else {
        failure(at, key,
                fmt::format("{}: give the expected value as text, such as `6 dwellings`", key));
        continue;
      }
      wanted = trimmed(wanted);
      const auto symbol = checked.find(key);
      if (symbol && symbol->kind == SymbolKind::rule) {
        expected_rules.insert(symbol->index);
        const auto& rule = checked.rules[symbol->index];
        const Value& actual = evaluation.slot(program->rule_slots[symbol->index]);
        if (!(spec.is_map() && !spec.get("value"))) {
          if (auto m = compare(evaluation, actual, rule.type, wanted)) {
            failure(at, key, fmt::format("{}: {}", key, m->message), m->expected, m->actual,
                    render_derivation(derive_rule(evaluation, symbol->index)));
          }
        }
        if (check_exception) {
          const std::int32_t fired = evaluation.fired(symbol->index);
          const std::string got =
              fired < 0 ? "none" : rule.exceptions[static_cast<std::size_t>(fired)].clause->label;
          if (got != wanted_exception) {
            failure(at, key + ".exception",
                    fmt::format("{}: expected exception {}, but {} applied", key, wanted_exception,
                                got),
                    wanted_exception, got,
                    render_derivation(derive_rule(evaluation, symbol->index)));
          }
        }
        continue;
      }
      if (symbol && symbol->kind == SymbolKind::parameter) {
        coverage_->expected_parameter(symbol->index);
        expected.parameters.insert(symbol->index);
        const auto& param = checked.parameters[symbol->index];
        const SlotId slot = program->parameter_slots[symbol->index];
        if (slot == no_slot) {
          failure(at, key, fmt::format("{}: a list parameter has no single value to compare", key));
        } else if (auto m = compare(evaluation, evaluation.slot(slot), param.type, wanted)) {
          failure(at, key, fmt::format("{}: {}", key, m->message), m->expected, m->actual);
        }
        continue;
      }
      if (const auto* check = find_check(report, key)) {
        coverage_->expected_check(key);
        expected.checks.insert(key);
        const auto& uses = coverage_->rules_of_check(key);
        expected_rules.insert(uses.begin(), uses.end());
        const std::string got = finding_name(check->finding);
        if (got != wanted && !unknown_with_needs(wanted, got, check->needs)) {
          std::string detail =
              check->message.empty() ? "" : fmt::format(" (\"{}\")", check->message);
          if (!check->needs.empty()) detail = " (needs " + joined(check->needs) + ")";
          if (!check->error.empty()) detail = " (" + check->error + ")";
          failure(at, key, fmt::format("{}: expected {}, got {}{}", key, wanted, got, detail),
                  wanted, got + detail);
        }
        continue;
      }
      if (const auto* condition = find_condition(report, key)) {
        // Whether it is to be secured: yes, no or unknown.
        const std::string got = applicability_name(condition->applies);
        if (got != wanted && !unknown_with_needs(wanted, got, condition->needs)) {
          std::string detail =
              condition->needs.empty() ? "" : " (needs " + joined(condition->needs) + ")";
          failure(at, key,
                  fmt::format("{}: expected the condition to be secured: {}, got {}{}", key, wanted,
                              got, detail),
                  wanted, got + detail);
        }
        continue;
      }
      if (const auto* policy = find_policy(report, key)) {
        expected.policies.insert(key);
        const auto& uses = coverage_->rules_of_policy(key);
        expected_rules.insert(uses.begin(), uses.end());
        const std::string got = applicability_name(policy->applies);
        if (got != wanted) {
          failure(at, key,
                  fmt::format("{}: expected the policy to apply: {}, got {}{}", key, wanted, got,
                              policy->why.empty() ? "" : ", because " + policy->why),
                  wanted, got);
        }
        continue;
      }
      std::vector<std::string> names;
      for (const auto& r : checked.rules) names.push_back(r.name);
      for (const auto& p : checked.parameters) names.push_back(p.name);
      for (const auto& k : checked.checks) names.push_back(k.name);
      for (const auto& k : checked.conditions) names.push_back(k.name);
      for (const auto& p : checked.policies) names.push_back(p.name);
      const std::string suggestion = closest_match(key, names);
      failure(
          at, key,
          fmt::format("`{}` is not a rule, parameter, check, condition or policy of {}{}", key,
                      checked.header().id,
                      suggestion.empty() ? "" : fmt::format("; did you mean `{}`?", suggestion)));
    }
    const auto reached = coverage_->record(expected_rules, evaluation);
    result_.case_coverage.push_back(
        case_exercised(*opened_.load, checked, evaluation, out.name, out.line, reached, expected));
  }

  static const CheckReport* find_check(const Report& r, const std::string& name) {
    for (const auto& p : r.policies) {
      for (const auto& c : p.checks) {
        if (c.name == name) return &c;
      }
    }
    return nullptr;
  }
  static const ConditionReport* find_condition(const Report& r, const std::string& name) {
    for (const auto& p : r.policies) {
      for (const auto& c : p.conditions) {
        if (c.name == name) return &c;
      }
    }
    return nullptr;
  }
  static const PolicyReport* find_policy(const Report& r, const std::string& name) {
    for (const auto& p : r.policies) {
      if (!p.name.empty() && p.name == name) return &p;
    }
    return nullptr;
  }

  // `unknown (needs a, b)` expected of a check or a condition that is unknown for want of just
  // those inputs, in any order (as for a rule).
  static bool unknown_with_needs(const std::string& wanted, const std::string& got,
                                 std::vector<std::string> have) {
    if (got != "unknown" || !wanted.starts_with("unknown (needs ") || !wanted.ends_with(")"))
      return false;
    auto want = split_names(wanted.substr(15, wanted.size() - 16));
    std::sort(want.begin(), want.end());
    std::sort(have.begin(), have.end());
    return want == have;
  }

  // Nothing when `actual` is what `wanted` says; else how they differ.
  std::optional<Mismatch> compare(const Evaluation& evaluation, const Value& actual,
                                  const Type& type, const std::string& wanted) const {
    const auto& checked = *opened_.program->checked;
    const ValueReport got = report_value(evaluation, actual, type);
    auto differ = [&]() {
      return Mismatch{wanted, got.display, fmt::format("expected {}, got {}", wanted, got.display)};
    };
    if (wanted.starts_with("unknown")) {
      if (actual.state != ValueState::unknown) return differ();
      const auto open = wanted.find("(needs ");
      if (open != std::string::npos) {
        auto want = split_names(wanted.substr(open + 7, wanted.rfind(')') - open - 7));
        auto have = got.needs;
        std::sort(want.begin(), want.end());
        std::sort(have.begin(), have.end());
        if (want != have) return differ();
      }
      return std::nullopt;
    }
    if (wanted.starts_with("error")) {
      if (actual.state != ValueState::error) return differ();
      const std::string text =
          wanted.size() > 6 ? trimmed(wanted.substr(wanted.find(':') + 1)) : "";
      if (!text.empty() && got.error.find(text) == std::string::npos) return differ();
      return std::nullopt;
    }
    const std::string text =
        actual.known() && actual.kind == ValueKind::text ? evaluation.text(actual) : std::string();
    return compare_expected(actual, got.display, text, type, wanted, checked);
  }

  // Whether `file` is a regular file inside within_ (links followed first).
  bool within_folder(const fs::path& file) const {
    if (folder_.empty() || within_.empty()) return false;
    std::error_code ec;
    const fs::path real = fs::canonical(file, ec);
    if (ec || !fs::is_regular_file(real, ec)) return false;
    const fs::path root = fs::canonical(within_, ec);
    if (ec) return false;
    const auto mismatch = std::mismatch(root.begin(), root.end(), real.begin(), real.end());
    return mismatch.first == root.end();
  }

  std::string path_;
  fs::path folder_;
  std::optional<OpenedRuleset> given_;
  fs::path within_;          // a given ruleset's scheme files must lie in this folder
  bool given_used_ = false;  // the ruleset was given, not read from `ruleset:`
  TestFileResult result_;
  SourceSet sources_;
  std::unique_ptr<yaml::Tree> tree_;  // the test file, which cases point into
  FileId file_id_ = 0;
  OpenedRuleset opened_;
  std::optional<Evaluator> evaluator_;
  std::optional<CoverageTracker> coverage_;
};

}  // namespace

TestFileResult run_test_text(const std::string& display_path, std::string text,
                             const fs::path& folder) {
  return TestRunner(display_path, folder).run(std::move(text));
}

TestFileResult run_test_text_on(const std::string& display_path, std::string text,
                                OpenedRuleset ruleset, const TestFilesAllowed& files) {
  return TestRunner(display_path, std::move(ruleset), files.folder, files.within)
      .run(std::move(text));
}

TestFileResult run_test_file(const fs::path& file) {
  auto text = read_text_file(file, limits::max_scheme_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    TestFileResult out;
    out.file = file.string();
    const std::string message =
        fmt::format("cannot read {}: it {}", file.string(), failure->message);
    out.diagnostics.add(
        {.severity = Severity::error, .code = "test-file", .message = message, .path = out.file});
    out.diagnostics_text = message + "\n";
    return out;
  }
  return run_test_text(file.string(), std::move(std::get<std::string>(text)), file.parent_path());
}

}  // namespace spdl
