#pragma once
// `spdl sweep`: evaluate one or two rulesets across a grid of one or two inputs, and find the
// cliff edges: where one more dwelling, or a little more land, changes a requirement by more than
// the step (14 to 15 dwellings taking the requirement from 0 to 6).

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/ir/figure_value.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/ir/scheme.hpp"

namespace spdl {

struct SweepAxis {
  std::string input;             // the varied input
  Unit unit;                     // its unit
  std::vector<Rational> values;  // in base units
};

struct SweepSeries {
  std::string ruleset;  // the id
  std::string title;
  std::string authority;           // whose guidance
  std::string status;              // "draft", ...
  std::vector<std::string> dates;  // "published 2004-06", as the header gives them
  // Figure values over the grid: values[i] for 1-D, values[i * second.size() + j] for 2-D.
  std::vector<std::optional<Rational>> values;  // empty when not known (a missing input, an error)
  std::vector<std::string> needs;               // inputs whose absence left some values unknown
  std::optional<Diagnostic> error;  // the first evaluation error, when some point failed
};

// The figure on one side of a cliff edge, in base units of the sweep's figure_unit: one value, or
// for 2-D the lowest and highest over the other axis.
struct FigureRange {
  Rational low;
  Rational high;
};

struct CliffEdge {
  std::string ruleset;
  std::size_t axis = 0;             // which varied input steps
  std::size_t from = 0;             // index on that axis
  std::vector<std::size_t> across;  // for 2-D: the indices of the other axis where it appears
  FigureRange before;               // the figure before and after the step
  FigureRange after;
};

// An input of the base scheme held fixed while others vary.
struct BaseInput {
  std::string input;
  FigureValue value;
};

struct Sweep {
  std::string figure;  // the rule charted
  Unit figure_unit;
  std::vector<SweepAxis> axes;  // one or two
  std::vector<SweepSeries> series;
  std::vector<CliffEdge> cliffs;
  std::string base;  // the base scheme's name or path
  // The other inputs the base scheme gives the first ruleset.
  std::vector<BaseInput> base_inputs;
};

struct SweepRequest {
  struct Vary {
    std::string input;
    std::string from;  // as written: "1", "0.1ha", "0.1 ha"
    std::string to;
    std::string step;  // "" for 1 in the input's unit
  };
  std::vector<Vary> vary;
  std::string figure;  // default: affordable_required, else the first quantity the ruleset computes
};

// `bases` holds the base scheme read for each program, in order. Empty optional, with an error in
// `diagnostics`, when the request does not fit the rulesets.
std::optional<Sweep> run_sweep(const std::vector<const Program*>& programs,
                               const std::vector<Scheme>& bases, const SweepRequest& request,
                               Diagnostics& diagnostics);

// "dwellings=1..60", "site_area=0.1ha..1.0ha:0.05ha"; nullopt when it does not read so.
std::optional<SweepRequest::Vary> parse_vary(const std::string& text);

// Shared by the renderings: a short name for series i (the last part of its id, or the whole id
// when two series share it); an axis title with its unit ("Site area (ha)"); a value as plotted, in
// the unit people read (hectares, percentage points); a value in a table cell, without its unit.
std::string sweep_series_label(const Sweep& s, std::size_t series);
std::string sweep_axis_title(const std::string& name, const Unit& unit);
double sweep_plot_value(const Rational& base_value, const Unit& unit);
std::string sweep_cell(const Rational& base_value, const Unit& unit);
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
