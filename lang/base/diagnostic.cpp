#include "spdl/lang/base/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "spdl/lang/base/utf8.hpp"

namespace spdl {

Diagnostic& Diagnostics::add(Diagnostic d) {
  if (d.severity == Severity::error) ++errors_;
  items_.push_back(std::move(d));
  return items_.back();
}

Diagnostic& Diagnostics::error(std::string code, Span span, std::string message) {
  return add({.severity = Severity::error,
              .code = std::move(code),
              .message = std::move(message),
              .span = span});
}

Diagnostic& Diagnostics::warning(std::string code, Span span, std::string message) {
  return add({.severity = Severity::warning,
              .code = std::move(code),
              .message = std::move(message),
              .span = span});
}

void Diagnostics::append(const Diagnostics& other) {
  for (const auto& d : other.items_) add(d);
}

namespace {

struct Palette {
  bool on;
  std::string paint(std::string_view text, std::string_view code) const {
    if (!on) return std::string(text);
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
};

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

const char* severity_colour(Severity s) {
  switch (s) {
    case Severity::error:
      return "1;31";
    case Severity::warning:
      return "1;33";
    case Severity::note:
      return "1;36";
  }
  return "1";
}

// A source line as shown: tabs would misalign the caret, so they show as single spaces (a column
// counts one per code point); control characters show as one visible character each.
std::string printable(std::string_view text) {
  std::string out = utf8::printable(text);
  std::replace(out.begin(), out.end(), '\t', ' ');
  return out;
}

// Messages, labels and hints quote what the user wrote: never raw to a terminal.
std::string shown(std::string_view text) {
  return utf8::printable(text);
}

// Byte offset of the code point with 0-based index `column` in `line` (or line.size()).
std::size_t byte_of_column(std::string_view line, std::size_t column) {
  std::size_t cp = 0;
  for (std::size_t i = 0; i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) {
      if (cp == column) return i;
      ++cp;
    }
  }
  return line.size();
}

// A source line can be megabytes long (hostile input); show at most this many code points of it,
// centred on the caret.
constexpr std::size_t snippet_width = 100;

struct Mark {
  Span span;
  std::string_view message;
  char marker;
  const char* colour;
};

// One source line with one underline row per mark on it (the primary mark first).
void render_line(std::string& out, const SourceFile& file, std::uint32_t line_number,
                 const std::vector<Mark>& marks, const Palette& p, std::size_t gutter) {
  const auto line = file.line_text(line_number);
  const std::size_t line_width = utf8::count_code_points(line);
  // A source line can be megabytes long (hostile input): show a window around the first mark.
  const std::size_t anchor = file.position(marks.front().span.begin).column - 1;
  std::size_t first = 0;
  std::size_t last = line_width;
  if (line_width > snippet_width) {
    first = anchor > snippet_width / 2 ? anchor - snippet_width / 2 : 0;
    last = std::min(line_width, first + snippet_width);
  }
  const std::size_t b = byte_of_column(line, first);
  const std::size_t e = byte_of_column(line, last);
  const std::size_t lead = first > 0 ? 3 : 0;
  out += p.paint(fmt::format("{:>{}} | ", line_number, gutter), "1;34");
  out += (first > 0 ? "..." : "") + printable(line.substr(b, e - b)) +
         (last < line_width ? "..." : "");
  out += '\n';
  for (const auto& m : marks) {
    const LineColumn start = file.position(m.span.begin);
    const LineColumn stop = file.position(m.span.end);
    std::size_t column = start.column - 1;
    std::size_t end_column = stop.line == start.line ? stop.column - 1 : line_width;
    if (end_column <= column) end_column = column + 1;
    column = std::clamp(column, first, last);
    end_column = std::clamp(end_column, column + 1, std::max(last, column + 1));
    std::string underline(end_column - column, m.marker);
    if (!m.message.empty()) underline += fmt::format(" {}", shown(m.message));
    out += p.paint(fmt::format("{:>{}} | ", "", gutter), "1;34");
    out += std::string(column - first + lead, ' ');
    out += p.paint(underline, m.colour);
    out += '\n';
  }
}

}  // namespace

std::string render_text(const Diagnostic& d, const SourceSet& sources, RenderOptions options) {
  const Palette p{options.color};
  std::string out;
  out += p.paint(severity_name(d.severity), severity_colour(d.severity));
  out += p.paint(fmt::format(": {}", shown(d.message)), "1");
  out += '\n';

  std::size_t gutter = 1;
  auto widen = [&](Span s) {
    if (!s.valid()) return;
    gutter = std::max(gutter, std::to_string(sources.file(s.file).position(s.begin).line).size());
  };
  widen(d.span);
  for (const auto& r : d.related) widen(r.span);

  // Group the marks by file and line, in order; the primary mark's file comes first.
  std::vector<Mark> marks;
  if (d.span.valid()) marks.push_back({d.span, d.label, '^', severity_colour(d.severity)});
  for (const auto& r : d.related) {
    if (r.span.valid()) marks.push_back({r.span, r.message, '-', "1;36"});
  }
  if (!marks.empty()) {
    std::vector<FileId> files;
    for (const auto& m : marks) {
      if (std::find(files.begin(), files.end(), m.span.file) == files.end())
        files.push_back(m.span.file);
    }
    for (const FileId f : files) {
      const auto& file = sources.file(f);
      std::vector<Mark> here;
      for (const auto& m : marks) {
        if (m.span.file == f) here.push_back(m);
      }
      const auto pos = file.position(here.front().span.begin);
      out += fmt::format("{:>{}}{} {}:{}:{}\n", "", gutter, p.paint("-->", "1;34"),
                         shown(file.path()), pos.line, pos.column);
      out += p.paint(fmt::format("{:>{}} |\n", "", gutter), "1;34");
      std::stable_sort(here.begin(), here.end(), [&](const Mark& a, const Mark& b) {
        return file.position(a.span.begin).line < file.position(b.span.begin).line;
      });
      for (std::size_t i = 0; i < here.size();) {
        const auto line = file.position(here[i].span.begin).line;
        std::vector<Mark> on_line;
        while (i < here.size() && file.position(here[i].span.begin).line == line)
          on_line.push_back(here[i++]);
        render_line(out, file, line, on_line, p, gutter);
      }
    }
  } else if (!d.path.empty()) {
    out += fmt::format("{:>{}}{} {}\n", "", gutter, p.paint("-->", "1;34"), shown(d.path));
  }
  if (!d.citation.empty()) {
    out +=
        fmt::format("{:>{}} = {}: [{}]\n", "", gutter, p.paint("policy", "1"), shown(d.citation));
  }
  if (!d.hint.empty()) {
    out += fmt::format("{:>{}} = {}: {}\n", "", gutter, p.paint("hint", "1;36"), shown(d.hint));
  }
  return out;
}

std::string render_text(const Diagnostics& ds, const SourceSet& sources, RenderOptions options) {
  std::string out;
  for (const auto& d : ds.all()) {
    out += render_text(d, sources, options);
    out += '\n';
  }
  return out;
}

namespace {

nlohmann::json span_json(Span span, const SourceSet& sources) {
  const auto& file = sources.file(span.file);
  const auto start = file.position(span.begin);
  const auto end = file.position(span.end);
  return {{"file", file.path()},
          {"begin", {{"offset", span.begin}, {"line", start.line}, {"column", start.column}}},
          {"end", {{"offset", span.end}, {"line", end.line}, {"column", end.column}}}};
}

}  // namespace

std::string render_json(const Diagnostics& ds, const SourceSet& sources) {
  auto list = nlohmann::json::array();
  for (const auto& d : ds.all()) {
    nlohmann::json j = {
        {"severity", severity_name(d.severity)}, {"code", d.code}, {"message", d.message}};
    if (d.span.valid()) {
      j["span"] = span_json(d.span, sources);
    } else if (!d.path.empty()) {
      j["file"] = d.path;
    }
    if (!d.label.empty()) j["label"] = d.label;
    if (!d.hint.empty()) j["hint"] = d.hint;
    if (!d.citation.empty()) j["citation"] = d.citation;
    auto related = nlohmann::json::array();
    for (const auto& r : d.related) {
      if (!r.span.valid()) continue;
      related.push_back({{"span", span_json(r.span, sources)}, {"message", r.message}});
    }
    if (!related.empty()) j["related"] = related;
    list.push_back(std::move(j));
  }
  nlohmann::json doc = {
      {"diagnostics", list}, {"errors", ds.error_count()}, {"warnings", ds.warning_count()}};
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace spdl
