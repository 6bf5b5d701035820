// Rename a declaration and every use of it, in every file of the project that reaches it: the
// ruleset, the rulesets that amend it, the modules it uses and the rulesets that use them. Scheme
// files and YAML tests name inputs and rules too; they are left as they are.

#include <fmt/format.h>

#include <array>

#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

namespace {

// The words the grammar reserves (lang/syntax/grammar.hpp, `reserved`): a name cannot be one.
constexpr std::array reserved = {
    "ruleset",   "module",   "use",     "input",  "parameter", "rule",   "check",
    "exception", "table",    "enum",    "record", "shares",    "policy", "override",
    "remove",    "if",       "then",    "else",   "when",      "and",    "or",
    "not",       "in",       "true",    "false",  "where",     "for",    "over",
    "require",   "optional", "default", "list",   "of",        "per",
};

bool is_name(const std::string& s) {
  if (s.empty() || s.size() > 200) return false;
  const auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (!letter(s[0]) && s[0] != '_') return false;
  for (const char c : s) {
    if (!letter(c) && !(c >= '0' && c <= '9') && c != '_') return false;
  }
  for (const char* word : reserved) {
    if (s == word) return false;
  }
  return true;
}

}  // namespace

Reply prepare_rename(Session& session, const json& params) {
  auto found = cursor_at(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  if (a.file() == no_file) return json(nullptr);
  const Occurrence* o = a.index().occurrence_at(a.file(), cursor.offset);
  if (o == nullptr || a.index().declarations_of(o->key).empty()) return json(nullptr);
  return json{{"range", to_json(range_in(a, {o->file, o->begin, o->end}))},
              {"placeholder", a.index().key(o->key).name}};
}

Reply rename(Session& session, const json& params) {
  const auto new_name = string_member(params, "newName");
  if (!new_name) return invalid_params("newName is missing or not a string");
  auto found = cursor_at(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  if (a.file() == no_file) return request_failed("there is no name here to rename");
  const SymbolIndex& index = a.index();
  const Occurrence* o = index.occurrence_at(a.file(), cursor.offset);
  if (o == nullptr || index.declarations_of(o->key).empty())
    return request_failed("there is no declared name here to rename");
  if (!is_name(*new_name))
    return request_failed(fmt::format(
        "`{}` is not a name: a letter, then letters, digits or _, and not a keyword", *new_name));
  SymbolKey target = index.key(o->key);
  if (target.name == *new_name) return json{{"changes", json::object()}};
  SymbolKey clash = target;
  clash.name = *new_name;
  if (const auto k = index.find_key(clash); k && !index.declarations_of(*k).empty())
    return request_failed(fmt::format("`{}` is already declared", *new_name));

  json changes = json::object();
  for (const auto& site : sites_everywhere(session, a, target, true)) {
    changes[site.uri].push_back({{"range", to_json(site.range)}, {"newText", *new_name}});
  }
  return json{{"changes", changes}};
}

}  // namespace spdl::lsp
