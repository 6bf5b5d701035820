// Completion: after `name.`, the members of an enumeration, the shares of a group or the fields
// of a list's rows; after a number or in a type, units (and in a type, the record and
// enumeration names); at the start of a line, the words that start a declaration; elsewhere the
// names in scope (inputs, parameters, rules, tables, enumeration members), the built-in
// functions, the expression keywords and units.

#include <algorithm>
#include <array>
#include <cctype>
#include <set>

#include "spdl/lang/base/units.hpp"
#include "spdl/runtime/lsp/features.hpp"

namespace spdl::lsp {

namespace {

// LSP CompletionItemKind numbers.
namespace item_kind {
constexpr int function = 3, field = 5, variable = 6, unit = 11, value = 12, enumeration = 13,
              keyword = 14, enum_member = 20, constant = 21, structure = 22, event = 23;
}

constexpr std::array declaration_words = {
    "use",    "input",  "parameter", "rule",   "check",    "condition", "table",    "enum",
    "extend", "record", "shares",    "policy", "override", "remove",    "exception"};
constexpr std::array expression_words = {"if",  "then", "else",  "and",      "or",     "not",
                                         "in",  "when", "where", "true",     "false",  "require",
                                         "for", "over", "of",    "optional", "default"};
constexpr std::array builtins = {
    "round_half_up", "round_half_even", "round_up", "round_down", "min", "max",
    "abs",           "known",           "sum",      "count",      "any", "all"};
constexpr std::array primitive_types = {"boolean", "number", "percent", "date", "text"};

bool word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// As the formatter writes them (editors/README.md): a `[` after a value and a space opens a
// citation; after an operator or a keyword, touching a name, or first on its line, a list or an
// index.
bool is_citation_bracket(std::string_view lead, std::size_t bracket) {
  if (bracket < 2 || lead[bracket - 1] != ' ') return false;
  std::size_t end = bracket - 1;
  while (end > 0 && lead[end - 1] == ' ') --end;
  if (end == 0) return false;
  const char c = lead[end - 1];
  if (c == ')' || c == '"' || c == '%') return true;
  if (!word_char(c)) return false;
  std::size_t start = end;
  while (start > 0 && word_char(lead[start - 1])) --start;
  const std::string_view word = lead.substr(start, end - start);
  for (const char* w : expression_words) {
    if (word == w) return false;
  }
  return true;
}

int kind_of(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::input:
      return item_kind::variable;
    case DeclarationKind::parameter:
    case DeclarationKind::part:
      return item_kind::constant;
    case DeclarationKind::rule:
      return item_kind::function;
    case DeclarationKind::table:
    case DeclarationKind::record:
    case DeclarationKind::shares:
      return item_kind::structure;
    case DeclarationKind::enumeration:
      return item_kind::enumeration;
    case DeclarationKind::member:
      return item_kind::enum_member;
    case DeclarationKind::field:
    case DeclarationKind::column:
      return item_kind::field;
    case DeclarationKind::check:
    case DeclarationKind::condition:
    case DeclarationKind::policy:
    case DeclarationKind::exception:
      return item_kind::event;
  }
  return item_kind::value;
}

class Items {
 public:
  void add(const std::string& label, int kind, const std::string& detail, char rank) {
    if (label.empty() || !seen_.insert(label).second) return;
    json item = {{"label", label}, {"kind", kind}, {"sortText", std::string(1, rank) + label}};
    if (!detail.empty()) item["detail"] = detail;
    items_.push_back(std::move(item));
  }
  json finish(const std::string& prefix) {
    // Thousands of names (a generated ruleset) are cut down to those that could match what is
    // typed, and to a few thousand; the client asks again as the word grows.
    constexpr std::size_t most = 500;
    if (items_.size() <= most) return {{"isIncomplete", false}, {"items", items_}};
    json kept = json::array();
    for (auto& item : items_) {
      if (kept.size() == 4 * most) break;
      const std::string label = item["label"];
      std::size_t q = 0;
      for (std::size_t i = 0; i < label.size() && q < prefix.size(); ++i) {
        if (std::tolower(static_cast<unsigned char>(label[i])) ==
            std::tolower(static_cast<unsigned char>(prefix[q])))
          ++q;
      }
      if (q == prefix.size()) kept.push_back(std::move(item));
    }
    return {{"isIncomplete", true}, {"items", kept}};
  }

 private:
  json items_ = json::array();
  std::set<std::string> seen_;
};

}  // namespace

Reply completion(Session& session, const json& params) {
  auto found = cursor_at(session, params);
  if (auto* error = std::get_if<ResponseError>(&found)) return *error;
  const Cursor& cursor = std::get<Cursor>(found);
  const Analysis& a = *cursor.analysis;
  const LineIndex& lines = cursor.document->lines();
  const Position at = lines.position_of(cursor.offset);
  const std::string_view line = lines.line(at.line);
  const std::size_t column =
      std::min<std::size_t>(cursor.offset - lines.offset_of({at.line, 0}), line.size());
  const std::string_view before = line.substr(0, column);

  std::size_t word_start = before.size();
  while (word_start > 0 && word_char(before[word_start - 1])) --word_start;
  const std::string prefix(before.substr(word_start));
  const std::string_view lead = before.substr(0, word_start);

  Items items;
  // Nothing to offer in a comment, a string or a citation.
  {
    bool in_string = false;
    std::size_t open_bracket = std::string_view::npos;
    for (std::size_t i = 0; i < lead.size(); ++i) {
      const char c = lead[i];
      if (c == '"') in_string = !in_string;
      if (in_string) continue;
      if (c == '#') return items.finish(prefix);
      if (c == '[') open_bracket = i;
      if (c == ']') open_bracket = std::string_view::npos;
    }
    if (in_string) return items.finish(prefix);
    if (open_bracket != std::string_view::npos && is_citation_bracket(lead, open_bracket))
      return items.finish(prefix);
  }

  const SymbolIndex& index = a.index();
  const auto& declarations = index.declarations();

  // `owner.` : members, shares or fields.
  if (!lead.empty() && lead.back() == '.') {
    std::size_t owner_start = lead.size() - 1;
    while (owner_start > 0 && word_char(lead[owner_start - 1])) --owner_start;
    const std::string owner(lead.substr(owner_start, lead.size() - 1 - owner_start));
    std::set<std::string> owners{owner, owner + " row"};
    // A list input's rows are records: `schedule.` offers dwelling_row's fields.
    if (const auto k = index.find_key({Namespace::value, "", owner})) {
      if (const Declaration* d = index.in_force(*k); d && d->kind == DeclarationKind::input) {
        const auto& type = std::get<ast::InputDecl>(*d->decl).type;
        if (type.list_of && type.head != ast::no_name) owners.insert(a.load().ast.names[type.head]);
      }
    }
    for (const auto& d : declarations) {
      const SymbolKey& key = index.key(d.key);
      if (!owners.count(key.owner) || key.space == Namespace::exception) continue;
      if (index.in_force(d.key) != &d) continue;
      items.add(key.name, kind_of(d.kind), declaration_detail(session, a, d), 'a');
    }
    return items.finish(prefix);
  }

  const std::string_view trimmed_lead = [&] {
    auto end = lead.find_last_not_of(' ');
    return end == std::string_view::npos ? std::string_view() : lead.substr(0, end + 1);
  }();
  const bool line_start = trimmed_lead.empty();
  const bool after_number =
      !trimmed_lead.empty() &&
      (std::isdigit(static_cast<unsigned char>(trimmed_lead.back())) || trimmed_lead.back() == '%');
  const bool in_type = trimmed_lead.ends_with(":") || trimmed_lead.ends_with(" of") ||
                       trimmed_lead.ends_with(" per");

  auto add_units = [&](char rank) {
    for (const auto& word : unit_words()) items.add(word, item_kind::unit, "unit", rank);
  };
  if (in_type) {
    for (const char* t : primitive_types) items.add(t, item_kind::keyword, "type", 'a');
    add_units('b');
    for (const auto& d : declarations) {
      if (d.kind == DeclarationKind::enumeration || d.kind == DeclarationKind::record)
        items.add(index.key(d.key).name, kind_of(d.kind), declaration_kind_name(d.kind), 'c');
    }
    return items.finish(prefix);
  }
  if (after_number) {
    add_units('a');
    for (const char* w : expression_words) items.add(w, item_kind::keyword, "", 'b');
    return items.finish(prefix);
  }
  if (line_start && column == prefix.size()) {
    for (const char* w : declaration_words) items.add(w, item_kind::keyword, "", 'a');
    return items.finish(prefix);
  }

  for (const auto& d : declarations) {
    const SymbolKey& key = index.key(d.key);
    const bool value = key.space == Namespace::value && d.kind != DeclarationKind::check &&
                       d.kind != DeclarationKind::condition && d.kind != DeclarationKind::policy;
    const bool member = key.space == Namespace::member;
    const bool type = d.kind == DeclarationKind::enumeration || d.kind == DeclarationKind::shares;
    if (!value && !member && !type) continue;
    if (index.in_force(d.key) != &d) continue;
    items.add(key.name, kind_of(d.kind), declaration_detail(session, a, d), member ? 'b' : 'a');
  }
  for (const char* b : builtins) items.add(b, item_kind::function, "built-in function", 'c');
  for (const char* w : expression_words) items.add(w, item_kind::keyword, "", 'd');
  if (line_start) {
    for (const char* w : declaration_words) items.add(w, item_kind::keyword, "", 'd');
  }
  add_units('e');
  return items.finish(prefix);
}

}  // namespace spdl::lsp
