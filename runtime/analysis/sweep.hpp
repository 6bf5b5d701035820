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
  // An outcome that is not a number: yes/no ("no", "yes") or an enumeration (its members' labels,
  // in declaration order). Its values are then the index of the outcome in `categories`, and a
  // cliff edge is any step where the outcome changes. Empty for a number.
  std::vector<std::string> categories = {};
  bool yes_no = false;          // the categories are "no" and "yes"
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
  // How the request names the ranges and the figure, for its errors: the command's options, or
  // the fields of an HTTP request's body.
  std::string vary_named = "--vary";
  std::string figure_named = "--figure";
};

// A figure of the accommodation schedule that a sweep may vary by rewriting the schedule rather
// than setting an input: `offered_share`, the affordable dwellings' share of all dwellings.
// "offered_share" when `name` is one, else "".
bool is_schedule_figure(const std::string& name);

// `bases` holds the base scheme read for each program, in order. Empty optional, with an error in
// `diagnostics`, when the request does not fit the rulesets.
std::optional<Sweep> run_sweep(const std::vector<const Program*>& programs,
                               const std::vector<Scheme>& bases, const SweepRequest& request,
                               Diagnostics& diagnostics);

// "dwellings=1..60", "site_area=0.1ha..1.0ha:0.05ha"; nullopt when it does not read so.
std::optional<SweepRequest::Vary> parse_vary(const std::string& text);

}  // namespace spdl
