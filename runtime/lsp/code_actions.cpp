// Code actions: each did-you-mean of a diagnostic under the cursor as a quick fix that writes the
// suggested name in place of the misspelt one.

#include <fmt/format.h>

#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

namespace {

bool overlaps(const Range& a, const Range& b) {
  return !(a.end < b.start || b.end < a.start);
}

bool wants_quick_fixes(const json& params) {
  const json* context = member(params, "context");
  const json* only = context != nullptr ? member(*context, "only") : nullptr;
  if (only == nullptr || !only->is_array()) return true;
  for (const auto& kind : *only) {
    if (kind.is_string() && (kind == "quickfix" || kind == "")) return true;
  }
  return false;
}

}  // namespace

Reply code_actions(Session& session, const json& params) {
  const json* range_value = member(params, "range");
  const auto range = range_value != nullptr ? read_range(*range_value) : std::nullopt;
  if (!range) return invalid_params("range is missing or not a range");
  auto found = document_of(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  json actions = json::array();
  if (!wants_quick_fixes(params) || a.file() == no_file) return actions;
  const SourceSet& sources = a.load().sources;
  for (const auto& d : a.checked().diagnostics.all()) {
    if (!d.span.valid() || d.span.file != a.file()) continue;
    if (!overlaps(range_in(a, d.span), *range)) continue;
    const auto suggestion = did_you_mean(d, sources);
    if (!suggestion) continue;
    const std::string written(sources.slice(suggestion->span));
    json edit = {{"range", to_json(range_in(a, suggestion->span))},
                 {"newText", suggestion->replacement}};
    actions.push_back(
        {{"title", fmt::format("Change `{}` to `{}`", written, suggestion->replacement)},
         {"kind", "quickfix"},
         {"isPreferred", true},
         {"diagnostics", json::array({diagnostic_json(session, a, d)})},
         {"edit", {{"changes", {{a.uri(), json::array({edit})}}}}}});
  }
  return actions;
}

}  // namespace spdl::lsp
