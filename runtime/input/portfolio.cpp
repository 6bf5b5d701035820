#include "spdl/runtime/input/portfolio.hpp"

#include <fmt/format.h>

#include <set>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/input/csv.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/input/scheme_values.hpp"
#include "spdl/runtime/input/yaml_tree.hpp"

namespace spdl {

namespace {

// Past limits::max_diagnostics_per_file errors a portfolio is read no further: a file of a
// hundred thousand bad rows needs its first few named, not all.
bool too_many_errors(Diagnostics& diagnostics, FileId file, std::uint32_t at) {
  if (diagnostics.error_count() < limits::max_diagnostics_per_file) return false;
  if (diagnostics.all().back().code == "too-many-errors") return true;
  diagnostics.add({.severity = Severity::note,
                   .code = "too-many-errors",
                   .message = "too many errors in this portfolio; stopping here",
                   .span = {file, at, at + 1}});
  return true;
}

Portfolio from_csv(const CheckedRuleset& ruleset, const SourceSet& sources, FileId file,
                   const SchemeReadOptions& options) {
  Portfolio out;
  const std::string& text = sources.file(file).text();
  const CsvTable table = read_csv(text, limits::max_list_rows);
  auto span_at = [&](std::uint32_t offset, std::size_t length) {
    return Span{file, offset,
                offset + static_cast<std::uint32_t>(std::max<std::size_t>(length, 1))};
  };
  if (table.rows.empty()) {
    out.diagnostics.add({.severity = Severity::error,
                         .code = "empty",
                         .message = "this portfolio has no rows",
                         .path = sources.file(file).path()});
    return out;
  }
  // A record that cannot be read is an error on its line; so is every other, so that one run
  // names them all (up to a point).
  for (const auto& row : table.rows) {
    if (!row.problem) continue;
    if (too_many_errors(out.diagnostics, file, row.offset)) break;
    out.diagnostics.error("csv", span_at(row.problem->offset, 1), row.problem->message);
  }
  if (table.rows_left_out) {
    out.diagnostics.error(
        "too-many-rows", span_at(*table.rows_left_out, 1),
        fmt::format("a portfolio may have at most {} schemes", limits::max_list_rows));
  }
  if (table.rows[0].problem) return out;
  const auto& header = table.rows[0].cells;
  std::vector<int> column_input(header.size(), -1);
  int name_column = -1;
  std::vector<std::string> input_names;
  for (const auto& i : ruleset.inputs) input_names.push_back(i.name);
  std::set<std::uint32_t> given;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& h = header[c].text;
    const Span at = span_at(header[c].offset, h.size());
    if (is_scheme_metadata(h)) {
      if (h == "name") name_column = static_cast<int>(c);
      continue;
    }
    const auto found = ruleset.find(h);
    if (!found || found->kind != SymbolKind::input ||
        ruleset.inputs[found->index].type.kind == TypeKind::list) {
      auto& d =
          options.allow_unknown_keys
              ? out.diagnostics.warning(
                    "unknown-column", at,
                    fmt::format("column `{}` is not an input of this ruleset; it is ignored", h))
              : out.diagnostics.error(
                    "unknown-column", at,
                    fmt::format("column `{}` is not an input of this ruleset", h));
      if (const auto s = closest_match(h, input_names); !s.empty())
        d.hint = fmt::format("did you mean `{}`?", s);
      continue;
    }
    column_input[c] = static_cast<int>(found->index);
    given.insert(found->index);
  }
  bool columns_missing = false;
  for (std::uint32_t i = 0; i < ruleset.inputs.size(); ++i) {
    const auto& input = ruleset.inputs[i];
    if (given.count(i) || !input.used || input.decl->optional ||
        input.decl->default_value != ast::no_expr)
      continue;
    out.diagnostics.error(
        "missing-input", span_at(table.rows[0].offset, 1),
        fmt::format("the portfolio has no column `{}`, which this ruleset needs", input.name));
    columns_missing = true;
  }
  if (columns_missing || out.diagnostics.has_errors()) return out;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    if (too_many_errors(out.diagnostics, file, table.rows[r].offset)) break;
    if (table.rows[r].problem) continue;  // reported above
    const auto& row = table.rows[r].cells;
    Scheme s;
    s.path = sources.file(file).path();
    s.inputs.assign(ruleset.inputs.size(), Value{});
    s.lists.resize(ruleset.inputs.size());
    bool ok = true;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const auto& cell = row[c];
      if (static_cast<int>(c) == name_column) s.name = cell.text;
      if (column_input[c] < 0 || cell.text.empty()) continue;
      const auto& input = ruleset.inputs[static_cast<std::size_t>(column_input[c])];
      auto v = read_input_value(cell.text, input, ruleset, s.texts);
      if (auto* p = std::get_if<ValueProblem>(&v)) {
        out.diagnostics
            .error("scheme", span_at(cell.offset, cell.text.size()),
                   fmt::format("row {}, {}: {}", r, input.name, p->message))
            .hint = p->hint;
        ok = false;
        continue;
      }
      s.inputs[static_cast<std::size_t>(column_input[c])] = std::get<Value>(v);
    }
    for (std::uint32_t i = 0; i < ruleset.inputs.size(); ++i) {
      const auto& input = ruleset.inputs[i];
      if (s.inputs[i].known() || !input.used || input.decl->optional ||
          input.decl->default_value != ast::no_expr)
        continue;
      out.diagnostics.error(
          "missing-input", span_at(table.rows[r].offset, 1),
          fmt::format("row {}: no `{}`, which this ruleset needs", r, input.name));
      ok = false;
    }
    if (s.name.empty()) s.name = fmt::format("row {}", r);
    if (!ok) continue;
    out.schemes.push_back(std::move(s));
    out.rows.push_back(r);
  }
  return out;
}

Portfolio from_yaml(const CheckedRuleset& ruleset, const SourceSet& sources, FileId file,
                    const SchemeReadOptions& options) {
  std::set<std::string> warned;  // a key that is no input is worth one warning, not one a scheme
  Portfolio out;
  const std::string& text = sources.file(file).text();
  auto tree = yaml::read_yaml(
      text, {.max_nodes = limits::max_portfolio_nodes, .max_depth = limits::max_yaml_depth});
  if (const auto* problem = std::get_if<yaml::TreeProblem>(&tree)) {
    const std::uint32_t at = std::min<std::uint32_t>(
        problem->offset, static_cast<std::uint32_t>(text.empty() ? 0 : text.size() - 1));
    out.diagnostics.error("yaml", {file, at, at + 1}, problem->message);
    return out;
  }
  const yaml::Node root = std::get<std::unique_ptr<yaml::Tree>>(tree)->root();
  const yaml::Node list = root.is_map() && root.get("schemes") ? root.get("schemes") : root;
  if (!list.is_sequence()) {
    out.diagnostics.add({.severity = Severity::error,
                         .code = "portfolio",
                         .message = "a portfolio is a list of schemes (or `schemes:` with a list)",
                         .path = sources.file(file).path()});
    return out;
  }
  if (list.size() > limits::max_list_rows) {
    out.diagnostics.error("too-many-rows", {file, list.offset(), list.offset() + 1},
                          fmt::format("a portfolio may have at most {} schemes; this one has {}",
                                      limits::max_list_rows, list.size()));
    return out;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (too_many_errors(out.diagnostics, file, list.item(i).offset())) break;
    SchemeLoad one =
        read_scheme_node(ruleset, list.item(i), file, sources.file(file).path(), {}, options);
    for (const auto& d : one.diagnostics.all()) {
      if (d.severity == Severity::warning && d.code == "unknown-key" &&
          !warned.insert(d.message).second)
        continue;
      out.diagnostics.add(d);
    }
    if (!one.scheme) continue;
    if (one.scheme->name.empty()) one.scheme->name = fmt::format("scheme {}", i + 1);
    out.schemes.push_back(std::move(*one.scheme));
    out.rows.push_back(i + 1);
  }
  return out;
}

}  // namespace

Portfolio load_portfolio(const CheckedRuleset& ruleset, SourceSet& sources,
                         const std::filesystem::path& path, const SchemeReadOptions& options) {
  auto text = read_text_file(path, limits::max_portfolio_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    Portfolio out;
    out.diagnostics.add(
        {.severity = Severity::error,
         .code = "cannot-read",
         .message = fmt::format("cannot read portfolio {}: it {}", path.string(), failure->message),
         .path = path.string()});
    return out;
  }
  return read_portfolio(ruleset, sources, path.string(), std::move(std::get<std::string>(text)),
                        path.extension() == ".csv", options);
}

Portfolio read_portfolio(const CheckedRuleset& ruleset, SourceSet& sources,
                         const std::string& display_path, std::string text, bool csv,
                         const SchemeReadOptions& options) {
  const FileId file = sources.add(display_path, std::move(text));
  // As for a scheme file: text that is not UTF-8, or holds a NUL byte, is no portfolio.
  const std::string& body = sources.file(file).text();
  const auto bad = utf8::first_invalid(body);
  const auto nul = body.find('\0');
  if (bad || nul != std::string::npos) {
    Portfolio out;
    const auto at = static_cast<std::uint32_t>(bad ? *bad : nul);
    out.diagnostics.error(bad ? "invalid-utf8" : "nul-byte", {file, at, at + 1},
                          bad ? "this portfolio is not valid UTF-8"
                              : "this portfolio contains a NUL byte; a portfolio is plain text");
    return out;
  }
  return csv ? from_csv(ruleset, sources, file, options)
             : from_yaml(ruleset, sources, file, options);
}

}  // namespace spdl
