// Go to definition and find references, across `use` and `amends`: into stdlib/ and the
// rulesets a ruleset amends, and back from a module to every ruleset of the project that uses it.

#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

Reply definition(Session& session, const json& params) {
  auto found = cursor_at(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  if (a.file() == no_file) return json(nullptr);
  const SymbolIndex& index = a.index();
  if (const Occurrence* o = index.occurrence_at(a.file(), cursor.offset)) {
    const Declaration* d = declaration_at(index, *o);
    if (d == nullptr) return json(nullptr);
    // On an `override`, the definition is what it overrides.
    if (o->declaration) {
      if (const Declaration* replaced = index.replaced_by(*d)) d = replaced;
    }
    return location_of(session, a, d->name_span);
  }
  if (const ModuleReference* m = index.module_at(a.file(), cursor.offset)) {
    const auto& header = a.load().modules[m->module].syntax.header;
    const FileId file = a.load().modules[m->module].syntax.file;
    return location_of(session, a, header.id_span.valid() ? header.id_span : Span{file, 0, 0});
  }
  return json(nullptr);
}

Reply references(Session& session, const json& params) {
  auto found = cursor_at(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  if (a.file() == no_file) return json(nullptr);
  bool with_declarations = true;
  if (const json* context = member(params, "context")) {
    if (const auto include = bool_member(*context, "includeDeclaration"))
      with_declarations = *include;
  }
  const Occurrence* o = a.index().occurrence_at(a.file(), cursor.offset);
  if (o == nullptr) return json(nullptr);
  json out = json::array();
  for (const auto& site : sites_everywhere(session, a, a.index().key(o->key), with_declarations))
    out.push_back(location(site.uri, site.range));
  return out;
}

}  // namespace spdl::lsp
