// What the features share: reading a request's document and position, naming places of a load
// to the editor, and finding a name's every use across the project.

#include <set>
#include <tuple>

#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

std::variant<Cursor, ResponseError> document_of(Session& session, const json& params) {
  const auto uri = document_uri(params);
  if (!uri) return invalid_params("textDocument.uri is missing or not a string");
  Cursor cursor;
  cursor.document = session.workspace.documents().find(*uri);
  if (cursor.document == nullptr)
    return request_failed("the document is not open: send textDocument/didOpen first");
  cursor.analysis = session.workspace.current(*uri);
  return cursor;
}

std::variant<Cursor, ResponseError> cursor_at(Session& session, const json& params) {
  const json* position = member(params, "position");
  const auto at = position != nullptr ? read_position(*position) : std::nullopt;
  if (!at) return invalid_params("position is missing, or its line or character is not a number");
  auto found = document_of(session, params);
  if (auto* cursor = std::get_if<Cursor>(&found))
    cursor->offset = cursor->document->lines().offset_of(*at);
  return found;
}

Range range_in(const Analysis& analysis, Span span) {
  if (!span.valid() || span.file >= analysis.load().sources.size()) return {};
  return analysis.lines(span.file).range_of(span.begin, span.end);
}

json location_of(Session& session, const Analysis& analysis, Span span) {
  return location(session.workspace.uri_of(analysis, span.file), range_in(analysis, span));
}

const Declaration* declaration_at(const SymbolIndex& index, const Occurrence& occurrence) {
  if (occurrence.declaration) {
    for (const auto d : index.declarations_of(occurrence.key)) {
      const Declaration& declaration = index.declarations()[d];
      if (declaration.name_span.file == occurrence.file &&
          declaration.name_span.begin == occurrence.begin)
        return &declaration;
    }
  }
  return index.in_force(occurrence.key);
}

std::string module_label(const Analysis& analysis, std::uint32_t module) {
  const auto& m = analysis.load().modules[module];
  if (!m.syntax.header.id.empty()) return m.syntax.header.id;
  if (!m.name.empty()) return m.name;
  return m.path.filename().string();
}

namespace {

// A declaration's place, the same in every load that reads its file.
using Anchor = std::pair<std::string, std::uint32_t>;

Anchor anchor_of(Session& session, const Analysis& analysis, Span span) {
  const auto path = analysis.path_of(span.file);
  return {path.empty() ? session.workspace.uri_of(analysis, span.file) : path.string(), span.begin};
}

std::set<Anchor> anchors_of(Session& session, const Analysis& analysis, std::uint32_t key) {
  std::set<Anchor> out;
  const auto& index = analysis.index();
  for (const auto d : index.declarations_of(key))
    out.insert(anchor_of(session, analysis, index.declarations()[d].name_span));
  return out;
}

}  // namespace

std::vector<Site> sites_everywhere(Session& session, const Analysis& analysis, const SymbolKey& key,
                                   bool with_declarations) {
  std::vector<Site> out;
  const auto own_key = analysis.index().find_key(key);
  if (!own_key) return out;
  const std::set<Anchor> anchors = anchors_of(session, analysis, *own_key);
  std::set<std::tuple<std::string, std::uint32_t, std::uint32_t>> seen;
  auto collect = [&](const Analysis& from) {
    const auto k = from.index().find_key(key);
    if (!k) return;
    if (&from != &analysis) {
      // Another ruleset counts only if it reaches one of the same declarations: two rulesets
      // that each declare their own `affordable_share` do not share it.
      const auto theirs = anchors_of(session, from, *k);
      const bool shared = std::any_of(theirs.begin(), theirs.end(),
                                      [&](const Anchor& a) { return anchors.count(a) > 0; });
      if (!shared) return;
    }
    for (const auto* o : from.index().occurrences_of(*k)) {
      if (o->declaration && !with_declarations) continue;
      std::string uri = session.workspace.uri_of(from, o->file);
      if (!seen.insert({uri, o->begin, o->end}).second) continue;
      out.push_back(
          {std::move(uri), from.lines(o->file).range_of(o->begin, o->end), o->declaration});
    }
  };
  collect(analysis);
  if (!anchors.empty()) {
    for (const auto& other : session.workspace.project(analysis)) {
      if (other.get() != &analysis) collect(*other);
    }
  }
  return out;
}

}  // namespace spdl::lsp
