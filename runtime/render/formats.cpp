#include "spdl/runtime/render/formats.hpp"

#include "spdl/runtime/render/compare_render.hpp"
#include "spdl/runtime/render/diff_render.hpp"
#include "spdl/runtime/render/report_html.hpp"
#include "spdl/runtime/render/sweep_render.hpp"

namespace spdl {

std::optional<std::string> render_report_as(const Report& report, std::string_view format,
                                            bool colour) {
  if (format == "json") return render_report_json(report);
  if (format == "markdown") return render_report_markdown(report);
  if (format == "html") return render_report_html(report);
  if (format == "text") return render_report_text(report, colour);
  return std::nullopt;
}

std::optional<std::string> render_diff_as(const RulesetDiff& diff, std::string_view format) {
  if (format == "json") return render_diff_json(diff);
  if (format == "markdown") return render_diff_markdown(diff);
  if (format == "html") return render_diff_html(diff);
  if (format == "text") return render_diff_text(diff);
  return std::nullopt;
}

std::optional<std::string> render_comparison_as(const Comparison& comparison,
                                                std::string_view format) {
  if (format == "json") return render_comparison_json(comparison);
  if (format == "markdown") return render_comparison_markdown(comparison);
  if (format == "csv") return render_comparison_csv(comparison);
  if (format == "html") return render_comparison_html(comparison);
  if (format == "text") return render_comparison_text(comparison);
  return std::nullopt;
}

std::optional<std::string> render_sweep_as(const Sweep& sweep, std::string_view format,
                                           const RulesetDiff* diff) {
  if (format == "json") return render_sweep_json(sweep);
  if (format == "csv") return render_sweep_csv(sweep);
  if (format == "svg") return render_sweep_svg(sweep);
  if (format == "html") return render_sweep_html(sweep, diff);
  if (format == "text") return render_sweep_text(sweep);
  return std::nullopt;
}

}  // namespace spdl
