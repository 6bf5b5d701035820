#include "spdl/runtime/analysis/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/runtime/eval/apportion.hpp"
#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

namespace {

constexpr std::size_t max_points_per_axis = 10'000;
constexpr std::size_t max_grid_points = 250'000;
// The input index of an axis that varies a figure of the schedule, not an input.
constexpr std::uint32_t schedule_figure_axis = 0xFFFFFFFF;

std::string trim(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  return s.substr(i);
}

// "0.1ha" is "0.1 ha": put a space between a number and the unit written against it.
std::string spaced(const std::string& text) {
  std::string t = trim(text);
  std::size_t i = 0;
  while (i < t.size() && (std::isdigit(static_cast<unsigned char>(t[i])) || t[i] == '.' ||
                          t[i] == ',' || t[i] == '-'))
    ++i;
  if (i > 0 && i < t.size() && t[i] != ' ' && t[i] != '%') t.insert(i, " ");
  return t;
}

// Counts go a whole one at a time.
bool counts_things(const Unit& u) {
  return u.is(Dimension::dwelling) || u.is(Dimension::bedroom) || u.is(Dimension::person) ||
         u.is(Dimension::habitable_room);
}

std::optional<std::uint32_t> find_rule(const CheckedRuleset& c, const std::string& name) {
  const auto s = c.find(name);
  if (s && s->kind == SymbolKind::rule) return s->index;
  return std::nullopt;
}

std::optional<std::uint32_t> find_check(const CheckedRuleset& c, const std::string& name) {
  for (std::uint32_t k = 0; k < c.checks.size(); ++k) {
    if (c.checks[k].name == name) return k;
  }
  return std::nullopt;
}

// What a sweep charts in one ruleset: a rule (a number, a yes/no or an enumeration), or a check's
// finding.
struct Charted {
  std::optional<std::uint32_t> rule;
  std::optional<std::uint32_t> check;
};

// A check's finding as a category: 0 not applicable, 1 met, 2 not met; nullopt when unsettled.
const std::vector<std::string> check_findings = {"not applicable", "met", "not met"};

std::optional<std::size_t> check_finding(const Program& p, const Evaluation& e, std::uint32_t k) {
  if (const SlotId applies = p.check_applies[k]; applies != no_slot) {
    const Value& a = e.slot(applies);
    if (!a.known()) return std::nullopt;
    if (a.aux == 0) return 0;
  }
  const Value& req = e.slot(p.check_requirement[k]);
  if (!req.known()) return std::nullopt;
  return req.aux ? 1 : 2;
}

// ---- figures of the schedule -----------------------------------------------------------------

// The figures of the accommodation schedule a sweep varies by rewriting it: the affordable
// dwellings offered, as a share of the schedule's dwellings or as a number of them.
constexpr const char* offered_share = "offered_share";
constexpr const char* offered_dwellings = "offered_dwellings";

// Where a ruleset keeps the schedule: its list input `schedule`, whose rows have `count` and
// `tenure`, and the parameter `affordable_tenures` saying which tenures are affordable.
struct ScheduleLayout {
  std::uint32_t input = 0;
  std::uint32_t count = 0;
  std::uint32_t tenure = 0;
  std::uint32_t affordable_bits = 0;
};

std::variant<ScheduleLayout, std::string> schedule_layout(const Program& p) {
  const CheckedRuleset& c = *p.checked;
  const auto s = c.find("schedule");
  if (!s || s->kind != SymbolKind::input || c.inputs[s->index].type.kind != TypeKind::list ||
      c.inputs[s->index].type.element != TypeKind::record) {
    return fmt::format("{} has no accommodation schedule (a list input `schedule`)", c.header().id);
  }
  ScheduleLayout out;
  out.input = s->index;
  const auto& record = c.records[c.inputs[s->index].type.ref];
  const auto count = record.field("count");
  const auto tenure = record.field("tenure");
  if (!count || !tenure) {
    return fmt::format("the schedule of {} has no `count` and `tenure` for each row",
                       c.header().id);
  }
  out.count = *count;
  out.tenure = *tenure;
  const auto t = c.find("affordable_tenures");
  if (!t || t->kind != SymbolKind::parameter) {
    return fmt::format("{} has no parameter `affordable_tenures` saying which tenures count",
                       c.header().id);
  }
  // Its members as written: `[social_rent, shared_ownership, ...]`.
  ast::ExprId e = c.parameters[t->index].value;
  while (e != ast::no_expr && c.ast()[e].kind == ast::ExprKind::paren) e = c.ast()[e].a;
  if (e == ast::no_expr || c.ast()[e].kind != ast::ExprKind::list) {
    return fmt::format("`affordable_tenures` of {} is not a list of tenures", c.header().id);
  }
  const ast::Expr& list = c.ast()[e];
  for (std::uint32_t i = 0; i < c.ast().arg_count(list); ++i) {
    const ast::ExprId item = c.ast().arg(list, i);
    if (item >= c.expr_symbol.size() || c.expr_symbol[item].kind != SymbolKind::enum_member ||
        c.expr_symbol[item].sub >= 32) {
      return fmt::format("`affordable_tenures` of {} is not a list of tenures", c.header().id);
    }
    out.affordable_bits |= 1u << c.expr_symbol[item].sub;
  }
  return out;
}

bool affordable_row(const ScheduleLayout& layout, const std::vector<Value>& row) {
  const Value& t = row[layout.tenure];
  return t.known() && t.kind == ValueKind::enumeration && t.aux < 32 &&
         (layout.affordable_bits >> t.aux & 1u) != 0;
}

Rational row_count(const ScheduleLayout& layout, const std::vector<Value>& row) {
  const Value& n = row[layout.count];
  return n.known() && n.kind == ValueKind::number ? n.number : Rational(0);
}

// The schedule with `offered` of its dwellings affordable: the affordable rows scaled together to
// `offered`, the others to the rest, each group divided among its rows in proportion to their
// counts by largest remainder (so the counts stay whole and add up). Rows left with none go.
std::vector<std::vector<Value>> rewritten_schedule(const ScheduleLayout& layout,
                                                   const std::vector<std::vector<Value>>& rows,
                                                   const Rational& offered, const Rational& total) {
  std::vector<std::vector<Value>> out;
  for (const bool affordable : {true, false}) {
    std::vector<const std::vector<Value>*> group;
    std::vector<ApportionPart> parts;
    Rational sum;
    for (const auto& row : rows) {
      if (affordable_row(layout, row) != affordable) continue;
      group.push_back(&row);
      parts.push_back({ShareKind::exact, row_count(layout, row), {}});
      sum = sum + row_count(layout, row);
    }
    if (group.empty() || sum.sign() <= 0) continue;
    const Rational target = affordable ? offered : total - offered;
    const Apportioned divided = apportion(target, sum, parts);
    for (std::size_t i = 0; i < group.size(); ++i) {
      if (divided.results[i].is_zero()) continue;
      auto row = *group[i];
      row[layout.count] = Value::of(divided.results[i]);
      out.push_back(std::move(row));
    }
  }
  return out;
}

}  // namespace

// A --vary range as written: its ends, and its step when one is given, each read as `type`; or
// what is wrong with it (each end that cannot be read).
struct VaryBounds {
  Rational from, to;
  std::optional<Rational> step;
};

std::variant<VaryBounds, std::vector<std::string>> read_bounds(const SweepRequest::Vary& v,
                                                               const Type& type,
                                                               const CheckedRuleset& ruleset,
                                                               const std::string& vary_named) {
  std::vector<std::string> texts;
  std::vector<std::string> problems;
  const auto read = [&](const std::string& t, const char* what) -> std::optional<Rational> {
    auto r = read_value(spaced(t), type, ruleset, texts);
    if (auto* p = std::get_if<ValueProblem>(&r)) {
      problems.push_back(
          fmt::format("{} {}: the {} value: {}", vary_named, v.input, what, p->message));
      return std::nullopt;
    }
    return std::get<Value>(r).number;
  };
  const auto from = read(v.from, "first");
  const auto to = read(v.to, "last");
  if (!from || !to) return problems;
  VaryBounds bounds{*from, *to, std::nullopt};
  if (!v.step.empty()) {
    bounds.step = read(v.step, "step");
    if (!bounds.step) return problems;
  }
  return bounds;
}

// The axis's values from..to by step, or the refusal when there would be too many.
std::variant<SweepAxis, std::string> axis_of(const std::string& input, const Unit& unit,
                                             const Rational& from, const Rational& to,
                                             const Rational& step, const std::string& vary_named) {
  SweepAxis axis;
  axis.input = input;
  axis.unit = unit;
  for (Rational x = from; x <= to; x = x + step) {
    if (axis.values.size() >= max_points_per_axis) {
      return fmt::format("{} {}: more than {} values; take a larger step", vary_named, input,
                         max_points_per_axis);
    }
    axis.values.push_back(x);
  }
  return axis;
}

bool is_schedule_figure(const std::string& name) {
  return name == offered_share || name == offered_dwellings;
}

std::optional<SweepRequest::Vary> parse_vary(const std::string& text) {
  const auto eq = text.find('=');
  const auto dots = text.find("..");
  if (eq == std::string::npos || dots == std::string::npos || dots < eq) return std::nullopt;
  SweepRequest::Vary v;
  v.input = trim(text.substr(0, eq));
  v.from = trim(text.substr(eq + 1, dots - eq - 1));
  const std::string rest = text.substr(dots + 2);
  const auto colon = rest.find(':');
  v.to = trim(rest.substr(0, colon));
  if (colon != std::string::npos) v.step = trim(rest.substr(colon + 1));
  if (v.input.empty() || v.from.empty() || v.to.empty()) return std::nullopt;
  return v;
}

std::optional<Sweep> run_sweep(const std::vector<const Program*>& programs,
                               const std::vector<Scheme>& bases, const SweepRequest& request,
                               Diagnostics& diagnostics) {
  // A request that does not fit: one error, with a did-you-mean as its hint.
  const auto refuse = [&](std::string message, std::string hint = {}) -> std::optional<Sweep> {
    diagnostics.error("sweep-request", Span{}, std::move(message)).hint = std::move(hint);
    return std::nullopt;
  };
  const auto& first = *programs.front()->checked;
  Sweep out;
  if (request.vary.empty() || request.vary.size() > 2)
    return refuse(
        fmt::format("vary one or two inputs, such as {} dwellings=1..60", request.vary_named));

  // The figure to chart: the one asked for, else affordable_required, else the first quantity.
  out.figure = request.figure;
  if (out.figure.empty()) {
    if (find_rule(first, "affordable_required")) {
      out.figure = "affordable_required";
    } else {
      for (const auto& r : first.rules) {
        if (!r.origin.imported && r.type.is_number() && !r.type.unit.dimensionless()) {
          out.figure = r.name;
          break;
        }
      }
    }
  }
  // A rule giving a number, a yes/no or a member of an enumeration, or a check (its finding).
  const auto chartable = [](const Type& t) {
    return t.is_number() || t.is_boolean() || t.kind == TypeKind::enumeration;
  };
  std::vector<Charted> charted;
  // Per program, the index in out.categories of each of its categories (a yes/no's no and yes,
  // an enumeration's members, a check's findings).
  std::vector<std::vector<std::size_t>> category_of(programs.size());
  for (std::size_t pi = 0; pi < programs.size(); ++pi) {
    const auto& c = *programs[pi]->checked;
    Charted chart;
    chart.rule = find_rule(c, out.figure);
    if (!chart.rule) chart.check = find_check(c, out.figure);
    if ((!chart.rule || !chartable(c.rules[*chart.rule].type)) && !chart.check) {
      std::vector<std::string> names;
      for (const auto& rule : c.rules) {
        if (chartable(rule.type)) names.push_back(rule.name);
      }
      for (const auto& check : c.checks) names.push_back(check.name);
      const auto near = closest_match(out.figure, names);
      return refuse(fmt::format("{} has no rule or check `{}` giving a number, a yes/no or a "
                                "member of an enumeration to chart; choose one with {}",
                                c.header().id, out.figure, request.figure_named),
                    near.empty() ? "" : fmt::format("did you mean `{}`?", near));
    }
    // The outcomes this ruleset can give, as labels.
    std::vector<std::string> labels;
    bool numeric = false;
    if (chart.check) {
      labels = check_findings;
    } else {
      const Type& t = c.rules[*chart.rule].type;
      if (t.is_boolean()) {
        labels = {"no", "yes"};
      } else if (t.kind == TypeKind::enumeration) {
        for (const auto* m : c.enums[t.ref].members)
          labels.push_back(m->label.empty() ? m->name : m->label);
      } else {
        numeric = true;
      }
    }
    if (pi == 0) {
      if (numeric) out.figure_unit = c.rules[*chart.rule].type.unit;
      out.yes_no = !numeric && !chart.check && c.rules[*chart.rule].type.is_boolean();
    } else {
      const bool first_numeric = out.categories.empty();
      const bool same_kind = numeric ? first_numeric && c.rules[*chart.rule].type.compatible(
                                                            first.rules[*charted.front().rule].type)
                                     : !first_numeric;
      if (!same_kind) {
        return refuse(
            fmt::format("`{}` measures different things in the two rulesets", out.figure));
      }
    }
    // An enumeration's members are matched across rulesets by label; a member only one ruleset
    // has is added after the first's.
    for (const auto& label : labels) {
      const auto at = std::find(out.categories.begin(), out.categories.end(), label);
      category_of[pi].push_back(static_cast<std::size_t>(at - out.categories.begin()));
      if (at == out.categories.end()) out.categories.push_back(label);
    }
    charted.push_back(chart);
  }

  // The axes, read with the first ruleset's types (the inputs must mean the same in both).
  std::vector<std::vector<std::uint32_t>> input_index(programs.size());
  // For a figure of the schedule, which axis varies it (at most one), and each ruleset's layout.
  std::optional<std::size_t> schedule_axis;
  std::vector<ScheduleLayout> layouts(programs.size());
  for (const auto& v : request.vary) {
    const auto s = first.find(v.input);
    if (!s && is_schedule_figure(v.input)) {
      if (schedule_axis) return refuse("vary one figure of the schedule at a time");
      schedule_axis = out.axes.size();
      const bool share = v.input == offered_share;
      const Type type = Type::number(share ? Unit::percentage() : Unit::of(Dimension::dwelling));
      auto bounds = read_bounds(v, type, first, request.vary_named);
      if (auto* problems = std::get_if<std::vector<std::string>>(&bounds)) {
        for (auto& problem : *problems) refuse(std::move(problem));
        return std::nullopt;
      }
      const auto& [from, to, given_step] = std::get<VaryBounds>(bounds);
      const Rational step = given_step ? *given_step
                            : share    ? Rational::fraction(1, 100)
                                       : Rational(1);
      if (step.sign() <= 0 || to < from || from.sign() < 0)
        return refuse(
            fmt::format("{} {}: the range must go up from zero or more, by a step above zero",
                        request.vary_named, v.input));
      if (share && to > Rational(1))
        return refuse(fmt::format("{} {}: a share of the schedule's dwellings is at most 100%",
                                  request.vary_named, v.input));
      auto axis = axis_of(v.input, type.unit, from, to, step, request.vary_named);
      if (auto* problem = std::get_if<std::string>(&axis)) return refuse(*problem);
      out.axes.push_back(std::move(std::get<SweepAxis>(axis)));
      for (std::size_t p = 0; p < programs.size(); ++p) {
        auto layout = schedule_layout(*programs[p]);
        if (auto* problem = std::get_if<std::string>(&layout))
          return refuse(fmt::format("{} {}: {}", request.vary_named, v.input, *problem));
        layouts[p] = std::get<ScheduleLayout>(layout);
        const auto& base = bases[p];
        const std::uint32_t in = layouts[p].input;
        if (in >= base.inputs.size() || !base.inputs[in].known() || in >= base.lists.size() ||
            base.lists[in].empty()) {
          return refuse(fmt::format(
              "{} {}: it is varied by rewriting the base scheme's accommodation schedule; "
              "give a base scheme with one (--base)",
              request.vary_named, v.input));
        }
        Rational total, affordable;
        for (const auto& row : base.lists[in]) {
          total = total + row_count(layouts[p], row);
          if (affordable_row(layouts[p], row)) affordable = affordable + row_count(layouts[p], row);
        }
        const auto& values = out.axes.back().values;
        const Rational most = share ? values.back() * total : values.back();
        const Rational least = share ? values.front() * total : values.front();
        if (!share && most > total) {
          return refuse(fmt::format(
              "{} {}: the schedule has {}; at most that many can be affordable", request.vary_named,
              v.input, display_number(total, Unit::of(Dimension::dwelling))));
        }
        if (most.sign() > 0 && affordable.is_zero()) {
          return refuse(
              fmt::format("{} {}: the base scheme's schedule has no affordable rows (in "
                          "affordable_tenures of {}) to scale",
                          request.vary_named, v.input, programs[p]->checked->header().id));
        }
        if (least < total && affordable == total) {
          return refuse(fmt::format(
              "{} {}: the base scheme's schedule has no rows that are not affordable to scale",
              request.vary_named, v.input));
        }
        input_index[p].push_back(schedule_figure_axis);
      }
      continue;
    }
    if (!s || s->kind != SymbolKind::input || !first.inputs[s->index].type.is_number()) {
      std::vector<std::string> numbers;
      for (const auto& input : first.inputs) {
        if (input.type.is_number()) numbers.push_back(input.name);
      }
      numbers.push_back(offered_share);
      numbers.push_back(offered_dwellings);
      const auto near = closest_match(v.input, numbers);
      return refuse(
          fmt::format("`{}` is not a numeric input of {}, nor a figure of the schedule a sweep "
                      "can vary (offered_share, offered_dwellings)",
                      v.input, first.header().id),
          near.empty() ? "" : fmt::format("did you mean `{}`?", near));
    }
    const Type& type = first.inputs[s->index].type;
    auto bounds = read_bounds(v, type, first, request.vary_named);
    if (auto* problems = std::get_if<std::vector<std::string>>(&bounds)) {
      for (auto& problem : *problems) refuse(std::move(problem));
      return std::nullopt;
    }
    const auto& [from, to, given_step] = std::get<VaryBounds>(bounds);
    Rational step = to_base(Rational(1), type.unit);
    if (type.unit.percent) step = Rational::fraction(1, 100);  // one percentage point
    if (given_step) {
      step = *given_step;
    } else if (!counts_things(type.unit) && to > from &&
               (to - from < step || !type.unit.dimensionless() || type.unit.percent)) {
      // Without a step, one unit (1 ha, £1, one percentage point) may be wider than the range:
      // 0.45 ha..0.55 ha would be one point and no cliff edge. A tenth of it, and so on, until
      // the range holds ten steps. (A plain number keeps its whole steps when the range holds
      // any: phases 1..3 are 1, 2, 3.)
      const Rational range = to - from;
      for (int k = 0; k < 60 && range < step * Rational(10); ++k)
        step = *Rational::divide(step, Rational(10));
      if (range < step * Rational(10)) step = *Rational::divide(range, Rational(10));
    }
    if (step.sign() <= 0 || to < from)
      return refuse(fmt::format("{} {}: the range must go up, by a step above zero",
                                request.vary_named, v.input));
    auto axis = axis_of(v.input, type.unit, from, to, step, request.vary_named);
    if (auto* problem = std::get_if<std::string>(&axis)) return refuse(*problem);
    out.axes.push_back(std::move(std::get<SweepAxis>(axis)));
    for (std::size_t p = 0; p < programs.size(); ++p) {
      const auto sp = programs[p]->checked->find(v.input);
      if (!sp || sp->kind != SymbolKind::input) {
        return refuse(
            fmt::format("`{}` is not an input of {}", v.input, programs[p]->checked->header().id));
      }
      input_index[p].push_back(sp->index);
      // The range must keep to the input's bounds in every ruleset (`at least 1 dwelling`).
      const auto& input = programs[p]->checked->inputs[sp->index];
      for (const auto& end : {out.axes.back().values.front(), out.axes.back().values.back()}) {
        if (const auto problem = outside_bounds(input, Value::of(end))) {
          return refuse(fmt::format("{} {}: {} in {}", request.vary_named, v.input,
                                    problem->message, programs[p]->checked->header().id));
        }
      }
    }
  }
  const std::size_t nx = out.axes[0].values.size();
  const std::size_t ny = out.axes.size() > 1 ? out.axes[1].values.size() : 1;
  if (nx * ny > max_grid_points) {
    return refuse(
        fmt::format("the grid has {} points; at most {} are allowed", nx * ny, max_grid_points));
  }

  for (std::size_t p = 0; p < programs.size(); ++p) {
    const Program& program = *programs[p];
    SweepSeries series;
    series.ruleset = program.checked->header().id;
    series.title = program.checked->header().title;
    series.authority = program.checked->header().authority;
    const auto& status = program.checked->header().status;
    series.status = status ? ast::status_name(*status) : "";
    for (const auto& d : program.checked->header().dates)
      series.dates.push_back(ast::event_text(d));
    Evaluator ev(program);
    Scheme scheme = bases[p];
    scheme.inputs.resize(program.checked->inputs.size());
    scheme.lists.resize(program.checked->inputs.size());
    const Charted& chart = charted[p];
    const SlotId slot = chart.rule ? program.rule_slots[*chart.rule] : no_slot;
    // The schedule as the base scheme gives it, and its dwellings, which stay as they are.
    std::vector<std::vector<Value>> base_rows;
    Rational schedule_total;
    if (schedule_axis) {
      base_rows = bases[p].lists[layouts[p].input];
      for (const auto& row : base_rows)
        schedule_total = schedule_total + row_count(layouts[p], row);
    }
    const auto set_axis = [&](std::size_t axis, const Rational& x) {
      if (schedule_axis != axis) {
        scheme.inputs[input_index[p][axis]] = Value::of(x);
        return;
      }
      // A share is of the schedule's dwellings, rounded half up to whole dwellings.
      const Rational offered =
          out.axes[axis].input == offered_share ? (x * schedule_total).round(Rounding::half_up) : x;
      scheme.lists[layouts[p].input] =
          rewritten_schedule(layouts[p], base_rows, offered, schedule_total);
    };
    for (std::size_t i = 0; i < nx; ++i) {
      for (std::size_t j = 0; j < ny; ++j) {
        set_axis(0, out.axes[0].values[i]);
        if (out.axes.size() > 1) set_axis(1, out.axes[1].values[j]);
        const Evaluation& e = ev.evaluate(scheme);
        if (chart.check) {
          const auto finding = check_finding(program, e, *chart.check);
          series.values.push_back(finding
                                      ? std::optional<Rational>(Rational(
                                            static_cast<std::int64_t>(category_of[p][*finding])))
                                      : std::nullopt);
          // Why a finding is unsettled: what its condition or requirement waits for.
          for (const SlotId k :
               {program.check_applies[*chart.check], program.check_requirement[*chart.check]}) {
            if (finding || k == no_slot || e.slot(k).state != ValueState::unknown) continue;
            for (const auto& n : e.needs(e.slot(k))) {
              std::string name = need_name(*program.checked, n);
              if (std::find(series.needs.begin(), series.needs.end(), name) == series.needs.end())
                series.needs.push_back(std::move(name));
            }
          }
          continue;
        }
        const Value& v = e.slot(slot);
        if (!v.known()) {
          series.values.push_back(std::nullopt);
        } else if (out.categories.empty()) {
          series.values.push_back(v.number);
        } else {
          // A yes/no is its aux (0 no, 1 yes), an enumeration's member its index.
          const std::size_t at = v.aux < category_of[p].size() ? category_of[p][v.aux] : 0;
          series.values.push_back(Rational(static_cast<std::int64_t>(at)));
        }
        if (v.state == ValueState::unknown) {
          for (const auto& n : e.needs(v)) {
            std::string name = need_name(*program.checked, n);
            if (std::find(series.needs.begin(), series.needs.end(), name) == series.needs.end()) {
              series.needs.push_back(std::move(name));
            }
          }
        } else if (v.state == ValueState::error && !series.error) {
          series.error = e.diagnostic(v);
        }
      }
    }
    out.series.push_back(std::move(series));
  }

  // What the base scheme holds besides the varied inputs, so a reader knows what was fixed.
  const auto& base = bases.front();
  for (std::size_t i = 0; i < first.inputs.size() && i < base.inputs.size(); ++i) {
    const auto& input = first.inputs[i];
    const bool varied = std::any_of(out.axes.begin(), out.axes.end(),
                                    [&](const SweepAxis& a) { return a.input == input.name; }) ||
                        (schedule_axis && input.name == "schedule");
    if (varied || !base.inputs[i].known() || input.type.kind == TypeKind::list ||
        input.type.kind == TypeKind::text)
      continue;
    out.base_inputs.push_back({input.name, known_figure(base.inputs[i], input.type, first)});
  }

  // Cliff edges: a step of the input that moves the figure by more than the step (when both are
  // of one dimension), or moves it at all (when they are not). In 2-D, the same step of one input
  // at several values of the other is one edge, its figures given as ranges.
  for (const auto& series : out.series) {
    for (std::size_t axis = 0; axis < out.axes.size(); ++axis) {
      // An outcome that is not a number makes a cliff edge wherever it changes.
      const bool commensurable =
          out.categories.empty() && out.figure_unit.commensurable(out.axes[axis].unit);
      const std::size_t n = out.axes[axis].values.size();
      const std::size_t m = axis == 0 ? ny : nx;
      for (std::size_t i = 0; i + 1 < n; ++i) {
        CliffEdge edge{series.ruleset, axis, i, {}, {}, {}};
        std::optional<Rational> before_low, before_high, after_low, after_high;
        for (std::size_t k = 0; k < m; ++k) {
          const std::size_t a = axis == 0 ? i * ny + k : k * ny + i;
          const std::size_t b = axis == 0 ? (i + 1) * ny + k : k * ny + i + 1;
          const auto& ya = series.values[a];
          const auto& yb = series.values[b];
          if (!ya || !yb) continue;
          Rational dy = *yb - *ya;
          if (dy.sign() < 0) dy = -dy;
          const Rational dx = out.axes[axis].values[i + 1] - out.axes[axis].values[i];
          if (commensurable ? !(dy > dx) : dy.is_zero()) continue;
          edge.across.push_back(k);
          auto widen = [](std::optional<Rational>& low, std::optional<Rational>& high,
                          const Rational& v) {
            if (!low || v < *low) low = v;
            if (!high || v > *high) high = v;
          };
          widen(before_low, before_high, *ya);
          widen(after_low, after_high, *yb);
        }
        if (edge.across.empty()) continue;
        edge.before = {*before_low, *before_high};
        edge.after = {*after_low, *after_high};
        out.cliffs.push_back(std::move(edge));
      }
    }
  }
  return out;
}

}  // namespace spdl
