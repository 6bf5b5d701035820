#include "spdl/runtime/report/report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/report/explain.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

const char* finding_name(Finding f) {
  switch (f) {
    case Finding::met:
      return "met";
    case Finding::not_met:
      return "not met";
    case Finding::not_applicable:
      return "not applicable";
    case Finding::unknown:
      return "unknown";
    case Finding::error:
      return "error";
  }
  return "?";
}

const char* applicability_name(Applicability a) {
  switch (a) {
    case Applicability::yes:
      return "yes";
    case Applicability::no:
      return "no";
    case Applicability::unknown:
      return "unknown";
    case Applicability::error:
      return "error";
    case Applicability::always:
      return "always";
  }
  return "?";
}

namespace {

// A check's finding, and the value that left it unknown or an error (null when it is settled).
Finding finding_and_cause(const Evaluation& ev, std::uint32_t k, const Value*& unsettled) {
  const Program& p = ev.program();
  unsettled = nullptr;
  const auto settle = [&](const Value& v) {
    unsettled = &v;
    return v.state == ValueState::unknown ? Finding::unknown : Finding::error;
  };
  if (const SlotId applies = p.check_applies[k]; applies != no_slot) {
    const Value& a = ev.slot(applies);
    if (!a.known()) return settle(a);
    if (a.aux == 0) return Finding::not_applicable;
  }
  const Value& req = ev.slot(p.check_requirement[k]);
  if (!req.known()) return settle(req);
  return req.aux ? Finding::met : Finding::not_met;
}

std::string_view citation_of(const std::optional<ast::Citation>& c) {
  return c ? std::string_view(c->text) : std::string_view();
}

class ReportBuilder {
 public:
  ReportBuilder(const Evaluation& ev, const ReportOptions& options)
      : ev_(ev), p_(ev.program()), c_(*p_.checked), options_(options) {}

  Report build() {
    header();
    inputs();
    report_.policies.reserve(c_.policies.size() + 1);
    for (std::uint32_t p = 0; p < c_.policies.size(); ++p) section(static_cast<std::int32_t>(p));
    section(-1);
    std::size_t to_secure = 0;
    for (const auto& p : report_.policies) {
      for (const auto& c : p.conditions)
        to_secure += c.applies == Applicability::yes || c.applies == Applicability::unknown;
    }
    report_.to_secure.reserve(to_secure);
    for (const auto wanted : {Applicability::yes, Applicability::unknown}) {
      for (const auto& p : report_.policies) {
        for (const auto& c : p.conditions) {
          if (c.applies == wanted) report_.to_secure.push_back(c);
        }
      }
    }
    missing_information();
    return std::move(report_);
  }

 private:
  void header() {
    const auto& h = c_.header();
    report_.ruleset_id = h.id;
    report_.title = h.title;
    report_.authority = h.authority;
    report_.status = h.status ? ast::status_name(*h.status) : "";
    for (const auto& d : h.dates) report_.dates.push_back(ast::event_text(d));
    report_.source = h.source;
    report_.amends = h.amends;
    report_.load = c_.load;
    report_.ruleset = p_.checked;
    report_.scheme_name = ev_.scheme_name();
    report_.scheme_reference = ev_.scheme_reference();
    report_.scheme_path = ev_.scheme_path();
  }

  void inputs() {
    for (std::uint32_t i = 0; i < c_.inputs.size(); ++i) {
      const auto& input = c_.inputs[i];
      if (!input.used) continue;
      InputReport r;
      r.name = input.name;
      r.given = ev_.given(i);
      r.defaulted = !r.given && input.decl->default_value != ast::no_expr;
      if (input.type.kind == TypeKind::list) {
        const std::size_t rows = ev_.rows(i);
        r.display = r.given ? fmt::format("{} row{}", rows, rows == 1 ? "" : "s") : "not given";
      } else {
        const Value& v = ev_.slot(p_.input_slots[i]);
        r.display = v.known() ? display_known(v, input.type, c_,
                                              v.kind == ValueKind::text ? &ev_.text(v) : nullptr)
                              : "not given";
        if (r.defaulted) {
          r.assumed = r.display;
          r.display += " (default)";
        }
      }
      report_.inputs.push_back(std::move(r));
    }
  }

  // Whether rule r's value bears on what the report shows: it is used by nothing (a figure in its
  // own right), or by a check, a policy's condition or a rule that is itself unsettled and bears.
  bool bears(std::uint32_t r) {
    // Only an unknown figure asks, so a complete scheme never walks the expressions.
    RuleUsers& users = options_.users ? *options_.users : own_users_;
    if (users.rules.size() != c_.rules.size()) users = rule_users(c_);
    if (const auto it = bears_.find(r); it != bears_.end()) return it->second;
    bears_[r] = true;  // a guard; rules form no cycle
    bool out = users.rules[r].empty() && users.checks[r].empty() && users.policies[r].empty();
    for (const auto k : users.checks[r]) {
      const Finding f = check_finding(ev_, k);
      out |= f == Finding::unknown || f == Finding::error;
    }
    for (const auto p : users.policies[r]) {
      const Applicability a = policy_applicability(ev_, p);
      out |= a == Applicability::unknown || a == Applicability::error;
    }
    for (const auto u : users.rules[r]) {
      if (!out && !ev_.slot(p_.rule_slots[u]).known()) out = bears(u);
    }
    return bears_[r] = out;
  }

  ExpressionWords& words() { return options_.words ? *options_.words : own_words_; }

  // The missing inputs behind an unknown value.
  std::vector<std::string> needs_of(const Value& v) {
    std::vector<std::string> out;
    for (const auto& n : ev_.needs(v)) out.push_back(need_name(c_, n));
    return out;
  }

  // What an officer would ask the applicant for: each missing input (by name), with what it
  // would settle in the order the report shows it. A policy that does not apply is passed over:
  // its figures do not bear on the scheme.
  void missing_information() {
    std::vector<MissingInput>& missing = report_.missing;
    const auto entry = [&](const std::string& input) -> MissingInput& {
      auto it = std::find_if(missing.begin(), missing.end(),
                             [&](const MissingInput& m) { return m.input == input; });
      return it != missing.end() ? *it : missing.emplace_back(MissingInput{input, {}, {}, {}});
    };
    for (const auto& p : report_.policies) {
      if (p.applies == Applicability::no) continue;
      const auto implied = [&](const std::string& input) {
        return std::find(p.needs.begin(), p.needs.end(), input) != p.needs.end();
      };
      for (const auto& input : p.needs) entry(input).policies.push_back(policy_label(p.name));
      for (const auto& f : p.figures) {
        if (!f.bears) continue;
        for (const auto& input : f.value.needs)
          if (!implied(input)) entry(input).figures.push_back(human_name(f.name));
      }
      for (const auto& c : p.checks) {
        for (const auto& input : c.needs)
          if (!implied(input)) entry(input).checks.push_back(human_name(c.name));
      }
      for (const auto& c : p.conditions) {
        for (const auto& input : c.needs)
          if (!implied(input)) entry(input).conditions.push_back(human_name(c.name));
      }
    }
    std::sort(missing.begin(), missing.end(),
              [](const MissingInput& a, const MissingInput& b) { return a.input < b.input; });
    for (const auto& m : missing) report_.needs.push_back(m.input);
  }

  void note_error(const Value& v) {
    if (v.state != ValueState::error) return;
    const std::string& message = ev_.error(v).message;
    if (std::any_of(report_.errors.begin(), report_.errors.end(),
                    [&](const Diagnostic& d) { return d.message == message; }))
      return;
    report_.errors.push_back(ev_.diagnostic(v));
  }

  void section(std::int32_t policy) {
    PolicyReport section;
    if (policy >= 0) {
      const auto& p = c_.policies[static_cast<std::size_t>(policy)];
      section.name = p.name;
      section.title = p.decl->title;
      section.citation = citation_of(p.decl->citation);
      const SlotId applies = p_.policy_applies[static_cast<std::size_t>(policy)];
      section.applies = policy_applicability(ev_, static_cast<std::uint32_t>(policy));
      if (applies != no_slot) {
        const Value& v = ev_.slot(applies);
        section.why = why(ev_, p.decl->applies, &words());
        section.needs = needs_of(v);
        note_error(v);
      }
    }
    // A figure is large: made in place, in room counted first, rather than moved as it grows.
    std::size_t figures = 0;
    for (const auto& rule : c_.rules) figures += !rule.origin.imported && rule.policy == policy;
    section.figures.reserve(figures);
    for (std::uint32_t r = 0; r < c_.rules.size(); ++r) {
      const auto& rule = c_.rules[r];
      if (rule.origin.imported || rule.policy != policy) continue;
      FigureReport& f = section.figures.emplace_back();
      f.rule = r;
      f.name = rule.name;
      f.citation = citation_of(rule.decl->citation);
      // The parts of an apportioned rule share its documentation: shown once, with the first.
      if (rule.part == 0) f.doc = rule.decl->doc.str();
      const Value& v = ev_.slot(p_.rule_slots[r]);
      f.value = report_value(ev_, v, rule.type);
      if (v.state == ValueState::unknown) f.bears = bears(r);
      note_error(v);
      if (const auto fired = ev_.fired(r); fired >= 0) {
        const auto* clause = rule.exceptions[static_cast<std::size_t>(fired)].clause;
        f.exception = clause->label;
        f.exception_citation = citation_of(clause->citation);
      }
      if (options_.explain) f.derivation = derive_rule(ev_, r, &words());
    }
    std::size_t checks = 0, conditions = 0;
    for (const auto& check : c_.checks) checks += !check.origin.imported && check.policy == policy;
    for (const auto& condition : c_.conditions)
      conditions += !condition.origin.imported && condition.policy == policy;
    section.checks.reserve(checks);
    section.conditions.reserve(conditions);
    for (std::uint32_t k = 0; k < c_.checks.size(); ++k) {
      const auto& check = c_.checks[k];
      if (check.origin.imported || check.policy != policy) continue;
      section.checks.push_back(evaluate_check(k));
    }
    for (std::uint32_t k = 0; k < c_.conditions.size(); ++k) {
      const auto& condition = c_.conditions[k];
      if (condition.origin.imported || condition.policy != policy) continue;
      section.conditions.push_back(evaluate_condition(k, section));
    }
    if (policy < 0 && section.figures.empty() && section.checks.empty() &&
        section.conditions.empty())
      return;
    report_.policies.push_back(std::move(section));
  }

  CheckReport evaluate_check(std::uint32_t k) {
    const auto& check = c_.checks[k];
    CheckReport r;
    r.name = check.name;
    r.citation = citation_of(check.decl->citation);
    r.doc = check.decl->doc.str();
    const Value* unsettled = nullptr;
    r.finding = finding_and_cause(ev_, k, unsettled);
    if (r.finding == Finding::unknown) {
      r.needs = needs_of(*unsettled);
    } else if (r.finding == Finding::error) {
      r.error = ev_.error(*unsettled).message;
      note_error(*unsettled);
    } else if (r.finding == Finding::not_met) {
      r.message = message(k);
    }
    r.compared = compared(check.decl->requirement);
    return r;
  }

  // A condition is to be secured when its policy applies and its `when` holds: a policy that
  // does not apply takes its conditions with it.
  ConditionReport evaluate_condition(std::uint32_t k, const PolicyReport& section) {
    const auto& condition = c_.conditions[k];
    ConditionReport r;
    r.name = condition.name;
    r.citation = citation_of(condition.decl->citation);
    r.doc = condition.decl->doc.str();
    r.policy = section.name.empty() ? "" : policy_label(section.name);
    r.applies = section.applies == Applicability::always ? Applicability::yes : section.applies;
    if (r.applies == Applicability::no) return r;
    // Unknown with its policy: what would settle whether the policy applies settles it too.
    if (r.applies == Applicability::unknown) r.needs = section.needs;
    if (const SlotId when = p_.condition_applies[k]; when != no_slot) {
      const Value& v = ev_.slot(when);
      if (v.known() && v.aux == 0) {
        r.applies = Applicability::no;
        return r;
      }
      if (v.state == ValueState::error) {
        r.applies = Applicability::error;
        r.error = ev_.error(v).message;
        note_error(v);
      } else if (v.state == ValueState::unknown && r.applies != Applicability::error) {
        r.applies = Applicability::unknown;
        for (auto& n : needs_of(v)) {
          if (std::find(r.needs.begin(), r.needs.end(), n) == r.needs.end())
            r.needs.push_back(std::move(n));
        }
      }
    }
    r.text = fill(condition.decl->text, p_.condition_text[k]);
    return r;
  }

  // The two figures a requirement compares, when it is a comparison of two names.
  std::optional<std::pair<CheckReport::Side, CheckReport::Side>> compared(ast::ExprId e) {
    const ast::Ast& ast = c_.ast();
    while (e != ast::no_expr && ast[e].kind == ast::ExprKind::paren) e = ast[e].a;
    if (e == ast::no_expr || ast[e].kind != ast::ExprKind::binary || ast[e].op < ast::Op::lt ||
        ast[e].op > ast::Op::ge)
      return std::nullopt;
    const auto side = [&](ast::ExprId x) -> std::optional<CheckReport::Side> {
      if (ast[x].kind != ast::ExprKind::name) return std::nullopt;
      const SlotId slot = p_.slot_of(x);
      if (slot == no_slot) return std::nullopt;
      const Value& v = ev_.slot(slot);
      return CheckReport::Side{human_name(ast.names[ast[x].a]), displayed(v, c_.expr_type[x]),
                               v.state == ValueState::known};
    };
    auto a = side(ast[e].a), b = side(ast[e].b);
    if (!a || !b) return std::nullopt;
    return std::make_pair(std::move(*a), std::move(*b));
  }

  // Text with {holes}: each hole's value as the report shows it.
  std::string fill(const std::vector<ast::TemplatePart>& parts, const std::vector<SlotId>& holes) {
    std::string out;
    std::size_t hole = 0;
    for (const auto& part : parts) {
      if (part.expr == ast::no_expr) {
        out += part.text;
        continue;
      }
      const Value& v = ev_.slot(holes[hole++]);
      out += displayed(v, c_.expr_type[part.expr]);
    }
    return out;
  }

  // A value as the report shows it (ValueReport::display), without the rest of its report.
  std::string displayed(const Value& v, const Type& type) const {
    return display_figure(figure_of(ev_, v, type));
  }

  std::string message(std::uint32_t k) {
    return fill(c_.checks[k].decl->message, p_.check_message[k]);
  }

  const Evaluation& ev_;
  const Program& p_;
  const CheckedRuleset& c_;
  ReportOptions options_;
  Report report_;
  RuleUsers own_users_;  // when the caller keeps none
  ExpressionWords own_words_;
  std::map<std::uint32_t, bool> bears_;
};

}  // namespace

FigureValue figure_of(const Evaluation& ev, const Value& v, const Type& type) {
  const auto& c = *ev.program().checked;
  if (v.state == ValueState::known)
    return known_figure(v, type, c, v.kind == ValueKind::text ? &ev.text(v) : nullptr);
  FigureValue f;
  f.state = v.state;
  if (v.state == ValueState::unknown) {
    for (const auto& n : ev.needs(v)) f.needs.push_back(need_name(c, n));
  } else {
    f.error = ev.error(v).message;
  }
  return f;
}

ValueReport report_value(const Evaluation& ev, const Value& v, const Type& type) {
  ValueReport r;
  r.kind = type.is_boolean()                    ? "yes/no"
           : type.kind == TypeKind::enumeration ? "enumeration"
           : type.is_number()                   ? "number"
           : type.kind == TypeKind::date        ? "date"
                                                : "text";
  if (v.state == ValueState::known && v.kind == ValueKind::number) {
    // Most figures: read off the value as known_figure and display_figure would, without making
    // the figure whole first.
    const Unit unit = type.kind == TypeKind::number ? type.unit : Unit::none();
    r.display = display_number(v.number, unit);
    r.exact = exact_number(v.number, unit);
    r.state = "known";
    r.approximate = approximate_number(v.number, unit);
    r.unit = unit.percent ? "%" : unit_name(unit);
    return r;
  }
  FigureValue f = figure_of(ev, v, type);
  r.display = display_figure(f);
  r.exact = exact_figure(f);
  switch (f.state) {
    case ValueState::known:
      r.state = "known";
      if (f.kind == ValueKind::number) {
        r.approximate = approximate_number(f.number, f.unit);
        r.unit = f.unit.percent ? "%" : unit_name(f.unit);
      } else if (f.kind == ValueKind::member_set) {
        r.is_set = true;
        r.members = f.members;
      }
      break;
    case ValueState::unknown:
      r.state = "unknown";
      r.needs = std::move(f.needs);
      break;
    case ValueState::error:
      r.state = "error";
      r.error = std::move(f.error);
      break;
  }
  return r;
}

Applicability policy_applicability(const Evaluation& ev, std::uint32_t policy) {
  const SlotId applies = ev.program().policy_applies[policy];
  if (applies == no_slot) return Applicability::always;
  const Value& v = ev.slot(applies);
  return v.known()                        ? (v.aux ? Applicability::yes : Applicability::no)
         : v.state == ValueState::unknown ? Applicability::unknown
                                          : Applicability::error;
}

Finding check_finding(const Evaluation& ev, std::uint32_t check) {
  const Value* unsettled = nullptr;
  return finding_and_cause(ev, check, unsettled);
}

namespace {

// "a", "a and b", "a, b and c".
std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

}  // namespace

std::string missing_settles(const MissingInput& m) {
  std::vector<std::string> parts;
  if (!m.policies.empty())
    parts.push_back("whether " + listed(m.policies) +
                    (m.policies.size() == 1 ? " applies" : " apply"));
  if (!m.figures.empty()) parts.push_back(listed(m.figures));
  if (!m.checks.empty())
    parts.push_back((m.checks.size() == 1 ? "the check " : "the checks ") + listed(m.checks));
  if (!m.conditions.empty())
    parts.push_back("whether " + listed(m.conditions) + " must be secured");
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

Report build_report(const Evaluation& evaluation, const ReportOptions& options) {
  return ReportBuilder(evaluation, options).build();
}

}  // namespace spdl
