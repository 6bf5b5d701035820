#include "spdl/runtime/input/portfolio.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/input/csv.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"
#include "spdl/runtime/input/scheme_values.hpp"

namespace spdl {

namespace {

Portfolio from_csv(const CheckedRuleset& ruleset, const SourceSet& sources, FileId file) {
  Portfolio out;
  const std::string& text = sources.file(file).text();
  const CsvTable table = read_csv(text);
  if (!table.error.empty()) {
    out.diagnostics.error("csv", {file, table.error_offset, table.error_offset + 1}, table.error);
    return out;
  }
  if (table.rows.empty()) {
    out.diagnostics.add({.severity = Severity::error,
                         .code = "empty",
                         .message = "this portfolio has no rows",
                         .path = sources.file(file).path()});
    return out;
  }
  const auto& header = table.rows[0];
  std::vector<int> column_input(header.size(), -1);
  int name_column = -1;
  std::vector<std::string> input_names;
  for (const auto& i : ruleset.inputs) input_names.push_back(i.name);
  std::set<std::uint32_t> given;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& h = header[c].text;
    const Span at{
        file, header[c].offset,
        header[c].offset + static_cast<std::uint32_t>(std::max<std::size_t>(h.size(), 1))};
    if (is_scheme_metadata(h)) {
      if (h == "name") name_column = static_cast<int>(c);
      continue;
    }
    const auto found = ruleset.find(h);
    if (!found || found->kind != SymbolKind::input ||
        ruleset.inputs[found->index].type.kind == TypeKind::list) {
      auto& d = out.diagnostics.warning(
          "unknown-column", at,
          fmt::format("column `{}` is not an input of this ruleset; it is ignored", h));
      if (const auto s = closest_match(h, input_names); !s.empty())
        d.hint = fmt::format("did you mean `{}`?", s);
      continue;
    }
    column_input[c] = static_cast<int>(found->index);
    given.insert(found->index);
  }
  for (std::uint32_t i = 0; i < ruleset.inputs.size(); ++i) {
    const auto& input = ruleset.inputs[i];
    if (given.count(i) || !input.used || input.decl->optional ||
        input.decl->default_value != ast::no_expr)
      continue;
    out.diagnostics.error(
        "missing-input", {file, header[0].offset, header[0].offset + 1},
        fmt::format("the portfolio has no column `{}`, which this ruleset needs", input.name));
  }
  if (out.diagnostics.has_errors()) return out;
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    if (r > limits::max_list_rows) {
      out.diagnostics.error(
          "too-many-rows", {file, table.rows[r][0].offset, table.rows[r][0].offset + 1},
          fmt::format("a portfolio may have at most {} schemes", limits::max_list_rows));
      break;
    }
    const auto& row = table.rows[r];
    Scheme s;
    s.path = sources.file(file).path();
    s.inputs.assign(ruleset.inputs.size(), Value{});
    s.lists.resize(ruleset.inputs.size());
    bool ok = true;
    for (std::size_t c = 0; c < row.size() && c < header.size(); ++c) {
      const auto& cell = row[c];
      if (static_cast<int>(c) == name_column) s.name = cell.text;
      if (column_input[c] < 0 || cell.text.empty()) continue;
      const auto& input = ruleset.inputs[static_cast<std::size_t>(column_input[c])];
      auto v = read_input_value(cell.text, input, ruleset, s.texts);
      if (auto* p = std::get_if<ValueProblem>(&v)) {
        const Span at{
            file, cell.offset,
            cell.offset + static_cast<std::uint32_t>(std::max<std::size_t>(cell.text.size(), 1))};
        out.diagnostics
            .error("scheme", at, fmt::format("row {}, {}: {}", r, input.name, p->message))
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
          "missing-input", {file, row[0].offset, row[0].offset + 1},
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

Portfolio from_yaml(const CheckedRuleset& ruleset, const SourceSet& sources, FileId file) {
  Portfolio out;
  YAML::Node root;
  try {
    root = YAML::Load(sources.file(file).text());
  } catch (const YAML::Exception& e) {
    const auto pos =
        e.mark.is_null() || e.mark.pos < 0 ? 0u : static_cast<std::uint32_t>(e.mark.pos);
    out.diagnostics.error("yaml", {file, pos, pos + 1},
                          fmt::format("this is not valid YAML: {}", e.msg));
    return out;
  }
  const YAML::Node list = root.IsMap() && root["schemes"] ? root["schemes"] : root;
  if (!list.IsSequence()) {
    out.diagnostics.add({.severity = Severity::error,
                         .code = "portfolio",
                         .message = "a portfolio is a list of schemes (or `schemes:` with a list)",
                         .path = sources.file(file).path()});
    return out;
  }
  for (std::size_t i = 0; i < list.size() && i < limits::max_list_rows; ++i) {
    try {
      SchemeLoad one = read_scheme_node(ruleset, list[i], file, sources.file(file).path());
      out.diagnostics.append(one.diagnostics);
      if (!one.scheme) continue;
      if (one.scheme->name.empty()) one.scheme->name = fmt::format("scheme {}", i + 1);
      out.schemes.push_back(std::move(*one.scheme));
      out.rows.push_back(i + 1);
    } catch (const YAML::Exception& e) {
      out.diagnostics.add({.severity = Severity::error,
                           .code = "yaml",
                           .message = e.msg,
                           .path = sources.file(file).path()});
    }
  }
  return out;
}

}  // namespace

Portfolio load_portfolio(const CheckedRuleset& ruleset, SourceSet& sources,
                         const std::filesystem::path& path) {
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
                        path.extension() == ".csv");
}

Portfolio read_portfolio(const CheckedRuleset& ruleset, SourceSet& sources,
                         const std::string& display_path, std::string text, bool csv) {
  const FileId file = sources.add(display_path, std::move(text));
  return csv ? from_csv(ruleset, sources, file) : from_yaml(ruleset, sources, file);
}

}  // namespace spdl
