#pragma once
// Each model rendered in a format named as `--format` and the service's `?format=` name it, so
// the command line and the service choose a renderer the same way. Nothing for a format the
// model has no renderer for.

#include <optional>
#include <string>
#include <string_view>

#include "spdl/runtime/analysis/compare.hpp"
#include "spdl/runtime/analysis/diff.hpp"
#include "spdl/runtime/analysis/sweep.hpp"
#include "spdl/runtime/report/report.hpp"

namespace spdl {

// text (with colour when asked), markdown, json or html.
std::optional<std::string> render_report_as(const Report& report, std::string_view format,
                                            bool colour = false);
// text, markdown, json or html.
std::optional<std::string> render_diff_as(const RulesetDiff& diff, std::string_view format);
// text, markdown, json, csv or html.
std::optional<std::string> render_comparison_as(const Comparison& comparison,
                                                std::string_view format);
// text, json, csv, svg or html (which shows `diff`, the two rulesets' differences, when given).
std::optional<std::string> render_sweep_as(const Sweep& sweep, std::string_view format,
                                           const RulesetDiff* diff = nullptr);

}  // namespace spdl
