#pragma once
// A sweep in each format people read: text, JSON, CSV, SVG charts and an HTML page.

#include <string>

#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/analysis/sweep.hpp"

namespace spdl {

// Shared by the renderings: a short name for series i (the last part of its id, or the whole id
// when two series share it); an axis title with its unit ("Site area (ha)"); a value as plotted, in
// the unit people read (hectares, percentage points); a value in a table cell, without its unit.
std::string sweep_series_label(const Sweep& s, std::size_t series);
std::string sweep_axis_title(const std::string& name, const Unit& unit);
double sweep_plot_value(const Rational& base_value, const Unit& unit);
std::string sweep_cell(const Rational& base_value, const Unit& unit);
// A value of the sweep's figure in a table cell: a number without its unit, an outcome that is not
// a number by its label ("yes", "met", "intermediate"), "unknown" when not known.
std::string sweep_figure_cell(const Sweep& s, const std::optional<Rational>& value);
// The same for programs (JSON, CSV): a number exact in its unit, an outcome by its label.
std::string sweep_figure_exact(const Sweep& s, const Rational& value);
// The colour of an outcome that is not a number, in charts and their keys: a yes/no's no pale and
// yes blue; a check's findings grey, green and red; an enumeration's members distinct hues.
std::string sweep_category_colour(const Sweep& s, std::size_t category);
// Point i of an axis as people read it: "15 dwellings", "0.35 ha".
std::string sweep_axis_label(const SweepAxis& axis, std::size_t i);
// The figure on one side of a cliff: "6 dwellings", "5 to 6 dwellings"; the edge as a jump:
// "0 → 6 dwellings".
std::string sweep_figure_range(const Sweep& s, const FigureRange& range);
std::string sweep_cliff_jump(const Sweep& s, const CliffEdge& c);
// "14 → 15 dwellings" from "14 dwellings" and "15 dwellings"; `joint` is " → " or " to ".
std::string sweep_range_text(const std::string& a, const std::string& b, const char* joint = " → ");

std::string render_sweep_text(const Sweep& s);
std::string render_sweep_json(const Sweep& s);
std::string render_sweep_csv(const Sweep& s);
// One SVG document: a line chart of every series for one varied input; for two, a heat map per
// series, one under the other.
std::string render_sweep_svg(const Sweep& s);
// A page with the charts, the cliff edges and the tables; `diff`, when given, says what the
// second ruleset changes from the first.
std::string render_sweep_html(const Sweep& s, const RulesetDiff* diff);

}  // namespace spdl
