#pragma once
// A comparison of rulesets over schemes in each format people read: text, Markdown, JSON, CSV,
// HTML.

#include <string>

#include "spdl/runtime/analysis/compare.hpp"

namespace spdl {

// A change of the diff as one reason reads: "urban_threshold: 15
// dwellings → 10 dwellings [1.5]", "rule x changed".
std::string reason_text(const Change& change);
std::string render_comparison_text(const Comparison& c);
std::string render_comparison_markdown(const Comparison& c);
std::string render_comparison_json(const Comparison& c);
std::string render_comparison_csv(const Comparison& c);
std::string render_comparison_html(const Comparison& c);

}  // namespace spdl
