// The renderings of a sweep: text for a terminal, JSON and CSV for programs, an HTML page with
// the charts (sweep_svg.cpp draws them).

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/render/csv_cell.hpp"
#include "spdl/runtime/render/diff_render.hpp"
#include "spdl/runtime/render/html.hpp"
#include "spdl/runtime/render/sweep_render.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

std::string sweep_series_label(const Sweep& s, std::size_t series) {
  auto last_part = [](const std::string& id) { return id.substr(id.rfind('.') + 1); };
  const std::string label = last_part(s.series[series].ruleset);
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    if (k != series && last_part(s.series[k].ruleset) == label) return s.series[series].ruleset;
  }
  return label;
}

std::string sweep_axis_title(const std::string& name, const Unit& unit) {
  std::string title = human_name(name);
  if (!title.empty())
    title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
  const std::string unit_text = unit.percent ? "%" : unit_name(unit);
  if (unit_text.empty() || unit_text == human_name(name)) return title;
  return title + " (" + unit_text + ")";
}

double sweep_plot_value(const Rational& base_value, const Unit& unit) {
  return approximate_number(base_value, unit) * (unit.percent ? 100.0 : 1.0);
}

std::string sweep_cell(const Rational& base_value, const Unit& unit) {
  return display_magnitude(base_value, unit);
}

std::string sweep_figure_cell(const Sweep& s, const std::optional<Rational>& value) {
  if (!value) return "unknown";
  return s.categories.empty() ? sweep_cell(*value, s.figure_unit) : sweep_figure_exact(s, *value);
}

std::string sweep_figure_exact(const Sweep& s, const Rational& value) {
  if (s.categories.empty()) return exact_number(value, s.figure_unit);
  const std::int64_t i =
      value.is_integer()
          ? static_cast<std::int64_t>(std::lround(approximate_number(value, Unit::none())))
          : -1;
  return i >= 0 && static_cast<std::size_t>(i) < s.categories.size()
             ? s.categories[static_cast<std::size_t>(i)]
             : "?";
}

std::string sweep_category_colour(const Sweep& s, std::size_t category) {
  if (category >= s.categories.size()) return "#d9dde3";
  const std::string& label = s.categories[category];
  if (s.yes_no) return label == "yes" ? "#2563eb" : "#dbe4f0";
  if (label == "met") return "#15803d";
  if (label == "not met") return "#dc2626";
  if (label == "not applicable") return "#cbd2d9";
  static const char* const hues[] = {"#2563eb", "#ea580c", "#0d9488", "#9333ea",
                                     "#ca8a04", "#db2777", "#65a30d", "#475569"};
  return hues[category % std::size(hues)];
}

std::string sweep_axis_label(const SweepAxis& axis, std::size_t i) {
  return display_number(axis.values[i], axis.unit);
}

std::string sweep_figure_range(const Sweep& s, const FigureRange& range) {
  const Unit& unit = s.figure_unit;
  if (!s.categories.empty()) {
    // Outcomes are not ordered: the two found, as "no or yes".
    return range.low == range.high
               ? sweep_figure_exact(s, range.low)
               : sweep_figure_exact(s, range.low) + " or " + sweep_figure_exact(s, range.high);
  }
  if (range.low == range.high) return display_number(range.low, unit);
  // "5 to 6 dwellings", but "£5.00 to £6.00": money shows its sign on both.
  return (unit.is(Dimension::money) ? display_number(range.low, unit)
                                    : display_magnitude(range.low, unit)) +
         " to " + display_number(range.high, unit);
}

std::string sweep_cliff_jump(const Sweep& s, const CliffEdge& c) {
  return sweep_range_text(sweep_figure_range(s, c.before), sweep_figure_range(s, c.after));
}

// "14 dwellings → 15 dwellings" reads better as "14 → 15 dwellings", and "1 dwelling to 60
// dwellings" as "1 to 60 dwellings".
std::string sweep_range_text(const std::string& a, const std::string& b, const char* joint) {
  // The unit is all that follows the number ("habitable rooms", not "rooms"), singular or plural.
  auto unit_of = [](const std::string& text) {
    const auto space = text.find(' ');
    if (space == std::string::npos || space == 0 ||
        !std::isdigit(static_cast<unsigned char>(text[space - 1])) ||
        std::isdigit(static_cast<unsigned char>(text[space + 1])))
      return std::string();
    std::string unit = text.substr(space);
    if (unit.ends_with('s')) unit.pop_back();
    return unit;
  };
  const std::string unit = unit_of(a);
  if (!unit.empty() && unit == unit_of(b) && b.find(" to ") == std::string::npos) {
    return a.substr(0, a.find(' ')) + joint + b;
  }
  return a + joint + b;
}

namespace {

// Indices of the other axis, as runs of values: "5 to 14 dwellings, 20 dwellings".
std::string runs(const SweepAxis& axis, const std::vector<std::size_t>& indices) {
  std::string out;
  for (std::size_t i = 0; i < indices.size();) {
    std::size_t j = i;
    while (j + 1 < indices.size() && indices[j + 1] == indices[j] + 1) ++j;
    out += out.empty() ? "" : ", ";
    out += j == i ? sweep_axis_label(axis, indices[i])
                  : sweep_range_text(sweep_axis_label(axis, indices[i]),
                                     sweep_axis_label(axis, indices[j]), " to ");
    i = j + 1;
  }
  return out;
}

std::string cliff_step(const Sweep& s, const CliffEdge& c) {
  const auto& axis = s.axes[c.axis];
  return sweep_range_text(sweep_axis_label(axis, c.from), sweep_axis_label(axis, c.from + 1));
}

std::string cliff_where(const Sweep& s, const CliffEdge& c) {
  if (s.axes.size() < 2) return "";
  const auto& other = s.axes[c.axis == 0 ? 1 : 0];
  const std::string name = human_name(other.input);
  if (c.across.size() == other.values.size()) return "at every " + name;
  // "with 2 to 14 dwellings", but "with site area 0.1 to 0.45 ha".
  const std::string values = runs(other, c.across);
  return values.ends_with(" " + name) ? "with " + values : "with " + name + " " + values;
}

std::string cliff_rule(const Sweep& s, std::size_t axis) {
  const bool commensurable = s.categories.empty() && s.figure_unit.commensurable(s.axes[axis].unit);
  return commensurable ? fmt::format("one step of {} moves {} by more than the step",
                                     human_name(s.axes[axis].input), human_name(s.figure))
                       : fmt::format("one step of {} changes {}", human_name(s.axes[axis].input),
                                     human_name(s.figure));
}

// "dwellings from 1 to 60 (60 values)", "site area from 0.1 to 1 ha in steps of 0.05 ha (19
// values)".
std::string ranges_line(const Sweep& s) {
  std::string out;
  for (const auto& a : s.axes) {
    out += out.empty() ? "" : "; ";
    out += fmt::format(
        "{} from {}", human_name(a.input),
        sweep_range_text(sweep_axis_label(a, 0), sweep_axis_label(a, a.values.size() - 1), " to "));
    if (a.values.size() > 1) {
      const Rational step = a.values[1] - a.values[0];
      if (step != to_base(Rational(1), a.unit))
        out += " in steps of " + display_number(step, a.unit);
    }
    out += fmt::format(" ({} value{})", a.values.size(), a.values.size() == 1 ? "" : "s");
  }
  return out;
}

std::string missing_line(const SweepSeries& series) {
  std::string out;
  if (!series.needs.empty()) {
    out += "some values are unknown for want of ";
    for (std::size_t i = 0; i < series.needs.size(); ++i)
      out += (i == 0 ? "" : ", ") + series.needs[i];
  }
  if (series.error)
    out += (out.empty() ? "" : "; ") + ("some points fail: " + series.error->message);
  return out;
}

}  // namespace

std::string render_sweep_text(const Sweep& s) {
  std::string out = fmt::format("Sweep of {} over {}\n", human_name(s.figure), ranges_line(s));
  if (!s.base.empty()) out += fmt::format("Base scheme: {}\n", s.base);
  for (const auto& [input, figure] : s.base_inputs)
    out += fmt::format("  {}: {}\n", human_name(input), display_figure(figure));

  std::size_t wide = 0;
  for (std::size_t k = 0; k < s.series.size(); ++k)
    wide = std::max(wide, sweep_series_label(s, k).size());
  out += "\nRulesets\n";
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    out += fmt::format("  {:<{}}  {} ({})\n", sweep_series_label(s, k), wide, s.series[k].title,
                       s.series[k].ruleset);
    if (const auto missing = missing_line(s.series[k]); !missing.empty())
      out += fmt::format("  {:<{}}  {}\n", "", wide, missing);
  }

  for (std::size_t axis = 0; axis < s.axes.size(); ++axis) {
    out += fmt::format("\nCliff edges, where {}\n", cliff_rule(s, axis));
    bool any = false;
    for (const auto& c : s.cliffs) {
      if (c.axis != axis) continue;
      std::size_t k = 0;
      while (k < s.series.size() && s.series[k].ruleset != c.ruleset) ++k;
      const std::string where = cliff_where(s, c);
      out += fmt::format("  {:<{}}  {}: {}{}\n", sweep_series_label(s, k), wide, cliff_step(s, c),
                         sweep_cliff_jump(s, c), where.empty() ? "" : ", " + where);
      any = true;
    }
    if (!any) out += "  none\n";
  }

  if (s.axes.size() == 1) {
    const auto& axis = s.axes.front();
    std::vector<std::string> heads{sweep_axis_title(axis.input, axis.unit)};
    for (std::size_t k = 0; k < s.series.size(); ++k) heads.push_back(sweep_series_label(s, k));
    out += fmt::format("\n{}, by ruleset\n", sweep_axis_title(s.figure, s.figure_unit));
    // Each column as wide as its heading or its widest value ("not applicable").
    std::vector<std::size_t> widths;
    for (const auto& h : heads) widths.push_back(std::max<std::size_t>(h.size(), 8));
    for (std::size_t k = 0; k < s.series.size(); ++k) {
      for (const auto& v : s.series[k].values)
        widths[k + 1] = std::max(widths[k + 1], sweep_figure_cell(s, v).size());
    }
    std::string line;
    for (std::size_t h = 0; h < heads.size(); ++h)
      line += fmt::format("  {:>{}}", heads[h], widths[h]);
    out += line + "\n";
    for (std::size_t i = 0; i < axis.values.size(); ++i) {
      line = fmt::format("  {:>{}}", sweep_cell(axis.values[i], axis.unit), widths[0]);
      for (std::size_t k = 0; k < s.series.size(); ++k) {
        line += fmt::format("  {:>{}}", sweep_figure_cell(s, s.series[k].values[i]), widths[k + 1]);
      }
      out += line + "\n";
    }
    return out;
  }

  // Two inputs: a grid per ruleset, the first input down the side and the second across.
  const auto& ax = s.axes[0];
  const auto& ay = s.axes[1];
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    out += fmt::format("\n{}: {}, {} down, {} across\n", sweep_series_label(s, k),
                       sweep_axis_title(s.figure, s.figure_unit),
                       sweep_axis_title(ax.input, ax.unit), sweep_axis_title(ay.input, ay.unit));
    std::size_t cell = 3;
    for (std::size_t j = 0; j < ay.values.size(); ++j)
      cell = std::max(cell, sweep_cell(ay.values[j], ay.unit).size());
    for (const auto& v : s.series[k].values) cell = std::max(cell, sweep_figure_cell(s, v).size());
    std::size_t side = 0;
    for (std::size_t i = 0; i < ax.values.size(); ++i)
      side = std::max(side, sweep_cell(ax.values[i], ax.unit).size());
    std::string line = fmt::format("  {:>{}}", "", side);
    for (std::size_t j = 0; j < ay.values.size(); ++j)
      line += fmt::format(" {:>{}}", sweep_cell(ay.values[j], ay.unit), cell);
    out += line + "\n";
    for (std::size_t i = 0; i < ax.values.size(); ++i) {
      line = fmt::format("  {:>{}}", sweep_cell(ax.values[i], ax.unit), side);
      for (std::size_t j = 0; j < ay.values.size(); ++j) {
        line += fmt::format(
            " {:>{}}", sweep_figure_cell(s, s.series[k].values[i * ay.values.size() + j]), cell);
      }
      out += line + "\n";
    }
  }
  return out;
}

std::string render_sweep_json(const Sweep& s) {
  using json = nlohmann::ordered_json;
  auto exact = [&](const std::optional<Rational>& v, const Unit&) {
    return v ? json(sweep_figure_exact(s, *v)) : json(nullptr);
  };
  json axes = json::array();
  for (const auto& a : s.axes) {
    json values = json::array();
    json labels = json::array();
    for (std::size_t i = 0; i < a.values.size(); ++i) {
      values.push_back(exact_number(a.values[i], a.unit));
      labels.push_back(sweep_axis_label(a, i));
    }
    axes.push_back({{"input", a.input},
                    {"unit", a.unit.percent ? "%" : unit_name(a.unit)},
                    {"values", values},
                    {"labels", labels}});
  }
  json series = json::array();
  for (const auto& r : s.series) {
    // One value per point of the first input; for two inputs, a row per value of the first.
    json values = json::array();
    const std::size_t ny = s.axes.size() > 1 ? s.axes[1].values.size() : 1;
    for (std::size_t i = 0; i < s.axes[0].values.size(); ++i) {
      if (s.axes.size() == 1) {
        values.push_back(exact(r.values[i], s.figure_unit));
        continue;
      }
      json row = json::array();
      for (std::size_t j = 0; j < ny; ++j)
        row.push_back(exact(r.values[i * ny + j], s.figure_unit));
      values.push_back(std::move(row));
    }
    series.push_back({{"ruleset", r.ruleset},
                      {"title", r.title},
                      {"authority", r.authority},
                      {"status", r.status},
                      {"dates", r.dates},
                      {"values", values},
                      {"needs", r.needs},
                      {"error", r.error ? r.error->message : std::string()}});
  }
  json cliffs = json::array();
  for (const auto& c : s.cliffs) {
    std::size_t k = 0;
    while (k < s.series.size() && s.series[k].ruleset != c.ruleset) ++k;
    const auto& axis = s.axes[c.axis];
    const std::size_t ny = s.axes.size() > 1 ? s.axes[1].values.size() : 1;
    auto jump = [&](std::size_t other) {
      const std::size_t a = c.axis == 0 ? c.from * ny + other : other * ny + c.from;
      const std::size_t b = c.axis == 0 ? (c.from + 1) * ny + other : other * ny + c.from + 1;
      return std::pair{exact(s.series[k].values[a], s.figure_unit),
                       exact(s.series[k].values[b], s.figure_unit)};
    };
    json j = {{"ruleset", c.ruleset},
              {"input", axis.input},
              {"from", exact_number(axis.values[c.from], axis.unit)},
              {"to", exact_number(axis.values[c.from + 1], axis.unit)}};
    if (s.axes.size() == 1) {
      const auto [before, after] = jump(0);
      j["before"] = before;
      j["after"] = after;
    } else {
      // The same step at each value of the other input where it is a cliff.
      const auto& other_axis = s.axes[c.axis == 0 ? 1 : 0];
      json points = json::array();
      for (const auto other : c.across) {
        const auto [before, after] = jump(other);
        points.push_back(
            {{other_axis.input, exact_number(other_axis.values[other], other_axis.unit)},
             {"before", before},
             {"after", after}});
      }
      j["points"] = std::move(points);
    }
    j["text"] = fmt::format("{}: {}", cliff_step(s, c), sweep_cliff_jump(s, c));
    cliffs.push_back(std::move(j));
  }
  json base = json::object();
  for (const auto& [input, figure] : s.base_inputs)
    base[human_name(input)] = display_figure(figure);
  json doc = {{"format", "spdl-sweep/1"},
              {"figure", s.figure},
              {"unit", s.figure_unit.percent ? "%" : unit_name(s.figure_unit)},
              {"outcomes", s.categories},
              {"base", s.base},
              {"base_inputs", base},
              {"axes", axes},
              {"series", series},
              {"cliffs", cliffs}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string render_sweep_csv(const Sweep& s) {
  std::string out;
  for (const auto& a : s.axes) out += csv_field(sweep_axis_title(a.input, a.unit)) + ",";
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    out += (k == 0 ? "" : ",") + csv_field(s.series[k].ruleset);
  }
  out += "\n";
  const std::size_t nx = s.axes[0].values.size();
  const std::size_t ny = s.axes.size() > 1 ? s.axes[1].values.size() : 1;
  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      out += exact_number(s.axes[0].values[i], s.axes[0].unit) + ",";
      if (s.axes.size() > 1) out += exact_number(s.axes[1].values[j], s.axes[1].unit) + ",";
      for (std::size_t k = 0; k < s.series.size(); ++k) {
        const auto& v = s.series[k].values[i * ny + j];
        out += (k == 0 ? "" : ",") + (v ? csv_field(sweep_figure_exact(s, *v)) : std::string());
      }
      out += "\n";
    }
  }
  return out;
}

std::string render_sweep_html(const Sweep& s, const RulesetDiff* diff) {
  std::string inputs;
  for (const auto& a : s.axes) inputs += (inputs.empty() ? "" : " and ") + human_name(a.input);
  std::string b = fmt::format("<h1>How {} responds to {}</h1>\n", html_escape(human_name(s.figure)),
                              html_escape(inputs));
  b += fmt::format("<p class=\"lead\">Each ruleset is evaluated at every point: {}.",
                   html_escape(ranges_line(s)));
  if (!s.base_inputs.empty()) {
    std::string fixed;
    for (const auto& [input, figure] : s.base_inputs)
      fixed += (fixed.empty() ? "" : "; ") + human_name(input) + " " + display_figure(figure);
    b += fmt::format(" Every other input is held as the base scheme{} gives it: {}.",
                     s.base.empty() ? "" : " <code>" + html_escape(s.base) + "</code>",
                     html_escape(fixed));
  }
  b += "</p>\n<table><tr><th>Series</th><th>Ruleset</th><th>Authority, status and "
       "dates</th><th></th></tr>\n";
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    const auto& series = s.series[k];
    std::string when = series.status;
    for (const auto& d : series.dates) when += (when.empty() ? "" : ", ") + d;
    if (series.dates.empty()) when += (when.empty() ? "" : ", ") + std::string("no date given");
    b += fmt::format(
        "<tr><td><b>{}</b></td><td>{}<br><code>{}</code></td><td>{}<br><span "
        "class=\"muted\">{}</span></td><td class=\"muted\">{}</td></tr>\n",
        html_escape(sweep_series_label(s, k)), html_escape(series.title),
        html_escape(series.ruleset), html_escape(series.authority), html_escape(when),
        html_escape(missing_line(series)));
  }
  b += "</table>\n";

  b += "<h2>Cliff edges</h2>\n";
  for (std::size_t axis = 0; axis < s.axes.size(); ++axis) {
    b += fmt::format("<p class=\"muted\">A cliff edge is where {}.</p>\n",
                     html_escape(cliff_rule(s, axis)));
    b += fmt::format("<table><tr><th>Series</th><th>{}</th><th>{}</th>{}</tr>\n",
                     html_escape(sweep_axis_title(s.axes[axis].input, s.axes[axis].unit)),
                     html_escape(sweep_axis_title(s.figure, s.figure_unit)),
                     s.axes.size() > 1 ? "<th>Where</th>" : "");
    bool any = false;
    for (const auto& c : s.cliffs) {
      if (c.axis != axis) continue;
      std::size_t k = 0;
      while (k < s.series.size() && s.series[k].ruleset != c.ruleset) ++k;
      b += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>{}</tr>\n",
                       html_escape(sweep_series_label(s, k)), html_escape(cliff_step(s, c)),
                       html_escape(sweep_cliff_jump(s, c)),
                       s.axes.size() > 1
                           ? "<td class=\"muted\">" + html_escape(cliff_where(s, c)) + "</td>"
                           : "");
      any = true;
    }
    if (!any)
      b += fmt::format("<tr><td colspan=\"{}\" class=\"muted\">none</td></tr>\n",
                       s.axes.size() > 1 ? 4 : 3);
    b += "</table>\n";
  }

  b += "<h2>Chart</h2>\n<figure>\n" + render_sweep_svg(s);
  if (s.axes.size() > 1) {
    b += s.categories.empty()
             ? "<figcaption>Each cell is one point of the grid, darker for a larger figure; amber "
               "walls mark the cliff edges. Hover over a cell for its values.</figcaption>\n"
             : "<figcaption>Each cell is one point of the grid, coloured by its outcome as the key "
               "shows; amber walls mark the cliff edges. Hover over a cell for its "
               "values.</figcaption>\n";
  } else if (!s.categories.empty() && !s.yes_no) {
    b += "<figcaption>Each band is one ruleset, coloured by its outcome at each value of the input "
         "as the key shows; a line marks each cliff edge, labelled with the value where the "
         "outcome changes.</figcaption>\n";
  } else {
    b += "<figcaption>Each line holds the figure from one value of the input to the next, so a "
         "cliff edge shows as a vertical jump; the dashed lines mark the cliff edges, labelled "
         "with the value where the figure jumps.</figcaption>\n";
  }
  b += "</figure>\n";

  if (diff) b += "<h2>What the second ruleset changes</h2>\n" + render_diff_html_section(*diff);

  b += "<h2>Values</h2>\n";
  if (s.axes.size() == 1) {
    const auto& axis = s.axes.front();
    b +=
        fmt::format("<table><tr><th>{}</th>", html_escape(sweep_axis_title(axis.input, axis.unit)));
    for (std::size_t k = 0; k < s.series.size(); ++k) {
      b += fmt::format("<th>{}<br><span class=\"muted\">{}</span></th>",
                       html_escape(sweep_series_label(s, k)),
                       html_escape(sweep_axis_title(s.figure, s.figure_unit)));
    }
    b += "</tr>\n";
    for (std::size_t i = 0; i < axis.values.size(); ++i) {
      bool differ = false;
      for (std::size_t k = 1; k < s.series.size(); ++k)
        differ = differ || s.series[k].values[i] != s.series[0].values[i];
      b += fmt::format("<tr{}><td class=\"num\">{}</td>", differ ? " class=\"differs\"" : "",
                       html_escape(sweep_cell(axis.values[i], axis.unit)));
      for (const auto& series : s.series) {
        b += fmt::format("<td class=\"num\">{}</td>",
                         html_escape(sweep_figure_cell(s, series.values[i])));
      }
      b += "</tr>\n";
    }
    b += "</table>\n";
    if (s.series.size() > 1)
      b += "<p class=\"muted\">Shaded rows are where the rulesets disagree.</p>\n";
  } else {
    const auto& ax = s.axes[0];
    const auto& ay = s.axes[1];
    for (std::size_t k = 0; k < s.series.size(); ++k) {
      b += fmt::format("<h3>{}: {}, {} down and {} across</h3>\n<table><tr><th></th>",
                       html_escape(sweep_series_label(s, k)),
                       html_escape(sweep_axis_title(s.figure, s.figure_unit)),
                       html_escape(sweep_axis_title(ax.input, ax.unit)),
                       html_escape(sweep_axis_title(ay.input, ay.unit)));
      for (std::size_t j = 0; j < ay.values.size(); ++j)
        b += "<th>" + html_escape(sweep_cell(ay.values[j], ay.unit)) + "</th>";
      b += "</tr>\n";
      for (std::size_t i = 0; i < ax.values.size(); ++i) {
        b += "<tr><th>" + html_escape(sweep_cell(ax.values[i], ax.unit)) + "</th>";
        for (std::size_t j = 0; j < ay.values.size(); ++j) {
          b += "<td class=\"num\">" +
               html_escape(sweep_figure_cell(s, s.series[k].values[i * ay.values.size() + j])) +
               "</td>";
        }
        b += "</tr>\n";
      }
      b += "</table>\n";
    }
  }
  return html_page(fmt::format("Sweep of {} over {}", s.figure, inputs), b);
}

}  // namespace spdl
