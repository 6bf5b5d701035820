#include "spdl/runtime/testing/ruleset_tests.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"
#include "spdl/runtime/report/explain.hpp"

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

class TestRunner {
 public:
  explicit TestRunner(fs::path file) : file_(std::move(file)) { result_.file = file_.string(); }

  TestFileResult run() {
    auto text = read_text_file(file_, limits::max_scheme_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      fail_file(fmt::format("cannot read {}: it {}", file_.string(), failure->message));
      return std::move(result_);
    }
    file_id_ = sources_.add(file_.string(), std::get<std::string>(text));
    auto tree = yaml::read_yaml(sources_.file(file_id_).text(), scheme_tree_limits());
    if (const auto* problem = std::get_if<yaml::TreeProblem>(&tree)) {
      fail_file(fmt::format("{}:{}: {}", file_.string(),
                            sources_.file(file_id_).position(problem->offset).line,
                            problem->message));
      return std::move(result_);
    }
    tree_ = std::move(std::get<std::unique_ptr<yaml::Tree>>(tree));
    const yaml::Node root = tree_->root();
    if (!root.is_map() || !root.get("ruleset").is_scalar()) {
      fail_file(
          fmt::format("{}: a test file gives `ruleset: <file.spd>` and `cases:`", file_.string()));
      return std::move(result_);
    }
    const fs::path ruleset_path = file_.parent_path() / root.get("ruleset").scalar();
    result_.ruleset = ruleset_path.string();
    opened_ = open_ruleset(ruleset_path);
    if (!opened_.program) {
      result_.diagnostics = opened_.diagnostics;
      result_.diagnostics_text = render_text(opened_.diagnostics, opened_.load->sources);
      return std::move(result_);
    }
    const auto& checked = *opened_.program->checked;
    prepare_coverage(checked);
    evaluator_.emplace(opened_.program);
    const yaml::Node cases = root.get("cases");
    if (!cases.is_sequence()) {
      fail_file(fmt::format("{}: `cases:` must be a list", file_.string()));
      return std::move(result_);
    }
    for (std::size_t i = 0; i < cases.size(); ++i) run_case(cases.item(i));
    finish_coverage(checked);
    return std::move(result_);
  }

 private:
  void fail_file(std::string message) {
    result_.diagnostics.add({.severity = Severity::error,
                             .code = "test-file",
                             .message = message,
                             .path = file_.string()});
    result_.diagnostics_text += message + "\n";
  }

  std::uint32_t line_of(const yaml::Node& n) const {
    return n ? sources_.file(file_id_).position(n.offset()).line : 0;
  }

  void run_case(const yaml::Node& c) {
    ++result_.cases;
    const std::string name = c.get("name").is_scalar() ? std::string(c.get("name").scalar())
                                                       : fmt::format("case {}", result_.cases);
    const std::size_t failures_before = result_.failures.size();
    auto failure = [&](const yaml::Node& at, std::string message, std::string derivation = {}) {
      result_.failures.push_back(
          {file_.string(), line_of(at), name, std::move(message), std::move(derivation)});
    };
    const auto& checked = *opened_.program->checked;

    // The scheme: inline, or a file beside the test file.
    SchemeLoad load;
    SourceSet scheme_sources;
    if (c.get("scheme")) {
      load = read_scheme_node(checked, c.get("scheme"), file_id_, file_.string());
    } else if (c.get("scheme_file").is_scalar()) {
      load = load_scheme(checked, scheme_sources,
                         file_.parent_path() / std::string(c.get("scheme_file").scalar()));
    } else {
      failure(c, "a case needs `scheme:` (the inputs) or `scheme_file:`");
      return;
    }
    if (!load.scheme) {
      std::string why;
      for (const auto& d : load.diagnostics.all()) {
        if (d.severity == Severity::error) why += (why.empty() ? "" : "; ") + d.message;
      }
      failure(c, "the case's scheme is not valid: " + why);
      return;
    }
    evaluator_->evaluate(*load.scheme);
    const Report report = build_report(*evaluator_);

    const yaml::Node expect = c.get("expect");
    if (!expect.is_map() || expect.size() == 0) {
      failure(c, "a case needs `expect:` with at least one value");
      return;
    }
    std::set<std::uint32_t> expected_rules;
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
      } else {
        failure(at, fmt::format("{}: give the expected value as text, such as `6 dwellings`", key));
        continue;
      }
      wanted = trimmed(wanted);
      const auto symbol = checked.find(key);
      if (symbol && symbol->kind == SymbolKind::rule) {
        expected_rules.insert(symbol->index);
        const auto& rule = checked.rules[symbol->index];
        const Value& actual = evaluator_->slot(opened_.program->rule_slots[symbol->index]);
        if (auto mismatch = compare(actual, rule.type, wanted)) {
          failure(at, fmt::format("{}: {}", key, *mismatch),
                  render_derivation(derive_rule(*evaluator_, symbol->index)));
        }
        if (check_exception) {
          const std::int32_t fired = evaluator_->fired(symbol->index);
          const std::string got =
              fired < 0 ? "none" : rule.exceptions[static_cast<std::size_t>(fired)].clause->label;
          if (got != wanted_exception) {
            failure(at,
                    fmt::format("{}: expected exception {}, but {} applied", key, wanted_exception,
                                got == "none" ? "none" : got),
                    render_derivation(derive_rule(*evaluator_, symbol->index)));
          }
        }
        continue;
      }
      if (symbol && symbol->kind == SymbolKind::parameter) {
        const auto& param = checked.parameters[symbol->index];
        const SlotId slot = opened_.program->parameter_slots[symbol->index];
        if (slot == no_slot) {
          failure(at, fmt::format("{}: a list parameter has no single value to compare", key));
        } else if (auto mismatch = compare(evaluator_->slot(slot), param.type, wanted)) {
          failure(at, fmt::format("{}: {}", key, *mismatch));
        }
        continue;
      }
      if (const auto* check = find_check(report, key)) {
        expected_checks_.insert(key);
        for (const auto r : uses_of_check_[key]) expected_rules.insert(r);
        if (finding_name(check->finding) != wanted) {
          std::string detail =
              check->message.empty() ? "" : fmt::format(" (\"{}\")", check->message);
          if (!check->needs.empty()) detail = " (needs " + split_join(check->needs) + ")";
          if (!check->error.empty()) detail = " (" + check->error + ")";
          failure(at, fmt::format("{}: expected {}, got {}{}", key, wanted,
                                  finding_name(check->finding), detail));
        }
        continue;
      }
      if (const auto* policy = find_policy(report, key)) {
        for (const auto r : uses_of_policy_[key]) expected_rules.insert(r);
        if (applicability_name(policy->applies) != wanted) {
          failure(at, fmt::format("{}: expected the policy to apply: {}, got {}{}", key, wanted,
                                  applicability_name(policy->applies),
                                  policy->why.empty() ? "" : ", because " + policy->why));
        }
        continue;
      }
      failure(at, fmt::format("`{}` is not a rule, parameter, check or policy of {}", key,
                              checked.header().id));
    }
    record_coverage(expected_rules);
    if (result_.failures.size() == failures_before) ++result_.passed;
  }

  static std::string split_join(const std::vector<std::string>& v) {
    std::string out;
    for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
    return out;
  }

  static const CheckReport* find_check(const Report& r, const std::string& name) {
    for (const auto& p : r.policies) {
      for (const auto& c : p.checks) {
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

  // nullopt when `actual` is what `wanted` says; else why not.
  std::optional<std::string> compare(const Value& actual, const Type& type,
                                     const std::string& wanted) {
    const auto& checked = *opened_.program->checked;
    const ValueReport got = report_value(*evaluator_, actual, type);
    if (wanted.starts_with("unknown")) {
      if (actual.state != ValueState::unknown)
        return fmt::format("expected {}, got {}", wanted, got.display);
      const auto open = wanted.find("(needs ");
      if (open != std::string::npos) {
        auto want = split_names(wanted.substr(open + 7, wanted.rfind(')') - open - 7));
        auto have = got.needs;
        std::sort(want.begin(), want.end());
        std::sort(have.begin(), have.end());
        if (want != have) return fmt::format("expected {}, got {}", wanted, got.display);
      }
      return std::nullopt;
    }
    if (wanted.starts_with("error")) {
      if (actual.state != ValueState::error)
        return fmt::format("expected {}, got {}", wanted, got.display);
      const std::string text =
          wanted.size() > 6 ? trimmed(wanted.substr(wanted.find(':') + 1)) : "";
      if (!text.empty() && got.error.find(text) == std::string::npos)
        return fmt::format("expected {}, got {}", wanted, got.display);
      return std::nullopt;
    }
    std::vector<std::string> texts;
    const auto parsed = read_value(wanted, type, checked, texts, {.allow_negative = true});
    if (const auto* problem = std::get_if<ValueProblem>(&parsed)) {
      return fmt::format("the expected value `{}` cannot be read: {}", wanted, problem->message);
    }
    const Value& want = std::get<Value>(parsed);
    const bool same = actual.known() && actual.kind == want.kind &&
                      (want.kind == ValueKind::number ? actual.number == want.number
                       : want.kind == ValueKind::text ? evaluator_->text(actual) == texts.front()
                                                      : actual.aux == want.aux);
    if (same) return std::nullopt;
    return fmt::format("expected {}, got {}", report_value(*evaluator_, want, type).display,
                       got.display);
  }

  // ---- coverage

  // Coverage counts what the tested file declares itself: a ruleset it amends and the modules it
  // uses have tests of their own.
  static bool owned(const Origin& origin, const CheckedRuleset& c) {
    return origin.module == c.load->main;
  }

  static void collect_rules(ast::ExprId id, std::set<std::uint32_t>& out, const CheckedRuleset& c) {
    for_each_reference(c, id, [&](ast::ExprId, const Symbol& s) {
      if (s.kind == SymbolKind::rule) out.insert(s.index);
    });
  }

  void prepare_coverage(const CheckedRuleset& c) {
    uses_.resize(c.rules.size());
    for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
      collect_rules(c.rules[r].decl->value, uses_[r], c);
      for (const auto& ex : c.rules[r].exceptions) {
        collect_rules(ex.clause->condition, uses_[r], c);
        collect_rules(ex.clause->value, uses_[r], c);
      }
      if (owned(c.rules[r].origin, c)) {
        ++result_.coverage.rules;
        result_.coverage.exceptions += c.rules[r].exceptions.size();
      }
    }
    for (const auto& check : c.checks) {
      if (!owned(check.origin, c)) continue;
      ++result_.coverage.checks;
      auto& uses = uses_of_check_[check.name];
      collect_rules(check.decl->applies, uses, c);
      collect_rules(check.decl->requirement, uses, c);
    }
    for (const auto& policy : c.policies)
      collect_rules(policy.decl->applies, uses_of_policy_[policy.name], c);
    exception_on_.assign(c.rules.size(), {});
    exception_off_.assign(c.rules.size(), {});
    for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
      exception_on_[r].assign(c.rules[r].exceptions.size(), false);
      exception_off_[r].assign(c.rules[r].exceptions.size(), false);
    }
  }

  // A rule counts as exercised when a case expects it or anything computed from it.
  void record_coverage(const std::set<std::uint32_t>& expected) {
    std::vector<std::uint32_t> stack(expected.begin(), expected.end());
    std::set<std::uint32_t> reached;
    while (!stack.empty()) {
      const auto r = stack.back();
      stack.pop_back();
      if (!reached.insert(r).second) continue;
      for (const auto u : uses_[r]) stack.push_back(u);
    }
    for (const auto r : reached) {
      covered_rules_.insert(r);
      const std::int32_t fired = evaluator_->fired(r);
      for (std::size_t i = 0; i < exception_on_[r].size(); ++i) {
        (static_cast<std::int32_t>(i) == fired ? exception_on_[r] : exception_off_[r])[i] = true;
      }
    }
  }

  void finish_coverage(const CheckedRuleset& c) {
    auto& cov = result_.coverage;
    for (std::uint32_t r = 0; r < c.rules.size(); ++r) {
      const auto& rule = c.rules[r];
      if (!owned(rule.origin, c)) continue;
      if (!covered_rules_.count(r)) cov.rules_missed.push_back(rule.name);
      for (std::size_t i = 0; i < rule.exceptions.size(); ++i) {
        const std::string label = rule.name + "." + rule.exceptions[i].clause->label;
        if (!exception_on_[r][i]) {
          cov.exceptions_never.push_back(label);
        } else if (!exception_off_[r][i]) {
          cov.exceptions_always.push_back(label);
        }
      }
    }
    for (const auto& check : c.checks) {
      if (owned(check.origin, c) && !expected_checks_.count(check.name))
        cov.checks_missed.push_back(check.name);
    }
  }

  fs::path file_;
  TestFileResult result_;
  SourceSet sources_;
  std::unique_ptr<yaml::Tree> tree_;  // the test file, which cases point into
  FileId file_id_ = 0;
  OpenedRuleset opened_;
  std::optional<Evaluator> evaluator_;
  std::vector<std::set<std::uint32_t>> uses_;
  std::map<std::string, std::set<std::uint32_t>> uses_of_check_;
  std::map<std::string, std::set<std::uint32_t>> uses_of_policy_;
  std::set<std::uint32_t> covered_rules_;
  std::set<std::string> expected_checks_;
  std::vector<std::vector<bool>> exception_on_;
  std::vector<std::vector<bool>> exception_off_;
};

}  // namespace

TestFileResult run_test_file(const fs::path& file) {
  return TestRunner(file).run();
}

}  // namespace spdl
