// spdl/evaluate: the document's ruleset evaluated on a scheme, for an editor to show the figures
// beside the rules. The scheme is given inline (the JSON a scheme file would hold) or as a path
// (absolute, a file: URI, or relative to the document's folder). The result is the report as
// `spdl eval --format json` prints it (spec/report-format.md).

#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/lsp/features.hpp"
#include "spdl/runtime/lsp/uri.hpp"

namespace spdl::lsp {

Reply evaluate(Session& session, const json& params) {
  const json* scheme = member(params, "scheme");
  if (scheme == nullptr || !(scheme->is_object() || scheme->is_string()))
    return invalid_params("scheme must be a scheme (an object) or the path of a scheme file");
  const auto explain = bool_member(params, "explain");
  auto found = document_of(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  if (!a.good()) {
    return request_failed(
        "the ruleset has errors (see its diagnostics); it can be evaluated once it checks");
  }
  std::shared_ptr<const Program> program = a.program();
  if (!program) {
    const OpenedRuleset opened = open_ruleset(a.checked());
    std::string why = "the ruleset cannot be evaluated";
    if (!opened.diagnostics.empty()) why = render_text(opened.diagnostics, a.load().sources);
    return request_failed(why);
  }

  SourceSet scheme_files;
  SchemeLoad loaded;
  if (scheme->is_string()) {
    const std::string text = scheme->get<std::string>();
    std::filesystem::path path;
    if (text.rfind("file:", 0) == 0) {
      const auto from_uri = path_from_uri(text);
      if (!from_uri) return invalid_params("scheme is not a file: URI that names a file");
      path = *from_uri;
    } else {
      path = text;
    }
    if (path.empty()) return invalid_params("scheme is an empty path");
    if (path.is_relative()) {
      const auto& own = cursor.document->path();
      if (!own) return invalid_params("a relative scheme path needs a document that is a file");
      path = own->parent_path() / path;
    }
    loaded = load_scheme(*program->checked, scheme_files, path);
  } else {
    loaded = read_scheme(*program->checked, scheme_files, "scheme", dump(*scheme));
  }
  if (!loaded.scheme) return request_failed(render_text(loaded.diagnostics, scheme_files));

  const Evaluation evaluation = Evaluator(program).evaluate(*loaded.scheme);
  const Report report = build_report(evaluation, {.explain = explain.value_or(false)});
  json result = json::parse(render_report_json(report), nullptr, false);
  if (result.is_discarded())
    return ResponseError{error_code::internal_error, "the report is not JSON"};
  return result;
}

}  // namespace spdl::lsp
