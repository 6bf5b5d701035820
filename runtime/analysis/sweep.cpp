#include "spdl/runtime/analysis/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

namespace {

constexpr std::size_t max_points_per_axis = 10'000;
constexpr std::size_t max_grid_points = 250'000;

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

}  // namespace

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
    return refuse("vary one or two inputs, such as --vary dwellings=1..60");

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
  std::vector<std::uint32_t> figure_rules;
  for (const auto* p : programs) {
    const auto r = find_rule(*p->checked, out.figure);
    if (!r || !p->checked->rules[*r].type.is_number()) {
      std::vector<std::string> numbers;
      for (const auto& rule : p->checked->rules) {
        if (rule.type.is_number()) numbers.push_back(rule.name);
      }
      const auto near = closest_match(out.figure, numbers);
      return refuse(
          fmt::format("{} has no rule `{}` giving a number to chart; choose one with --figure",
                      p->checked->header().id, out.figure),
          near.empty() ? "" : fmt::format("did you mean `{}`?", near));
    }
    if (!figure_rules.empty() &&
        !p->checked->rules[*r].type.compatible(first.rules[figure_rules.front()].type)) {
      return refuse(fmt::format("`{}` measures different things in the two rulesets", out.figure));
    }
    figure_rules.push_back(*r);
  }
  out.figure_unit = first.rules[figure_rules.front()].type.unit;

  // The axes, read with the first ruleset's types (the inputs must mean the same in both).
  std::vector<std::vector<std::uint32_t>> input_index(programs.size());
  for (const auto& v : request.vary) {
    const auto s = first.find(v.input);
    if (!s || s->kind != SymbolKind::input || !first.inputs[s->index].type.is_number()) {
      std::vector<std::string> numbers;
      for (const auto& input : first.inputs) {
        if (input.type.is_number()) numbers.push_back(input.name);
      }
      const auto near = closest_match(v.input, numbers);
      return refuse(fmt::format("`{}` is not a numeric input of {}", v.input, first.header().id),
                    near.empty() ? "" : fmt::format("did you mean `{}`?", near));
    }
    const Type& type = first.inputs[s->index].type;
    std::vector<std::string> texts;
    auto read = [&](const std::string& t, const char* what) -> std::optional<Rational> {
      auto r = read_value(spaced(t), type, first, texts);
      if (auto* p = std::get_if<ValueProblem>(&r)) {
        refuse(fmt::format("--vary {}: the {} value: {}", v.input, what, p->message));
        return std::nullopt;
      }
      return std::get<Value>(r).number;
    };
    const auto from = read(v.from, "first");
    const auto to = read(v.to, "last");
    if (!from || !to) return std::nullopt;
    Rational step = to_base(Rational(1), type.unit);
    if (type.unit.percent) step = Rational::fraction(1, 100);  // one percentage point
    if (!v.step.empty()) {
      const auto s2 = read(v.step, "step");
      if (!s2) return std::nullopt;
      step = *s2;
    } else if (!counts_things(type.unit) && *to > *from &&
               (*to - *from < step || !type.unit.dimensionless() || type.unit.percent)) {
      // Without a step, one unit (1 ha, £1, one percentage point) may be wider than the range:
      // 0.45 ha..0.55 ha would be one point and no cliff edge. A tenth of it, and so on, until
      // the range holds ten steps. (A plain number keeps its whole steps when the range holds
      // any: phases 1..3 are 1, 2, 3.)
      const Rational range = *to - *from;
      for (int k = 0; k < 60 && range < step * Rational(10); ++k)
        step = *Rational::divide(step, Rational(10));
      if (range < step * Rational(10)) step = *Rational::divide(range, Rational(10));
    }
    if (step.sign() <= 0 || *to < *from)
      return refuse(fmt::format("--vary {}: the range must go up, by a step above zero", v.input));
    SweepAxis axis;
    axis.input = v.input;
    axis.unit = type.unit;
    for (Rational x = *from; x <= *to; x = x + step) {
      if (axis.values.size() >= max_points_per_axis) {
        return refuse(fmt::format("--vary {}: more than {} values; take a larger step", v.input,
                                  max_points_per_axis));
      }
      axis.values.push_back(x);
    }
    out.axes.push_back(std::move(axis));
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
          return refuse(fmt::format("--vary {}: {} in {}", v.input, problem->message,
                                    programs[p]->checked->header().id));
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
    const SlotId slot = program.rule_slots[figure_rules[p]];
    for (std::size_t i = 0; i < nx; ++i) {
      for (std::size_t j = 0; j < ny; ++j) {
        scheme.inputs[input_index[p][0]] = Value::of(out.axes[0].values[i]);
        if (ny > 1 || out.axes.size() > 1)
          scheme.inputs[input_index[p][1]] = Value::of(out.axes[1].values[j]);
        const Evaluation& e = ev.evaluate(scheme);
        const Value& v = e.slot(slot);
        series.values.push_back(v.known() ? std::optional<Rational>(v.number) : std::nullopt);
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
                                    [&](const SweepAxis& a) { return a.input == input.name; });
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
      const bool commensurable = out.figure_unit.commensurable(out.axes[axis].unit);
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
