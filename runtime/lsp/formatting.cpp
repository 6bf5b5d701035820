// Formatting: the whole document in `spdl fmt`'s canonical layout, as one edit. A document that
// does not parse is left alone, with the first syntax error as the reason.

#include <fmt/format.h>

#include "spdl/lang/syntax/formatter.hpp"
#include "spdl/lang/syntax/parser.hpp"
#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

Reply formatting(Session& session, const json& params) {
  auto found = document_of(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Document& document = *std::get<Cursor>(found).document;
  SourceSet sources;
  const FileId file = sources.add(document.uri(), document.text());
  ast::Ast ast;
  const ParseResult parsed = parse_module(ast, sources, file);
  if (!parsed.ok()) {
    const Diagnostic& first = parsed.diagnostics.all().front();
    for (const auto& d : parsed.diagnostics.all()) {
      if (d.severity != Severity::error) continue;
      const LineColumn at = sources.file(file).position(d.span.begin);
      return request_failed(
          fmt::format("not formatted: line {}: {}; fix the errors first", at.line, d.message));
    }
    return request_failed("not formatted: " + first.message);
  }
  const std::string formatted = format_module(ast, sources, parsed.module);
  if (formatted == document.text()) return json::array();
  const Range whole{{0, 0}, document.lines().end()};
  return json::array({{{"range", to_json(whole)}, {"newText", formatted}}});
}

}  // namespace spdl::lsp
