#include "spdl/runtime/lsp/symbol_index.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace spdl::lsp {

const char* declaration_kind_name(DeclarationKind kind) {
  switch (kind) {
    case DeclarationKind::input:
      return "input";
    case DeclarationKind::parameter:
      return "parameter";
    case DeclarationKind::rule:
      return "rule";
    case DeclarationKind::exception:
      return "exception";
    case DeclarationKind::check:
      return "check";
    case DeclarationKind::condition:
      return "condition";
    case DeclarationKind::table:
      return "table";
    case DeclarationKind::enumeration:
      return "enum";
    case DeclarationKind::record:
      return "record";
    case DeclarationKind::shares:
      return "shares";
    case DeclarationKind::policy:
      return "policy";
    case DeclarationKind::member:
      return "member";
    case DeclarationKind::field:
      return "field";
    case DeclarationKind::column:
      return "column";
    case DeclarationKind::part:
      return "share";
  }
  return "?";
}

namespace {

bool before(FileId file_a, std::uint32_t begin_a, FileId file_b, std::uint32_t begin_b) {
  return std::tie(file_a, begin_a) < std::tie(file_b, begin_b);
}

// Modules in the order the checker merges them: what a module amends, then what it uses, then
// the module itself; modules the walk does not reach come last.
std::vector<std::uint32_t> apply_order(const Load& load) {
  std::vector<std::uint32_t> order;
  std::vector<bool> seen(load.modules.size(), false);
  // An explicit stack: (module, children pushed yet).
  std::vector<std::pair<std::uint32_t, bool>> stack;
  auto visit = [&](std::uint32_t root) {
    stack.push_back({root, false});
    while (!stack.empty()) {
      auto [m, expanded] = stack.back();
      stack.pop_back();
      if (expanded) {
        order.push_back(m);
        continue;
      }
      if (seen[m]) continue;
      seen[m] = true;
      stack.push_back({m, true});
      const auto& module = load.modules[m];
      // Pushed in reverse, so the base comes out first, then the uses in order.
      for (auto it = module.uses.rbegin(); it != module.uses.rend(); ++it) {
        if (*it < seen.size() && !seen[*it]) stack.push_back({*it, false});
      }
      if (module.base && *module.base < seen.size() && !seen[*module.base])
        stack.push_back({*module.base, false});
    }
  };
  if (load.main < load.modules.size()) visit(load.main);
  for (std::uint32_t m = 0; m < load.modules.size(); ++m) {
    if (!seen[m]) visit(m);
  }
  return order;
}

}  // namespace

class IndexBuilder {
 public:
  IndexBuilder(SymbolIndex& index, const Load& load, const CheckedRuleset* checked)
      : index_(index), load_(load), ast_(load.ast), checked_(checked) {
    if (checked_ != nullptr && checked_->expr_symbol.size() != ast_.exprs.size())
      checked_ = nullptr;
  }

  void build() {
    const auto order = apply_order(load_);
    for (const auto m : order) declare_module(m);
    for (const auto m : order) refer_module(m);
    auto by_place = [](const auto& a, const auto& b) {
      return std::tie(a.file, a.begin, a.end) < std::tie(b.file, b.begin, b.end);
    };
    std::sort(index_.occurrences_.begin(), index_.occurrences_.end(), by_place);
    index_.occurrences_.erase(std::unique(index_.occurrences_.begin(), index_.occurrences_.end(),
                                          [](const Occurrence& a, const Occurrence& b) {
                                            return a.file == b.file && a.begin == b.begin &&
                                                   a.end == b.end;
                                          }),
                              index_.occurrences_.end());
    auto by_span = [](const auto& a, const auto& b) {
      return std::tie(a.span.file, a.span.begin) < std::tie(b.span.file, b.span.begin);
    };
    std::sort(index_.citations_.begin(), index_.citations_.end(), by_span);
    std::sort(index_.modules_.begin(), index_.modules_.end(), by_span);
  }

 private:
  // ---- declarations

  void declare(DeclarationKind kind, std::uint32_t module, const ast::Decl& decl, SymbolKey key,
               Span name_span, Span span, const std::optional<ast::Citation>* citation) {
    Declaration d;
    d.kind = kind;
    d.module = module;
    d.name_span = name_span;
    d.span = span;
    d.decl = &decl;
    d.is_override = ast::common(decl).is_override;
    d.citation = citation;
    pending_ = std::move(d);
    pending_key_ = std::move(key);
  }

  // Adds the declaration prepared by declare(), after the caller filled in its sub-item.
  void commit() {
    const auto index = static_cast<std::uint32_t>(index_.declarations_.size());
    if (pending_.citation != nullptr && pending_.citation->has_value()) {
      const auto& c = **pending_.citation;
      if (c.span.valid()) index_.citations_.push_back({c.span, c.text, index});
    }
    index_.add_declaration(std::move(pending_), pending_key_);
    pending_ = {};
  }

  void declare_module(std::uint32_t m) {
    const auto& module = load_.modules[m].syntax;
    for (const auto& decl : module.decls) {
      const auto& c = ast::common(decl);
      const auto kind = ast::kind_of(decl);
      switch (kind) {
        case ast::DeclKind::input:
          declare(DeclarationKind::input, m, decl, value(c.name), c.name_span, c.span, &c.citation);
          commit();
          break;
        case ast::DeclKind::parameter:
          declare(DeclarationKind::parameter, m, decl, value(c.name), c.name_span, c.span,
                  &c.citation);
          commit();
          break;
        case ast::DeclKind::rule: {
          declare(DeclarationKind::rule, m, decl, value(c.name), c.name_span, c.span, &c.citation);
          commit();
          for (const auto& clause : std::get<ast::RuleDecl>(decl).exceptions) {
            declare(DeclarationKind::exception, m, decl,
                    {Namespace::exception, c.name, clause.label}, clause.label_span, clause.span,
                    &clause.citation);
            pending_.exception = &clause;
            pending_.is_override = false;
            commit();
          }
          break;
        }
        case ast::DeclKind::exception: {
          const auto& clause = *std::get<ast::ExceptionDecl>(decl).clause;
          declare(DeclarationKind::exception, m, decl,
                  {Namespace::exception, clause.target, clause.label}, c.name_span, c.span,
                  &clause.citation);
          pending_.exception = &clause;
          commit();
          break;
        }
        case ast::DeclKind::check:
          declare(DeclarationKind::check, m, decl, value(c.name), c.name_span, c.span, &c.citation);
          commit();
          break;
        case ast::DeclKind::condition:
          declare(DeclarationKind::condition, m, decl, value(c.name), c.name_span, c.span,
                  &c.citation);
          commit();
          break;
        case ast::DeclKind::policy:
          declare(DeclarationKind::policy, m, decl, value(c.name), c.name_span, c.span,
                  &c.citation);
          commit();
          break;
        case ast::DeclKind::table: {
          declare(DeclarationKind::table, m, decl, value(c.name), c.name_span, c.span, &c.citation);
          commit();
          for (const auto& [column, span] : std::get<ast::TableDecl>(decl).columns) {
            declare(DeclarationKind::column, m, decl, {Namespace::field, c.name + " row", column},
                    span, span, nullptr);
            pending_.is_override = false;
            commit();
          }
          break;
        }
        case ast::DeclKind::enumeration: {
          declare(DeclarationKind::enumeration, m, decl, type(c.name), c.name_span, c.span,
                  &c.citation);
          commit();
          enums_.insert(c.name);
          for (const auto& member : std::get<ast::EnumDecl>(decl).members) {
            declare(DeclarationKind::member, m, decl, {Namespace::member, c.name, member.name},
                    member.span, member.span, nullptr);
            pending_.member = &member;
            pending_.is_override = false;
            commit();
            member_owners_[member.name].insert(c.name);
          }
          break;
        }
        case ast::DeclKind::record: {
          declare(DeclarationKind::record, m, decl, type(c.name), c.name_span, c.span, &c.citation);
          commit();
          for (const auto& field : std::get<ast::RecordDecl>(decl).fields) {
            declare(DeclarationKind::field, m, decl, {Namespace::field, c.name, field.name},
                    field.name_span, field.span, &field.citation);
            pending_.field = &field;
            pending_.is_override = false;
            commit();
          }
          break;
        }
        case ast::DeclKind::shares: {
          declare(DeclarationKind::shares, m, decl, value(c.name), c.name_span, c.span,
                  &c.citation);
          commit();
          shares_.insert(c.name);
          for (const auto& part : std::get<ast::SharesDecl>(decl).parts) {
            declare(DeclarationKind::part, m, decl, {Namespace::part, c.name, part.name},
                    part.name_span, part.span, &part.citation);
            pending_.part = &part;
            pending_.is_override = false;
            commit();
          }
          break;
        }
        case ast::DeclKind::remove:
          break;
      }
      if (kind != ast::DeclKind::remove && kind != ast::DeclKind::exception) {
        if (kind == ast::DeclKind::enumeration || kind == ast::DeclKind::record) {
          types_.insert(c.name);
        } else {
          values_.insert(c.name);
        }
      }
    }
  }

  // ---- references

  void refer_module(std::uint32_t m) {
    const auto& loaded = load_.modules[m];
    const auto& module = loaded.syntax;
    if (loaded.base && module.header.amends_span.valid())
      index_.modules_.push_back({module.header.amends_span, *loaded.base});
    for (const auto& use : module.uses) {
      for (std::uint32_t other = 0; other < load_.modules.size(); ++other) {
        const auto& candidate = load_.modules[other];
        const bool named = use.quoted ? candidate.path.generic_string().ends_with("/" + use.module)
                                      : candidate.name == use.module;
        if (named && other != m) {
          index_.modules_.push_back({use.span, other});
          break;
        }
      }
    }
    for (const auto& decl : module.decls) refer_decl(decl);
  }

  void refer_decl(const ast::Decl& decl) {
    std::visit(
        [&](const auto& d) {
          using T = std::decay_t<decltype(d)>;
          if constexpr (std::is_same_v<T, ast::InputDecl>) {
            type_reference(d.type);
            walk(d.at_least);
            walk(d.at_most);
            walk(d.default_value);
          } else if constexpr (std::is_same_v<T, ast::ParameterDecl>) {
            if (d.type) type_reference(*d.type);
            walk(d.value);
          } else if constexpr (std::is_same_v<T, ast::RuleDecl>) {
            if (d.type) type_reference(*d.type);
            walk(d.value);
            for (const auto& clause : d.exceptions) {
              if (!clause.over.empty())
                refer(clause.over_span, {Namespace::exception, d.name, clause.over});
              walk(clause.condition);
              walk(clause.value);
            }
          } else if constexpr (std::is_same_v<T, ast::ExceptionDecl>) {
            const auto& clause = *d.clause;
            if (!clause.target.empty()) refer(clause.target_span, value(clause.target));
            if (!clause.over.empty())
              refer(clause.over_span, {Namespace::exception, clause.target, clause.over});
            walk(clause.condition);
            walk(clause.value);
          } else if constexpr (std::is_same_v<T, ast::CheckDecl>) {
            walk(d.applies);
            walk(d.requirement);
            for (const auto& part : d.message) walk(part.expr);
          } else if constexpr (std::is_same_v<T, ast::ConditionDecl>) {
            walk(d.applies);
            for (const auto& part : d.text) walk(part.expr);
          } else if constexpr (std::is_same_v<T, ast::TableDecl>) {
            for (const auto& row : d.rows) {
              for (const auto cell : row.cells) walk(cell);
            }
          } else if constexpr (std::is_same_v<T, ast::RecordDecl>) {
            for (const auto& field : d.fields) {
              type_reference(field.type);
              walk(field.default_value);
            }
          } else if constexpr (std::is_same_v<T, ast::SharesDecl>) {
            walk(d.total);
            for (const auto& part : d.parts) walk(part.value);
          } else if constexpr (std::is_same_v<T, ast::PolicyDecl>) {
            walk(d.applies);
          } else if constexpr (std::is_same_v<T, ast::RemoveDecl>) {
            if (d.target_kind == ast::DeclKind::exception) {
              refer(d.name_span, {Namespace::exception, d.rule, d.name});
              if (!d.rule.empty()) refer(d.rule_span, value(d.rule));
            } else if (d.target_kind == ast::DeclKind::enumeration ||
                       d.target_kind == ast::DeclKind::record) {
              refer(d.name_span, type(d.name));
            } else {
              refer(d.name_span, value(d.name));
            }
          }
        },
        decl);
  }

  // A record or enumeration named in a type: `list of dwelling_row`, `: tenure`.
  void type_reference(const ast::TypeSpec& spec) {
    if (spec.head == ast::no_name) return;
    const std::string& head = ast_.names[spec.head];
    if (!types_.count(head) || !spec.span.valid()) return;
    const std::string_view text = load_.sources.slice(spec.span);
    for (std::size_t at = text.find(head); at != std::string_view::npos;
         at = text.find(head, at + 1)) {
      const bool starts = at == 0 || !word_char(text[at - 1]);
      const std::size_t after = at + head.size();
      const bool ends = after == text.size() || !word_char(text[after]);
      if (starts && ends) {
        const auto begin = spec.span.begin + static_cast<std::uint32_t>(at);
        index_.add_reference(spec.span.file, begin, begin + static_cast<std::uint32_t>(head.size()),
                             type(head));
        return;
      }
    }
  }

  static bool word_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  void refer(Span span, const SymbolKey& key) {
    if (!span.valid() || key.name.empty()) return;
    index_.add_reference(span.file, span.begin, span.end, key);
  }

  // Every name in an expression, without recursion (a long chain of `and`s is a deep tree).
  void walk(ast::ExprId root) {
    if (root == ast::no_expr) return;
    std::vector<std::pair<ast::ExprId, bool>> stack{{root, false}};  // (expression, type allowed)
    while (!stack.empty()) {
      const auto [id, type_allowed] = stack.back();
      stack.pop_back();
      if (id >= ast_.exprs.size()) continue;
      const ast::Expr& e = ast_[id];
      switch (e.kind) {
        case ast::ExprKind::number:
        case ast::ExprKind::boolean:
        case ast::ExprKind::text:
        case ast::ExprKind::date:
          break;
        case ast::ExprKind::name:
          if (const auto key = name_key(id, type_allowed)) refer(e.span(), *key);
          break;
        case ast::ExprKind::apportion:  // apportion TOTAL by SHARES: both are names to follow
          stack.push_back({e.a, false});
          stack.push_back({e.b, false});
          break;
        case ast::ExprKind::field: {
          const std::string& field = ast_.names[e.b];
          if (const auto key = field_key(id); key && e.end >= field.size()) {
            const std::uint32_t begin = e.end - static_cast<std::uint32_t>(field.size());
            if (begin >= e.begin && load_.sources.slice({e.file, begin, e.end}) == field)
              index_.add_reference(e.file, begin, e.end, *key);
          }
          stack.push_back({e.a, true});
          break;
        }
        case ast::ExprKind::call:
        case ast::ExprKind::list:
          for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i)
            stack.push_back({ast_.arg(e, i), false});
          if (e.kind == ast::ExprKind::call && e.b != ast::no_expr) stack.push_back({e.b, false});
          break;
        case ast::ExprKind::unary:
        case ast::ExprKind::paren:
          stack.push_back({e.a, false});
          break;
        case ast::ExprKind::conditional:
          stack.push_back({e.c, false});
          [[fallthrough]];
        case ast::ExprKind::binary:
        case ast::ExprKind::membership:
        case ast::ExprKind::project:
        case ast::ExprKind::index:
          stack.push_back({e.b, false});
          stack.push_back({e.a, false});
          break;
      }
    }
  }

  std::optional<SymbolKey> symbol_key(const Symbol& s) const {
    const CheckedRuleset& r = *checked_;
    switch (s.kind) {
      case SymbolKind::input:
        return value(r.inputs[s.index].name);
      case SymbolKind::parameter: {
        const auto& p = r.parameters[s.index];
        if (p.shares >= 0 && static_cast<std::size_t>(p.shares) < r.shares.size()) {
          const std::string& group = r.shares[static_cast<std::size_t>(p.shares)].name;
          if (p.name.size() > group.size())
            return SymbolKey{Namespace::part, group, p.name.substr(group.size() + 1)};
        }
        return value(p.name);
      }
      case SymbolKind::rule:
        return value(r.rules[s.index].name);
      case SymbolKind::apportioned:
        return value(r.apportionments[s.index].name);
      case SymbolKind::table:
        return value(r.tables[s.index].name);
      case SymbolKind::shares:
        return value(r.shares[s.index].name);
      case SymbolKind::enum_type:
        return type(r.enums[s.index].name);
      case SymbolKind::record_type:
        return type(r.records[s.index].name);
      case SymbolKind::enum_member:
        return SymbolKey{Namespace::member, r.enums[s.index].name,
                         r.enums[s.index].members[s.sub]->name};  // an extension's too
      case SymbolKind::field:
        return SymbolKey{Namespace::field, r.records[s.index].name,
                         r.records[s.index].fields[s.sub].name};
      case SymbolKind::builtin:
      case SymbolKind::none:
        return std::nullopt;
    }
    return std::nullopt;
  }

  std::optional<SymbolKey> name_key(ast::ExprId id, bool type_allowed) const {
    if (checked_ != nullptr && checked_->expr_symbol[id].kind != SymbolKind::none)
      return symbol_key(checked_->expr_symbol[id]);
    const std::string& name = ast_.names[ast_[id].a];
    if (values_.count(name)) return value(name);
    if (const auto it = member_owners_.find(name);
        it != member_owners_.end() && it->second.size() == 1)
      return SymbolKey{Namespace::member, *it->second.begin(), name};
    if (type_allowed && types_.count(name)) return type(name);
    return std::nullopt;
  }

  std::optional<SymbolKey> field_key(ast::ExprId id) const {
    const ast::Expr& e = ast_[id];
    if (checked_ != nullptr) {
      const Symbol& s = checked_->expr_symbol[id];
      if (s.kind == SymbolKind::parameter || s.kind == SymbolKind::enum_member ||
          s.kind == SymbolKind::field)
        return symbol_key(s);
    }
    const ast::Expr& object = ast_[e.a];
    if (object.kind != ast::ExprKind::name) return std::nullopt;
    const std::string& owner = ast_.names[object.a];
    const std::string& field = ast_.names[e.b];
    if (shares_.count(owner)) return SymbolKey{Namespace::part, owner, field};
    if (enums_.count(owner)) return SymbolKey{Namespace::member, owner, field};
    return std::nullopt;
  }

  static SymbolKey value(const std::string& name) { return {Namespace::value, "", name}; }
  static SymbolKey type(const std::string& name) { return {Namespace::type, "", name}; }

  SymbolIndex& index_;
  const Load& load_;
  const ast::Ast& ast_;
  const CheckedRuleset* checked_;
  Declaration pending_;
  SymbolKey pending_key_;
  std::set<std::string> values_, types_, enums_, shares_;
  std::map<std::string, std::set<std::string>> member_owners_;
};

SymbolIndex::SymbolIndex(const Load& load, const CheckedRuleset* checked) {
  IndexBuilder(*this, load, checked).build();
}

std::uint32_t SymbolIndex::intern(SymbolKey key) {
  const auto it = key_ids_.find(key);
  if (it != key_ids_.end()) return it->second;
  const auto id = static_cast<std::uint32_t>(keys_.size());
  key_ids_.emplace(key, id);
  keys_.push_back(std::move(key));
  return id;
}

std::optional<std::uint32_t> SymbolIndex::find_key(const SymbolKey& key) const {
  const auto it = key_ids_.find(key);
  if (it == key_ids_.end()) return std::nullopt;
  return it->second;
}

void SymbolIndex::add_declaration(Declaration d, const SymbolKey& key) {
  d.key = intern(key);
  const auto index = static_cast<std::uint32_t>(declarations_.size());
  by_key_.emplace(d.key, index);
  if (d.name_span.valid())
    occurrences_.push_back({d.name_span.file, d.name_span.begin, d.name_span.end, d.key, true});
  declarations_.push_back(std::move(d));
}

void SymbolIndex::add_reference(FileId file, std::uint32_t begin, std::uint32_t end,
                                const SymbolKey& key) {
  if (file == no_file || end <= begin) return;
  occurrences_.push_back({file, begin, end, intern(key), false});
}

std::vector<std::uint32_t> SymbolIndex::declarations_of(std::uint32_t key) const {
  std::vector<std::uint32_t> out;
  const auto [first, last] = by_key_.equal_range(key);
  for (auto it = first; it != last; ++it) out.push_back(it->second);
  return out;
}

const Declaration* SymbolIndex::in_force(std::uint32_t key) const {
  const auto all = declarations_of(key);
  return all.empty() ? nullptr : &declarations_[all.back()];
}

const Declaration* SymbolIndex::replaced_by(const Declaration& d) const {
  if (!d.is_override) return nullptr;
  const Declaration* previous = nullptr;
  for (const auto i : declarations_of(d.key)) {
    if (&declarations_[i] == &d) return previous;
    previous = &declarations_[i];
  }
  return nullptr;
}

namespace {

// The item whose span holds `offset`, or ends exactly there (a cursor just after a word). Items
// do not overlap, so the last one starting at or before the offset is the only candidate.
template <typename Items, typename SpanOf>
auto item_at(const Items& items, FileId file, std::uint32_t offset, SpanOf span_of)
    -> decltype(&items.front()) {
  auto it =
      std::upper_bound(items.begin(), items.end(), offset, [&](std::uint32_t o, const auto& item) {
        const Span s = span_of(item);
        return before(file, o, s.file, s.begin);
      });
  if (it == items.begin()) return nullptr;
  --it;
  const Span s = span_of(*it);
  if (s.file != file || offset > s.end) return nullptr;
  return &*it;
}

}  // namespace

const Occurrence* SymbolIndex::occurrence_at(FileId file, std::uint32_t offset) const {
  if (occurrences_.empty()) return nullptr;
  return item_at(occurrences_, file, offset, [](const Occurrence& o) {
    return Span{o.file, o.begin, o.end};
  });
}

const CitationSite* SymbolIndex::citation_at(FileId file, std::uint32_t offset) const {
  if (citations_.empty()) return nullptr;
  return item_at(citations_, file, offset, [](const CitationSite& c) { return c.span; });
}

const ModuleReference* SymbolIndex::module_at(FileId file, std::uint32_t offset) const {
  if (modules_.empty()) return nullptr;
  return item_at(modules_, file, offset, [](const ModuleReference& m) { return m.span; });
}

std::vector<const Occurrence*> SymbolIndex::occurrences_of(std::uint32_t key) const {
  std::vector<const Occurrence*> out;
  for (const auto& o : occurrences_) {
    if (o.key == key) out.push_back(&o);
  }
  return out;
}

}  // namespace spdl::lsp
