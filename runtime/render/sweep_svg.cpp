// The charts of a sweep, as plain SVG written with fmt: a step chart per varied input (each
// ruleset a line, its cliff edges dashed and labelled), or a heat map per ruleset for two inputs.
// Coordinates are doubles because they are pixels; every figure a reader sees as text is exact.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "spdl/runtime/ir/value_display.hpp"
#include "spdl/runtime/render/html.hpp"
#include "spdl/runtime/render/sweep_render.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

namespace {

constexpr double width = 820;
constexpr double left = 78;
constexpr double right = width - 28;
constexpr const char* font = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

// Distinct in colour and in weight, so overlapping lines stay visible and the chart still reads
// in grey: the first series is drawn widest, each later one narrower on top of it.
struct SeriesStyle {
  const char* colour;
  double line_width;
};
constexpr SeriesStyle series_styles[] = {{"#2563eb", 5}, {"#ea580c", 2.2}};

SeriesStyle style_of(std::size_t series) {
  return series < std::size(series_styles) ? series_styles[series] : SeriesStyle{"#7c3aed", 1.5};
}

// Round steps of 1, 2 or 5 times a power of ten, about `target` of them, from the last at or
// below `lo` to the first at or above `hi`, so the axis covers all the data. A count (`whole`)
// steps by 1 at least: no tick at half a dwelling.
std::vector<double> nice_ticks(double lo, double hi, int target, bool whole = false) {
  if (!(hi > lo)) hi = lo + 1;
  const double raw = (hi - lo) / target;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = magnitude;
  for (const double m : {1.0, 2.0, 5.0, 10.0}) {
    step = m * magnitude;
    if (step >= raw) break;
  }
  if (whole) step = std::max(step, 1.0);
  std::vector<double> ticks;
  const double first = std::floor(lo / step + 1e-9) * step;
  for (double t = first; t < hi + step * (1 - 1e-9); t += step) {
    ticks.push_back(std::abs(t) < step * 1e-9 ? 0.0 : t);
  }
  return ticks;
}

bool whole_numbers(const std::vector<double>& values) {
  return std::all_of(values.begin(), values.end(),
                     [](double v) { return std::abs(v - std::round(v)) < 1e-9; });
}

std::string tick_label(double value, double step, const Unit& unit) {
  const int decimals = step >= 1 ? 0 : static_cast<int>(std::ceil(-std::log10(step) - 1e-9));
  std::string text = group_thousands(fmt::format("{:.{}f}", value, decimals));
  if (unit.percent) text += "%";
  if (unit.is(Dimension::money)) text = "£" + text;
  return text;
}

double tick_step(const std::vector<double>& ticks) {
  return ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0;
}

std::string text_element(double x, double y, const std::string& text, const char* attributes) {
  return fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" {}>{}</text>\n", x, y, attributes,
                     html_escape(text));
}

std::string base_line(const Sweep& s) {
  std::string line;
  for (const auto& [input, figure] : s.base_inputs)
    line += (line.empty() ? "" : "; ") + human_name(input) + " " + display_figure(figure);
  if (line.empty()) return s.base.empty() ? "" : "Base scheme: " + s.base;
  return (s.base.empty() ? "Other inputs: " : "Base scheme " + s.base + ": ") + line;
}

// `text` in lines of at most `max_chars`, each broken after a "; " where it can be (an SVG text
// element does not wrap: a long base scheme ran off the chart).
std::vector<std::string> wrapped(const std::string& text, std::size_t max_chars) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (text.size() - start > max_chars) {
    std::size_t cut = text.rfind("; ", start + max_chars);
    if (cut == std::string::npos || cut <= start) cut = text.rfind(' ', start + max_chars);
    if (cut == std::string::npos || cut <= start) cut = start + max_chars;
    const bool at_semicolon = text.compare(cut, 2, "; ") == 0;
    lines.push_back(text.substr(start, cut - start + (at_semicolon ? 1 : 0)));
    start = cut + (at_semicolon ? 2 : text[cut] == ' ' ? 1 : 0);
  }
  lines.push_back(text.substr(start));
  return lines;
}

// The heading block shared by both kinds of chart; returns its height.
double heading(std::string& out, const std::string& title, const Sweep& s, double top) {
  out +=
      text_element(left, top + 22, title, "font-size=\"17\" font-weight=\"600\" fill=\"#1f2933\"");
  const std::string base = base_line(s);
  if (base.empty()) return 34;
  // About 100 characters of 12-pixel text fit between the chart's margins.
  const auto lines = wrapped(base, 100);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += text_element(left, top + 42 + 16.0 * static_cast<double>(i), lines[i],
                        "font-size=\"12\" fill=\"#52606d\"");
  }
  return 52 + 16.0 * static_cast<double>(lines.size() - 1);
}

std::string line_chart(const Sweep& s) {
  const SweepAxis& axis = s.axes.front();
  const std::size_t n = axis.values.size();
  std::string body;
  double top = heading(body,
                       fmt::format("{} against {}", sweep_axis_title(s.figure, s.figure_unit),
                                   human_name(axis.input)),
                       s, 0);

  // The legend: one row per ruleset.
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    const auto style = style_of(k);
    const double y = top + 14 + 20.0 * static_cast<double>(k);
    body += fmt::format(
        "<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"{}\" "
        "stroke-width=\"{}\"/>\n",
        left, y - 4, left + 26, y - 4, style.colour, style.line_width);
    const auto& series = s.series[k];
    body += text_element(
        left + 34, y,
        series.title.empty() ? series.ruleset : series.title + " (" + series.ruleset + ")",
        "font-size=\"12\" fill=\"#1f2933\"");
  }
  top += 20.0 * static_cast<double>(s.series.size()) + 34;
  const double bottom = top + (s.yes_no ? 160 : 300);
  const double height = bottom + 58;

  // Scales: x over the varied input, y from zero (or the lowest value) to the highest.
  const double x0 = sweep_plot_value(axis.values.front(), axis.unit);
  double x1 = sweep_plot_value(axis.values.back(), axis.unit);
  if (!(x1 > x0)) x1 = x0 + 1;
  double y_lo = 0, y_hi = 0;
  std::vector<double> ys;
  for (const auto& series : s.series) {
    for (const auto& v : series.values) {
      if (!v) continue;
      const double y = sweep_plot_value(*v, s.figure_unit);
      ys.push_back(y);
      y_lo = std::min(y_lo, y);
      y_hi = std::max(y_hi, y);
    }
  }
  // A yes/no steps between two levels, no and yes, with nothing between them.
  const auto y_ticks = s.yes_no
                           ? std::vector<double>{0, 1}
                           : nice_ticks(y_lo, y_hi > y_lo ? y_hi : y_lo + 1, 5, whole_numbers(ys));
  y_lo = std::min(y_lo, y_ticks.front());
  y_hi = std::max(y_ticks.back(), y_lo + 1e-9);
  // A yes/no's two levels sit inside the frame, clear of its edges and of the labels.
  if (s.yes_no) {
    y_lo = -0.15;
    y_hi = 1.15;
  }
  auto px = [&](double x) { return left + (x - x0) / (x1 - x0) * (right - left); };
  auto py = [&](double y) { return bottom - (y - y_lo) / (y_hi - y_lo) * (bottom - top); };

  // Grid, ticks and axis titles.
  for (const double t : y_ticks) {
    body +=
        fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#e4e7eb\"/>\n",
                    left, py(t), right, py(t));
    body += text_element(
        left - 8, py(t) + 4,
        s.yes_no ? s.categories[t > 0.5 ? 1 : 0] : tick_label(t, tick_step(y_ticks), s.figure_unit),
        "font-size=\"11\" fill=\"#52606d\" text-anchor=\"end\"");
  }
  std::vector<double> xs;
  for (const auto& v : axis.values) xs.push_back(sweep_plot_value(v, axis.unit));
  auto x_ticks = nice_ticks(x0, x1, 10, whole_numbers(xs));
  // The axis runs from the first value to the last: no tick outside it.
  std::erase_if(x_ticks, [&](double t) { return t < x0 - 1e-9 || t > x1 + 1e-9; });
  for (const double t : x_ticks) {
    body +=
        fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"#9aa5b1\"/>\n",
                    px(t), bottom, px(t), bottom + 5);
    body += text_element(px(t), bottom + 18, tick_label(t, tick_step(x_ticks), axis.unit),
                         "font-size=\"11\" fill=\"#52606d\" text-anchor=\"middle\"");
  }
  body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#52606d\"/>\n", left,
                      bottom, right, bottom);
  body += fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#52606d\"/>\n", left,
                      top, left, bottom);
  body += text_element((left + right) / 2, bottom + 42, sweep_axis_title(axis.input, axis.unit),
                       "font-size=\"13\" fill=\"#1f2933\" text-anchor=\"middle\"");
  body += fmt::format(
      "<text transform=\"translate(18 {:.1f}) rotate(-90)\" font-size=\"13\" fill=\"#1f2933\" "
      "text-anchor=\"middle\">{}</text>\n",
      (top + bottom) / 2, html_escape(sweep_axis_title(s.figure, s.figure_unit)));

  // Cliff edges: a dashed line where the figure jumps, labelled with the input's value there.
  std::vector<double> label_rows;  // how many labels already sit near each cliff, to stack them
  for (const auto& cliff : s.cliffs) {
    std::size_t k = 0;
    while (k < s.series.size() && s.series[k].ruleset != cliff.ruleset) ++k;
    const double x = px(sweep_plot_value(axis.values[cliff.from + 1], axis.unit));
    const auto style = style_of(k);
    body += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"{3}\" "
        "stroke-width=\"1.2\" "
        "stroke-dasharray=\"5 4\"/>\n",
        x, top, bottom, style.colour);
    const std::size_t row = static_cast<std::size_t>(
        std::count_if(label_rows.begin(), label_rows.end(),
                      [&](double other) { return std::abs(other - x) < 150; }));
    label_rows.push_back(x);
    // A yes/no's labels sit between its two levels, where no line runs along.
    const double y =
        (s.yes_no ? (top + bottom) / 2 - 8 : top + 14) + 15.0 * static_cast<double>(row);
    const bool flip = x > right - 160;
    body += text_element(
        flip ? x - 5 : x + 5, y,
        fmt::format("{}: {}", sweep_axis_label(axis, cliff.from + 1), sweep_cliff_jump(s, cliff)),
        fmt::format("font-size=\"11\" fill=\"{}\" text-anchor=\"{}\"", style.colour,
                    flip ? "end" : "start")
            .c_str());
  }

  // The series: each value holds from its point to the next, so a cliff shows as a vertical jump.
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    const auto& values = s.series[k].values;
    std::string path;
    bool drawing = false;
    for (std::size_t i = 0; i < n; ++i) {
      if (!values[i]) {
        drawing = false;
        continue;
      }
      const double x = px(sweep_plot_value(axis.values[i], axis.unit));
      const double y = py(sweep_plot_value(*values[i], s.figure_unit));
      path +=
          drawing ? fmt::format(" H{:.1f} V{:.1f}", x, y) : fmt::format(" M{:.1f} {:.1f}", x, y);
      drawing = true;
    }
    const auto style = style_of(k);
    if (!path.empty()) {
      body += fmt::format(
          "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"{}\" "
          "stroke-linejoin=\"round\"/>\n",
          path.substr(1), style.colour, style.line_width);
    }
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1}\" viewBox=\"0 0 {0} "
      "{1}\" "
      "font-family=\"{2}\" role=\"img\">\n<title>{3}</title>\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n{4}"
      "</svg>\n",
      width, height, font,
      html_escape(fmt::format("{} against {}", human_name(s.figure), human_name(axis.input))),
      body);
}

// The x axis of a one-input chart over [left, right): ticks at round values of the input, its
// title under them. Returns the x position of each of the input's values.
std::string x_axis(const SweepAxis& axis, double bottom, const std::vector<double>& xs_px) {
  std::string body;
  std::vector<double> xs;
  for (const auto& v : axis.values) xs.push_back(sweep_plot_value(v, axis.unit));
  const double x0 = xs.front(), x1 = xs.back() > xs.front() ? xs.back() : xs.front() + 1;
  auto x_ticks = nice_ticks(x0, x1, 10, whole_numbers(xs));
  std::erase_if(x_ticks, [&](double t) { return t < x0 - 1e-9 || t > x1 + 1e-9; });
  const double n = static_cast<double>(xs.size());
  const double cell = (xs_px.back() - xs_px.front()) / std::max(1.0, n - 1);
  for (const double t : x_ticks) {
    // A tick at the middle of the band of the value it names.
    const double x = xs_px.front() + (t - x0) / (x1 - x0) * (n - 1) * cell + cell / 2;
    body +=
        fmt::format("<line x1=\"{:.1f}\" y1=\"{}\" x2=\"{:.1f}\" y2=\"{}\" stroke=\"#9aa5b1\"/>\n",
                    x, bottom, x, bottom + 5);
    body += text_element(x, bottom + 18, tick_label(t, tick_step(x_ticks), axis.unit),
                         "font-size=\"11\" fill=\"#52606d\" text-anchor=\"middle\"");
  }
  body += text_element((left + right) / 2, bottom + 42, sweep_axis_title(axis.input, axis.unit),
                       "font-size=\"13\" fill=\"#1f2933\" text-anchor=\"middle\"");
  return body;
}

// An outcome that is a member of an enumeration (or a check's finding), over one input: a band
// for each ruleset, coloured by the outcome at each value of the input, under a key of the
// outcomes; unknown values grey. The cliff edges are where a band changes colour; each is
// labelled under its band.
std::string band_chart(const Sweep& s) {
  const SweepAxis& axis = s.axes.front();
  const std::size_t n = axis.values.size();
  std::string body;
  double top = heading(body,
                       fmt::format("{} against {}", sweep_axis_title(s.figure, s.figure_unit),
                                   human_name(axis.input)),
                       s, 0);
  // The key: a swatch for each outcome, wrapped to the width of the chart, then unknown.
  double kx = left;
  double ky = top + 10;
  const auto swatch = [&](const std::string& colour, const std::string& label) {
    const double w = 26 + 7.0 * static_cast<double>(label.size()) + 18;
    if (kx + w > right) {
      kx = left;
      ky += 22;
    }
    body += fmt::format(
        "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"18\" height=\"14\" fill=\"{}\" "
        "stroke=\"#9aa5b1\"/>\n",
        kx, ky, colour);
    body += text_element(kx + 24, ky + 11, label, "font-size=\"12\" fill=\"#1f2933\"");
    kx += w;
  };
  for (std::size_t c = 0; c < s.categories.size(); ++c)
    swatch(sweep_category_colour(s, c), s.categories[c]);
  swatch("#eef0f3", "unknown");
  top = ky + 40;

  const double band_left = left + 120;
  const double cell = (right - band_left) / static_cast<double>(std::max<std::size_t>(n, 1));
  std::vector<double> xs_px;
  for (std::size_t i = 0; i < n; ++i) xs_px.push_back(band_left + cell * static_cast<double>(i));
  const double band_h = 34;
  const double gap = 40;  // room under each band for its cliff labels
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    const double y = top + (band_h + gap) * static_cast<double>(k);
    body += text_element(band_left - 10, y + band_h / 2 + 4, sweep_series_label(s, k),
                         "font-size=\"12\" font-weight=\"600\" fill=\"#1f2933\" "
                         "text-anchor=\"end\"");
    // Runs of one outcome drawn as one rectangle, titled for hover.
    for (std::size_t i = 0; i < n;) {
      const auto& v = s.series[k].values[i];
      std::size_t j = i;
      while (j + 1 < n && s.series[k].values[j + 1] == v) ++j;
      const std::string label = sweep_figure_cell(s, v);
      const std::size_t category =
          v ? static_cast<std::size_t>(std::lround(sweep_plot_value(*v, Unit::none())))
            : s.categories.size();
      body += fmt::format(
          "<rect x=\"{:.2f}\" y=\"{:.1f}\" width=\"{:.2f}\" height=\"{}\" fill=\"{}\" "
          "shape-rendering=\"crispEdges\"><title>{}: {}</title></rect>\n",
          xs_px[i], y, cell * static_cast<double>(j - i + 1), band_h,
          v ? sweep_category_colour(s, category) : std::string("#eef0f3"),
          html_escape(
              sweep_range_text(sweep_axis_label(axis, i), sweep_axis_label(axis, j), " to ")),
          html_escape(label));
      // The outcome written in its run, where it fits.
      if (cell * static_cast<double>(j - i + 1) > 7.0 * static_cast<double>(label.size()) + 8) {
        const bool pale = !v || sweep_category_colour(s, category) == "#cbd2d9" ||
                          sweep_category_colour(s, category) == "#dbe4f0";
        body += text_element(xs_px[i] + cell * static_cast<double>(j - i + 1) / 2,
                             y + band_h / 2 + 4, label,
                             pale ? "font-size=\"11\" fill=\"#1f2933\" text-anchor=\"middle\""
                                  : "font-size=\"11\" fill=\"white\" text-anchor=\"middle\"");
      }
      i = j + 1;
    }
    // Its cliff edges: where the outcome changes, the first value with the new outcome.
    std::size_t row = 0;
    double last_x = -1e9;
    for (const auto& cliff : s.cliffs) {
      if (cliff.ruleset != s.series[k].ruleset) continue;
      const double x = xs_px[cliff.from + 1];
      row = x - last_x < 220 ? (row + 1) % 2 : 0;
      last_x = x;
      body += fmt::format(
          "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" stroke=\"#1f2933\" "
          "stroke-width=\"1.2\"/>\n",
          x, y - 2, y + band_h + 4);
      const bool flip = x > right - 200;
      body += text_element(
          flip ? x - 4 : x + 4, y + band_h + 14 + 13.0 * static_cast<double>(row),
          fmt::format("{}: {}", sweep_axis_label(axis, cliff.from + 1), sweep_cliff_jump(s, cliff)),
          flip ? "font-size=\"11\" fill=\"#1f2933\" text-anchor=\"end\""
               : "font-size=\"11\" fill=\"#1f2933\"");
    }
  }
  const double bottom = top + (band_h + gap) * static_cast<double>(s.series.size()) - gap + 30;
  body +=
      fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#52606d\"/>\n",
                  band_left, bottom, right, bottom);
  body += x_axis(axis, bottom, xs_px);
  const double height = bottom + 58;
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1:.0f}\" viewBox=\"0 0 "
      "{0} {1:.0f}\" font-family=\"{2}\" role=\"img\">\n<title>{3}</title>\n<rect width=\"100%\" "
      "height=\"100%\" fill=\"white\"/>\n{4}</svg>\n",
      width, height, font,
      html_escape(fmt::format("{} against {}", human_name(s.figure), human_name(axis.input))),
      body);
}

// A light-to-dark blue for t in [0, 1].
std::string shade(double t) {
  constexpr int from[3] = {239, 246, 255};
  constexpr int to[3] = {30, 58, 138};
  int c[3];
  for (int i = 0; i < 3; ++i)
    c[i] = static_cast<int>(std::lround(from[i] + (to[i] - from[i]) * std::clamp(t, 0.0, 1.0)));
  return fmt::format("#{:02x}{:02x}{:02x}", c[0], c[1], c[2]);
}

// One heat map: the first input across, the second up; each cell coloured by the figure; the
// cliff edges drawn as amber walls between cells.
std::string heat_map(const Sweep& s, std::size_t k, double top, double& height) {
  const SweepAxis& ax = s.axes[0];
  const SweepAxis& ay = s.axes[1];
  const std::size_t nx = ax.values.size(), ny = ay.values.size();
  const auto& series = s.series[k];
  const double start = top;
  std::string body;
  top += heading(
      body,
      fmt::format("{}: {}", sweep_series_label(s, k), sweep_axis_title(s.figure, s.figure_unit)), s,
      top);
  body += text_element(left, top + 8, series.title, "font-size=\"12\" fill=\"#52606d\"");
  top += 24;

  const double plot_right = right - 150;
  const double cell_w = (plot_right - left) / static_cast<double>(nx);
  const double cell_h = std::clamp(320.0 / static_cast<double>(ny), 6.0, 26.0);
  const double bottom = top + cell_h * static_cast<double>(ny);
  // One colour scale for every ruleset, so the same shade means the same figure in each map.
  double lo = 0, hi = 0;
  bool any = false;
  for (const auto& other : s.series) {
    for (const auto& v : other.values) {
      if (!v) continue;
      const double y = sweep_plot_value(*v, s.figure_unit);
      lo = any ? std::min(lo, y) : y;
      hi = any ? std::max(hi, y) : y;
      any = true;
    }
  }
  const double span = hi > lo ? hi - lo : 1;
  // Bins of equal width, each one shade, so a cell's colour is exactly a key's swatch: for whole
  // numbers, bins of whole numbers (one a value when there are six or fewer); else six.
  std::vector<double> known_values;
  for (const auto& other : s.series) {
    for (const auto& v : other.values) {
      if (v) known_values.push_back(sweep_plot_value(*v, s.figure_unit));
    }
  }
  const bool whole = whole_numbers(known_values);
  const double bin_width = whole ? std::ceil((span + 1) / 6) : span / 6;
  // An outcome that is not a number: one swatch per outcome, in the key's order.
  const int bins = !s.categories.empty() ? static_cast<int>(s.categories.size())
                   : whole               ? static_cast<int>(std::floor(span / bin_width)) + 1
                                         : 6;
  auto bin_of = [&](double y) {
    if (!s.categories.empty()) return std::clamp(static_cast<int>(std::lround(y)), 0, bins - 1);
    return std::clamp(static_cast<int>(std::floor((y - lo) / bin_width + 1e-9)), 0, bins - 1);
  };
  const bool categorical = !s.categories.empty();
  auto shade_of_bin = [&](int b) {
    if (categorical) return sweep_category_colour(s, static_cast<std::size_t>(b));
    return shade(bins > 1 ? b / double(bins - 1) : 1.0);
  };
  auto cell_x = [&](std::size_t i) { return left + cell_w * static_cast<double>(i); };
  auto cell_y = [&](std::size_t j) { return bottom - cell_h * static_cast<double>(j + 1); };

  for (std::size_t i = 0; i < nx; ++i) {
    for (std::size_t j = 0; j < ny; ++j) {
      const auto& v = series.values[i * ny + j];
      const std::string fill =
          v ? shade_of_bin(bin_of(sweep_plot_value(*v, s.figure_unit))) : std::string("#d9dde3");
      body += fmt::format(
          "<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" "
          "fill=\"{}\" shape-rendering=\"crispEdges\"><title>{}, {}: {}</title></rect>\n",
          cell_x(i), cell_y(j), cell_w + 0.3, cell_h + 0.3, fill,
          html_escape(sweep_axis_label(ax, i)), html_escape(sweep_axis_label(ay, j)),
          v ? html_escape(categorical ? sweep_figure_cell(s, v) : display_number(*v, s.figure_unit))
            : "unknown");
      // The value itself, where the cell has room for it (not only on hover).
      if (v && !categorical && cell_w >= 30 && cell_h >= 14) {
        const bool dark = bin_of(sweep_plot_value(*v, s.figure_unit)) >= bins / 2;
        body += text_element(cell_x(i) + cell_w / 2, cell_y(j) + cell_h / 2 + 4,
                             tick_label(sweep_plot_value(*v, s.figure_unit), 1, s.figure_unit),
                             dark ? "font-size=\"10\" fill=\"white\" text-anchor=\"middle\""
                                  : "font-size=\"10\" fill=\"#1f2933\" text-anchor=\"middle\"");
      }
    }
  }
  for (const auto& cliff : s.cliffs) {
    if (cliff.ruleset != series.ruleset) continue;
    for (const std::size_t other : cliff.across) {
      if (cliff.axis == 0) {
        const double x = cell_x(cliff.from + 1);
        body += fmt::format(
            "<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{0:.2f}\" y2=\"{2:.2f}\" stroke=\"#f59e0b\" "
            "stroke-width=\"2.5\"/>\n",
            x, cell_y(other), cell_y(other) + cell_h);
      } else {
        const double y = cell_y(cliff.from);
        body += fmt::format(
            "<line x1=\"{0:.2f}\" y1=\"{1:.2f}\" x2=\"{2:.2f}\" y2=\"{1:.2f}\" stroke=\"#f59e0b\" "
            "stroke-width=\"2.5\"/>\n",
            cell_x(other), y, cell_x(other) + cell_w);
      }
    }
  }

  // Axes: ticks at round values, placed at the centre of the cell that holds them.
  auto place = [](const SweepAxis& a, double v, double from, double size) {
    const double a0 = sweep_plot_value(a.values.front(), a.unit);
    const double a1 = sweep_plot_value(a.values.back(), a.unit);
    const double n = static_cast<double>(a.values.size());
    return a1 > a0 ? from + ((v - a0) / (a1 - a0) * (n - 1) + 0.5) * size : from + size / 2;
  };
  // Only ticks within each axis's range; a count's at whole numbers.
  const auto axis_ticks = [](const SweepAxis& a, int target) {
    const double first = sweep_plot_value(a.values.front(), a.unit);
    const double last = sweep_plot_value(a.values.back(), a.unit);
    std::vector<double> values;
    for (const auto& v : a.values) values.push_back(sweep_plot_value(v, a.unit));
    auto ticks = nice_ticks(first, last, target, whole_numbers(values));
    std::erase_if(ticks, [&](double t) { return t < first - 1e-9 || t > last + 1e-9; });
    return ticks;
  };
  const auto x_ticks = axis_ticks(ax, 10);
  for (const double t : x_ticks) {
    const double x = place(ax, t, left, cell_w);
    body += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1}\" x2=\"{0:.1f}\" y2=\"{2}\" stroke=\"#9aa5b1\"/>\n", x,
        bottom, bottom + 5);
    body += text_element(x, bottom + 18, tick_label(t, tick_step(x_ticks), ax.unit),
                         "font-size=\"11\" fill=\"#52606d\" text-anchor=\"middle\"");
  }
  const auto y_ticks = axis_ticks(ay, 6);
  for (const double t : y_ticks) {
    const double y = bottom - place(ay, t, 0, cell_h);
    body += fmt::format(
        "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{2}\" y2=\"{1:.1f}\" stroke=\"#9aa5b1\"/>\n",
        left - 5, y, left);
    body += text_element(left - 8, y + 4, tick_label(t, tick_step(y_ticks), ay.unit),
                         "font-size=\"11\" fill=\"#52606d\" text-anchor=\"end\"");
  }
  body += text_element((left + plot_right) / 2, bottom + 42, sweep_axis_title(ax.input, ax.unit),
                       "font-size=\"13\" fill=\"#1f2933\" text-anchor=\"middle\"");
  body += fmt::format(
      "<text transform=\"translate(18 {:.1f}) rotate(-90)\" font-size=\"13\" fill=\"#1f2933\" "
      "text-anchor=\"middle\">{}</text>\n",
      (top + bottom) / 2, html_escape(sweep_axis_title(ay.input, ay.unit)));

  // The colour key: six shades from the lowest figure to the highest, and the cliff wall.
  const double key_x = plot_right + 24;
  body += text_element(key_x, top + 4, human_name(s.figure),
                       "font-size=\"12\" font-weight=\"600\" fill=\"#1f2933\"");
  // Each swatch labelled with the values its cells hold: "4", "4 to 6", "from 0.5 to under 1".
  for (int step = 0; step < bins; ++step) {
    const double y = top + 14 + 20.0 * step;
    body += fmt::format(
        "<rect x=\"{}\" y=\"{:.1f}\" width=\"18\" height=\"16\" fill=\"{}\" stroke=\"#cbd2d9\"/>\n",
        key_x, y, shade_of_bin(step));
    const double from = lo + bin_width * step;
    std::string label;
    if (categorical) {
      label = s.categories[static_cast<std::size_t>(step)];
    } else if (!any) {
      label = "unknown";
    } else if (whole) {
      const double to = std::min(from + bin_width - 1, hi);
      label = tick_label(from, 1, s.figure_unit) +
              (to > from ? " to " + tick_label(to, 1, s.figure_unit) : "");
    } else {
      label = step + 1 == bins
                  ? fmt::format("from {} to {}", tick_label(from, 0.01, s.figure_unit),
                                tick_label(hi, 0.01, s.figure_unit))
                  : fmt::format("from {} to under {}", tick_label(from, 0.01, s.figure_unit),
                                tick_label(from + bin_width, 0.01, s.figure_unit));
    }
    body += text_element(key_x + 26, y + 12, label, "font-size=\"11\" fill=\"#1f2933\"");
  }
  const double wall_y = top + 14 + 20.0 * bins + 8;
  body += fmt::format(
      "<line x1=\"{0}\" y1=\"{1:.1f}\" x2=\"{0}\" y2=\"{2:.1f}\" stroke=\"#f59e0b\" "
      "stroke-width=\"2.5\"/>\n",
      key_x + 9, wall_y, wall_y + 16);
  body += text_element(key_x + 26, wall_y + 12, "cliff edge", "font-size=\"11\" fill=\"#1f2933\"");
  body += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"18\" height=\"16\" fill=\"#d9dde3\"/>\n",
                      key_x, wall_y + 24);
  body += text_element(key_x + 26, wall_y + 36, "unknown", "font-size=\"11\" fill=\"#1f2933\"");
  height = std::max(bottom + 58, wall_y + 48) - start;
  return body;
}

std::string heat_maps(const Sweep& s) {
  std::string body;
  double top = 0;
  for (std::size_t k = 0; k < s.series.size(); ++k) {
    double h = 0;
    body += heat_map(s, k, top, h);
    top += h + 24;
  }
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{0}\" height=\"{1:.0f}\" viewBox=\"0 0 "
      "{0} {1:.0f}\" "
      "font-family=\"{2}\" role=\"img\">\n<title>{3}</title>\n<rect width=\"100%\" height=\"100%\" "
      "fill=\"white\"/>\n{4}"
      "</svg>\n",
      width, top, font,
      html_escape(fmt::format("{} by {} and {}", human_name(s.figure), human_name(s.axes[0].input),
                              human_name(s.axes[1].input))),
      body);
}

}  // namespace

std::string render_sweep_svg(const Sweep& s) {
  if (s.axes.size() > 1) return heat_maps(s);
  // A yes/no is a step line between its two levels; other outcomes are bands of colour.
  return s.categories.empty() || s.yes_no ? line_chart(s) : band_chart(s);
}

}  // namespace spdl
