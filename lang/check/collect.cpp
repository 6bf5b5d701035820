// Which declarations make up the ruleset: the base it amends, then the modules it uses, then its
// own declarations, where `override` replaces, `remove` deletes and anything else must be new.

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

const ast::Decl& Checker::decl_at(DeclRef ref) const {
  return load_->modules[ref.module].syntax.decls[ref.index];
}

std::string Checker::module_display(std::uint32_t module) const {
  const auto& m = load_->modules[module];
  if (!m.syntax.header.id.empty()) return m.syntax.header.id;
  return load_->sources.file(m.syntax.file).path();
}

// Types (enumerations and records) and values live in separate namespaces, so an input may share
// its type's name: `input location : location`.
std::string Checker::namespace_key(ast::DeclKind kind, const std::string& name) {
  const bool type = kind == ast::DeclKind::enumeration || kind == ast::DeclKind::record;
  return type ? "type " + name : name;
}

void Checker::collect(std::uint32_t module, bool imported) {
  if (!merged_.insert(module).second) return;
  const auto& m = load_->modules[module];
  if (m.base) collect(*m.base, imported);
  for (const auto used : m.uses) collect(used, true);
  for (std::uint32_t i = 0; i < m.syntax.decls.size(); ++i) apply(module, i, imported);
}

void Checker::apply(std::uint32_t module, std::uint32_t index, bool imported) {
  const ast::Decl& decl = load_->modules[module].syntax.decls[index];
  const ast::DeclCommon& c = ast::common(decl);
  const ast::DeclKind kind = ast::kind_of(decl);
  if (kind == ast::DeclKind::remove) {
    apply_remove(std::get<ast::RemoveDecl>(decl), module);
    return;
  }
  if (kind == ast::DeclKind::enumeration && std::get<ast::EnumDecl>(decl).extension) {
    if (c.is_override) {
      diags_
          .error("override-extension", c.name_span,
                 "`extend enum` adds members to an enumeration; there is nothing to override")
          .hint = fmt::format("write `override enum {}` to replace the whole enumeration", c.name);
      return;
    }
    apply_extension(std::get<ast::EnumDecl>(decl), {module, index});
    return;
  }
  const Entry entry{c.name, kind, {module, index}, {module, imported}, false, std::nullopt};

  if (kind == ast::DeclKind::exception) {
    const auto& clause = *std::get<ast::ExceptionDecl>(decl).clause;
    const auto key = std::make_pair(clause.target, clause.label);
    const auto it = exceptions_.find(key);
    if (c.is_override) {
      if (it == exceptions_.end()) {
        diags_.error("override-missing", c.name_span,
                     fmt::format("there is no exception `{}` for `{}` to override", clause.label,
                                 clause.target));
        return;
      }
      entries_[it->second].replaced = entries_[it->second].ref;
      entries_[it->second].ref = entry.ref;
      entries_[it->second].origin = entry.origin;
      return;
    }
    if (it != exceptions_.end()) {
      const auto& first = std::get<ast::ExceptionDecl>(decl_at(entries_[it->second].ref));
      diags_
          .error("duplicate", c.name_span,
                 fmt::format("`{}` already has an exception labelled `{}`", clause.target,
                             clause.label))
          .related.push_back({first.name_span, "first defined here"});
      return;
    }
    exceptions_[key] = entries_.size();
    entries_.push_back(entry);
    return;
  }

  const std::string key = namespace_key(kind, c.name);
  const auto it = named_.find(key);
  if (c.is_override) {
    if (it == named_.end()) {
      std::vector<std::string> names;
      for (const auto& [n, i] : named_) names.push_back(entries_[i].name);
      auto& d = diags_.error(
          "override-missing", c.name_span,
          fmt::format("`override {} {}` replaces nothing: neither the ruleset this one amends "
                      "nor the modules it uses define `{}`",
                      ast::kind_name(kind), c.name, c.name));
      if (const auto s = closest_match(c.name, names); !s.empty())
        d.hint = fmt::format("did you mean `{}`?", s);
      return;
    }
    Entry& existing = entries_[it->second];
    if (existing.kind != kind) {
      diags_
          .error("override-kind", c.name_span,
                 fmt::format("`{}` is a {} in {}, not a {}", c.name, ast::kind_name(existing.kind),
                             module_display(existing.ref.module), ast::kind_name(kind)))
          .related.push_back({ast::common(decl_at(existing.ref)).name_span, "declared here"});
      return;
    }
    existing.replaced = existing.ref;
    existing.ref = entry.ref;
    existing.origin = entry.origin;
    return;
  }
  if (it != named_.end()) {
    const Entry& existing = entries_[it->second];
    const auto& first = ast::common(decl_at(existing.ref));
    if (existing.ref.module == module) {
      diags_.error("duplicate", c.name_span, fmt::format("`{}` is defined twice", c.name))
          .related.push_back({first.name_span, "first defined here"});
    } else {
      auto& d = diags_.error("duplicate", c.name_span,
                             fmt::format("`{}` is already defined by {}", c.name,
                                         module_display(existing.ref.module)));
      d.related.push_back({first.name_span, "defined here"});
      d.hint = fmt::format("write `override {} {}` to replace it", ast::kind_name(kind), c.name);
    }
    return;
  }
  named_[key] = entries_.size();
  entries_.push_back(entry);
}

// `extend enum tenure = ...` adds members to an enumeration that a ruleset amended or a module used
// declares, so a new authority's tenures join the national ones without retyping them.
void Checker::apply_extension(const ast::EnumDecl& d, DeclRef ref) {
  const auto it = named_.find(namespace_key(ast::DeclKind::enumeration, d.name));
  if (it == named_.end() || entries_[it->second].kind != ast::DeclKind::enumeration) {
    std::vector<std::string> names;
    for (const auto& [key, i] : named_) {
      if (entries_[i].kind == ast::DeclKind::enumeration) names.push_back(entries_[i].name);
    }
    auto& diag = diags_.error(
        "unknown-enum", d.name_span,
        fmt::format("there is no enumeration `{}` to extend in the rulesets this one amends or the "
                    "modules it uses",
                    d.name));
    if (const auto s = closest_match(d.name, names); !s.empty())
      diag.hint = fmt::format("did you mean `{}`?", s);
    return;
  }
  const Entry& target = entries_[it->second];
  if (target.ref.module == ref.module) {
    diags_
        .error("extend-own", d.name_span,
               fmt::format("`{}` is declared in this file: add the members to its declaration",
                           d.name))
        .related.push_back({ast::common(decl_at(target.ref)).name_span, "declared here"});
    return;
  }
  extensions_[it->second].push_back(ref);
}

void Checker::apply_remove(const ast::RemoveDecl& d, std::uint32_t module) {
  (void)module;
  if (d.target_kind == ast::DeclKind::exception) {
    const auto key = std::make_pair(d.rule, d.name);
    if (d.rule.empty()) {
      diags_.error(
          "remove-exception", d.name_span,
          fmt::format("say which rule the exception belongs to: `remove exception {} for <rule>`",
                      d.name));
      return;
    }
    if (const auto it = exceptions_.find(key); it != exceptions_.end()) {
      entries_[it->second].removed = true;
      exceptions_.erase(it);
      return;
    }
    // An exception written under its rule.
    if (const auto rit = named_.find(d.rule);
        rit != named_.end() && entries_[rit->second].kind == ast::DeclKind::rule) {
      const auto& rule = std::get<ast::RuleDecl>(decl_at(entries_[rit->second].ref));
      for (const auto& ex : rule.exceptions) {
        if (ex.label == d.name && !removed_inline_.count(key)) {
          removed_inline_.insert(key);
          return;
        }
      }
    }
    diags_.error("remove-missing", d.name_span,
                 fmt::format("`{}` has no exception `{}` to remove", d.rule, d.name));
    return;
  }
  const auto it = named_.find(namespace_key(d.target_kind, d.name));
  if (it == named_.end()) {
    std::vector<std::string> names;
    for (const auto& [n, i] : named_) names.push_back(entries_[i].name);
    auto& diag = diags_.error(
        "remove-missing", d.name_span,
        fmt::format("there is no {} `{}` to remove", ast::kind_name(d.target_kind), d.name));
    if (const auto s = closest_match(d.name, names); !s.empty())
      diag.hint = fmt::format("did you mean `{}`?", s);
    return;
  }
  Entry& e = entries_[it->second];
  if (e.kind != d.target_kind) {
    diags_.error("remove-kind", d.name_span,
                 fmt::format("`{}` is a {}, not a {}", d.name, ast::kind_name(e.kind),
                             ast::kind_name(d.target_kind)));
    return;
  }
  e.removed = true;
  named_.erase(it);
}

// A set keeps a bit for each member (runtime/ir/value.hpp): at most 32.
bool Checker::set_fits(std::uint32_t enumeration, Span at) {
  if (enumeration == any_enumeration || out_->enums[enumeration].members.size() <= 32) return true;
  diags_.error(
      "set-size", at,
      fmt::format("a set holds members of an enumeration of at most 32 members; `{}` has {}",
                  out_->enums[enumeration].name, out_->enums[enumeration].members.size()));
  return false;
}

Type Checker::type_from_spec(const ast::TypeSpec& spec, bool allow_list) {
  auto unknown = [&](const std::string& word) {
    std::vector<std::string> candidates = {"boolean", "number", "percent", "date", "text"};
    for (const auto& w : unit_words()) candidates.push_back(w);
    for (const auto& [n, s] : type_names_) candidates.push_back(n);
    auto& d = diags_.error("unknown-type", spec.span, fmt::format("unknown type `{}`", word));
    if (const auto s = closest_match(word, candidates); !s.empty())
      d.hint = fmt::format("did you mean `{}`?", s);
    return Type::error();
  };
  Type base;
  static const std::string none;
  const std::string& head = spec.head == ast::no_name ? none : name_of(spec.head);
  if (head == "boolean") {
    base = Type::boolean();
  } else if (head == "number") {
    base = Type::number(Unit::none());
  } else if (head == "percent") {
    base = Type::number(Unit::percentage());
  } else if (head == "date") {
    base = Type::date();
  } else if (head == "text") {
    base = Type::text();
  } else if (head == "\xC2\xA3") {
    base = Type::number(Unit::of(Dimension::money));
  } else if (const auto u = unit_from_word(head)) {
    base = Type::number(*u);
  } else if (const auto it = type_names_.find(head); it != type_names_.end()) {
    base = it->second.kind == SymbolKind::enum_type ? Type::enumeration(it->second.index)
                                                    : Type::record(it->second.index);
  } else {
    return unknown(head);
  }
  if (spec.per != ast::no_name) {
    if (!base.is_number()) {
      diags_.error("bad-type", spec.span,
                   fmt::format("`per` divides units; `{}` is not a unit", head));
      return Type::error();
    }
    base.unit = divide(base.unit, *unit_from_word(name_of(spec.per)));
  }
  if (spec.set_of) {
    if (base.kind != TypeKind::enumeration) {
      diags_.error("bad-type", spec.span,
                   fmt::format("a set holds members of an enumeration, such as `set of review`; "
                               "`{}` is not an enumeration",
                               head));
      return Type::error();
    }
    if (!set_fits(base.ref, spec.span)) return Type::error();
    return Type::set_of(base.ref);
  }
  if (spec.list_of) {
    if (!allow_list) {
      diags_.error("bad-type", spec.span,
                   "a list cannot be used here; only an input can be a list");
      return Type::error();
    }
    return Type::list_of(base);
  }
  if (base.kind == TypeKind::record) {
    diags_.error(
        "bad-type", spec.span,
        fmt::format("`{}` is a record: an input of records is written `list of {}`", head, head));
    return Type::error();
  }
  return base;
}

void Checker::declare_global(const std::string& name, Symbol s, Span span) {
  if (!globals_.emplace(name, s).second) {
    diags_.error("duplicate", span, fmt::format("`{}` is defined twice", name));
  }
}

// Each enumeration's members, its own and its extensions', each named once.
void Checker::build_enums() {
  auto& out = *out_;
  for (std::uint32_t en = 0; en < out.enums.size(); ++en) {
    auto& e = out.enums[en];
    std::map<std::string, const ast::EnumMember*> seen;
    auto add = [&](const ast::EnumMember& m, bool extension) {
      const auto [it, fresh] = seen.emplace(m.name, &m);
      if (!fresh) {
        auto& d =
            diags_.error("duplicate", m.span,
                         extension ? fmt::format("`{}` is already a member of `{}`", m.name, e.name)
                                   : fmt::format("`{}` is listed twice in `{}`", m.name, e.name));
        if (extension) d.related.push_back({it->second->span, "the member"});
        return;
      }
      if (e.members.size() >= limits::max_enum_members) {
        diags_.error(
            "too-many-members", m.span,
            fmt::format("`{}` has more than {} members", e.name, limits::max_enum_members));
        return;
      }
      members_[m.name].push_back(
          {SymbolKind::enum_member, en, static_cast<std::uint32_t>(e.members.size())});
      e.members.push_back(&m);
    };
    for (const auto& m : e.decl->members) add(m, false);
    for (const auto* x : e.extensions) {
      for (const auto& m : x->members) add(m, true);
    }
  }
}

// A `shares` group's parts become parameters named `group.part`: the exact share, the minimum,
// the maximum or the remainder; a part with both bounds has `group.part.least` and `.most`.
void Checker::build_shares(const ast::SharesDecl& d, const Entry& e) {
  auto& out = *out_;
  CheckedShares group{d.name, &d, {}, e.origin};
  const auto g = static_cast<std::int32_t>(out.shares.size());
  std::set<std::string> seen;
  const ast::SharePart* remainder = nullptr;
  for (const auto& part : d.parts) {
    if (!seen.insert(part.name).second) {
      diags_.error("duplicate", part.name_span,
                   fmt::format("`{}` has two parts named `{}`", d.name, part.name));
      continue;
    }
    const auto add = [&](const std::string& name, ast::ExprId value, bool is_remainder) {
      const ast::Citation* citation = part.citation ? &*part.citation
                                      : d.citation  ? &*d.citation
                                                    : nullptr;
      out.parameters.push_back({.name = name,
                                .span = part.span,
                                .name_span = part.name_span,
                                .value = value,
                                .shares = g,
                                .citation = citation,
                                .type = Type::error(),
                                .origin = e.origin,
                                .remainder = is_remainder});
      return static_cast<std::int32_t>(out.parameters.size() - 1);
    };
    const std::string full = d.name + "." + part.name;
    CheckedSharePart p{part.name, &part, ShareKind::exact, -1, -1, -1};
    if (part.remainder) {
      if (remainder != nullptr) {
        diags_
            .error(
                "shares-remainder", part.name_span,
                fmt::format("`{}` has two remainders; only one part can take what is left", d.name))
            .related.push_back({remainder->name_span, "the first"});
        continue;
      }
      remainder = &part;
      p.kind = ShareKind::remainder;
      p.value = add(full, ast::no_expr, true);
    } else if (part.at_least != ast::no_expr && part.at_most != ast::no_expr) {
      p.kind = ShareKind::range;
      p.least = add(full + ".least", part.at_least, false);
      p.most = add(full + ".most", part.at_most, false);
    } else if (part.at_least != ast::no_expr) {
      p.kind = ShareKind::minimum;
      p.value = p.least = add(full, part.at_least, false);
    } else if (part.at_most != ast::no_expr) {
      p.kind = ShareKind::maximum;
      p.value = p.most = add(full, part.at_most, false);
    } else {
      p.value = add(full, part.value, false);
    }
    group.parts.push_back(std::move(p));
  }
  out.shares.push_back(std::move(group));
  declare_global(d.name, {SymbolKind::shares, static_cast<std::uint32_t>(g), 0}, d.name_span);
}

// A rule whose formula is `apportion X by S` gives one rule for each part of S, named
// `rule.part`; the rule's own name denotes the group, as a shares' name does.
void Checker::build_rule(const ast::RuleDecl& d, const Entry& e, std::optional<Replaced> replaced) {
  auto& out = *out_;
  ast::ExprId formula = d.value;
  while (formula != ast::no_expr && ast_[formula].kind == ast::ExprKind::paren)
    formula = ast_[formula].a;
  if (formula == ast::no_expr || ast_[formula].kind != ast::ExprKind::apportion) {
    out.rules.push_back({d.name, &d, Type::error(), {}, e.origin, -1, replaced});
    declare_global(d.name, {SymbolKind::rule, static_cast<std::uint32_t>(out.rules.size() - 1), 0},
                   d.name_span);
    return;
  }
  const auto a = static_cast<std::uint32_t>(out.apportionments.size());
  CheckedApportionment group{
      d.name, &d, ast_[formula].a, -1, static_cast<std::uint32_t>(out.rules.size()), 0};
  // The parts are known from the shares' declaration; the checker resolves the name itself later.
  const std::string& shares = ast_.names[ast_[ast_[formula].b].a];
  if (const auto it = named_.find(shares);
      it != named_.end() && entries_[it->second].kind == ast::DeclKind::shares) {
    std::set<std::string> seen;
    for (const auto& part : std::get<ast::SharesDecl>(decl_at(entries_[it->second].ref)).parts) {
      if (!seen.insert(part.name).second) continue;
      CheckedRule rule{d.name + "." + part.name, &d, Type::error(), {}, e.origin, -1, replaced};
      rule.apportionment = static_cast<std::int32_t>(a);
      rule.part = group.count++;
      out.rules.push_back(std::move(rule));
    }
  }
  out.apportionments.push_back(std::move(group));
  declare_global(d.name, {SymbolKind::apportioned, a, 0}, d.name_span);
}

// Turn the surviving entries into checked declarations and the global symbol table.
void Checker::build_symbols() {
  auto& out = *out_;
  const auto declare = [&](const std::string& name, Symbol s, Span span) {
    declare_global(name, s, span);
  };
  // Types first: inputs, fields and tables refer to them.
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    const Entry& e = entries_[i];
    if (e.removed) continue;
    if (e.kind == ast::DeclKind::enumeration) {
      const auto& d = std::get<ast::EnumDecl>(decl_at(e.ref));
      CheckedEnum en{d.name, &d, {}, {}};
      for (const auto& ref : extensions_[i])
        en.extensions.push_back(&std::get<ast::EnumDecl>(decl_at(ref)));
      out.enums.push_back(std::move(en));
      type_names_[d.name] = {SymbolKind::enum_type,
                             static_cast<std::uint32_t>(out.enums.size() - 1), 0};
    } else if (e.kind == ast::DeclKind::record) {
      out.records.push_back({e.name, {}, -1});
      type_names_[e.name] = {SymbolKind::record_type,
                             static_cast<std::uint32_t>(out.records.size() - 1), 0};
    }
  }
  build_enums();

  for (const auto& e : entries_) {
    if (e.removed) continue;
    const ast::Decl& decl = decl_at(e.ref);
    std::optional<Replaced> replaced;
    if (e.replaced) replaced = Replaced{&ast::common(decl_at(*e.replaced)), e.replaced->module};
    switch (e.kind) {
      case ast::DeclKind::input: {
        const auto& d = std::get<ast::InputDecl>(decl);
        out.inputs.push_back({d.name, &d, Type::error(), e.origin});
        declare(d.name, {SymbolKind::input, static_cast<std::uint32_t>(out.inputs.size() - 1), 0},
                d.name_span);
        break;
      }
      case ast::DeclKind::parameter: {
        const auto& d = std::get<ast::ParameterDecl>(decl);
        out.parameters.push_back({.name = d.name,
                                  .span = d.span,
                                  .name_span = d.name_span,
                                  .value = d.value,
                                  .citation = d.citation ? &*d.citation : nullptr,
                                  .doc = d.doc.str(),
                                  .declared_type = d.type ? &*d.type : nullptr,
                                  .type = Type::error(),
                                  .origin = e.origin,
                                  .replaced = replaced});
        declare(d.name,
                {SymbolKind::parameter, static_cast<std::uint32_t>(out.parameters.size() - 1), 0},
                d.name_span);
        break;
      }
      case ast::DeclKind::rule:
        build_rule(std::get<ast::RuleDecl>(decl), e, replaced);
        break;
      case ast::DeclKind::check: {
        const auto& d = std::get<ast::CheckDecl>(decl);
        out.checks.push_back({d.name, &d, e.origin, -1, replaced});
        break;
      }
      case ast::DeclKind::condition: {
        const auto& d = std::get<ast::ConditionDecl>(decl);
        out.conditions.push_back({d.name, &d, e.origin, -1, replaced});
        break;
      }
      case ast::DeclKind::table: {
        const auto& d = std::get<ast::TableDecl>(decl);
        CheckedRecord rec{d.name + " row", {}, static_cast<std::int32_t>(out.tables.size())};
        std::set<std::string> seen;
        for (const auto& [column, span] : d.columns) {
          if (!seen.insert(column).second) {
            diags_.error("duplicate", span,
                         fmt::format("the table has two columns named `{}`", column));
          }
          rec.fields.push_back({column, Type::error(), false, ast::no_expr, span});
        }
        out.records.push_back(std::move(rec));
        out.tables.push_back(
            {d.name, &d, static_cast<std::uint32_t>(out.records.size() - 1), e.origin});
        declare(d.name, {SymbolKind::table, static_cast<std::uint32_t>(out.tables.size() - 1), 0},
                d.name_span);
        break;
      }
      case ast::DeclKind::shares:
        build_shares(std::get<ast::SharesDecl>(decl), e);
        break;
      case ast::DeclKind::policy: {
        const auto& d = std::get<ast::PolicyDecl>(decl);
        out.policies.push_back({d.name, &d, e.origin});
        break;
      }
      case ast::DeclKind::record: {
        const auto& d = std::get<ast::RecordDecl>(decl);
        auto& rec = out.records[type_names_.at(d.name).index];
        std::set<std::string> seen;
        for (const auto& f : d.fields) {
          if (!seen.insert(f.name).second) {
            diags_.error("duplicate", f.name_span,
                         fmt::format("`{}` has two fields named `{}`", d.name, f.name));
            continue;
          }
          rec.fields.push_back(
              {f.name, type_from_spec(f.type, false), f.optional, f.default_value, f.span});
        }
        break;
      }
      default:
        break;
    }
  }
  for (auto& input : out.inputs) input.type = type_from_spec(input.decl->type, true);

  // An enumeration member used bare must not be mistaken for a declared name. The declared name
  // is reported, since the writer chose it; the member is shown beside it.
  auto declared_span = [&](const Symbol& s) -> Span {
    switch (s.kind) {
      case SymbolKind::input:
        return out.inputs[s.index].decl->name_span;
      case SymbolKind::parameter:
        return out.parameters[s.index].name_span;
      case SymbolKind::rule:
        return out.rules[s.index].decl->name_span;
      case SymbolKind::table:
        return out.tables[s.index].decl->name_span;
      case SymbolKind::shares:
        return out.shares[s.index].decl->name_span;
      case SymbolKind::apportioned:
        return out.apportionments[s.index].decl->name_span;
      default:
        return {};
    }
  };
  for (const auto& [member, symbols] : members_) {
    if (const auto it = globals_.find(member); it != globals_.end()) {
      const auto& en = *out.enums[symbols.front().index].decl;
      auto& d = diags_.error(
          "member-clash", declared_span(it->second),
          fmt::format("`{}` is already a member of the enumeration `{}`", member, en.name));
      d.related.push_back({out.enums[symbols.front().index].members[symbols.front().sub]->span,
                           fmt::format("a member of `{}`", en.name)});
      d.hint = "choose another name: a bare name in a formula must mean one thing";
    }
  }
  parameter_deps_.assign(out.parameters.size(), {});
  rule_deps_.assign(out.rules.size(), {});
  parameter_used_.assign(out.parameters.size(), false);
  input_used_.assign(out.inputs.size(), false);
}

// Give each rule its exceptions: those written under it and those declared on their own.
void Checker::attach_exceptions() {
  auto& out = *out_;
  std::unordered_map<std::string, std::uint32_t> rule_index;
  for (std::uint32_t r = 0; r < out.rules.size(); ++r) rule_index[out.rules[r].name] = r;

  for (auto& rule : out.rules) {
    if (rule.apportionment >= 0) {
      // The exceptions of the total decide the whole apportioned; each part follows from it.
      if (rule.part == 0 && !rule.decl->exceptions.empty()) {
        diags_
            .error("apportion-exception", rule.decl->exceptions.front().label_span,
                   fmt::format("`{}` is apportioned, so it cannot have exceptions of its own",
                               rule.decl->name))
            .hint = "put the exception on the total that is apportioned";
      }
      continue;
    }
    for (const auto& clause : rule.decl->exceptions) {
      if (removed_inline_.count({rule.name, clause.label})) continue;
      // Two exceptions under one rule with one label: the second is the error, pointing back at
      // the first (an `over` or a test naming the label could mean either).
      const auto first = std::find_if(
          rule.exceptions.begin(), rule.exceptions.end(),
          [&](const auto& existing) { return existing.clause->label == clause.label; });
      if (first != rule.exceptions.end()) {
        diags_
            .error(
                "duplicate", clause.label_span,
                fmt::format("`{}` already has an exception labelled `{}`", rule.name, clause.label))
            .related.push_back({first->clause->label_span, "first defined here"});
        continue;
      }
      rule.exceptions.push_back({&clause, -1, rule.origin});
    }
  }
  for (const auto& [key, index] : exceptions_) {
    const Entry& e = entries_[index];
    const auto& d = std::get<ast::ExceptionDecl>(decl_at(e.ref));
    const auto it = rule_index.find(key.first);
    if (it == rule_index.end()) {
      std::vector<std::string> names;
      for (const auto& [n, r] : rule_index) names.push_back(n);
      const auto g = globals_.find(key.first);
      auto& diag = diags_.error(
          "unknown-rule", d.clause->target_span,
          g != globals_.end() && g->second.kind == SymbolKind::apportioned
              ? fmt::format("`{}` is apportioned, so it cannot have exceptions of its own; put "
                            "the exception on the total it divides",
                            key.first)
          : g != globals_.end()
              ? fmt::format("`{}` is not a rule; only rules have exceptions", key.first)
              : fmt::format("there is no rule `{}` for this exception", key.first));
      if (const auto s = closest_match(key.first, names); !s.empty() && g == globals_.end()) {
        diag.hint = fmt::format("did you mean `{}`?", s);
      }
      orphans_.push_back(&*d.clause);
      continue;
    }
    auto& rule = out.rules[it->second];
    const std::string& label = key.second;
    const auto first =
        std::find_if(rule.exceptions.begin(), rule.exceptions.end(),
                     [&](const auto& existing) { return existing.clause->label == label; });
    if (first != rule.exceptions.end()) {
      diags_
          .error("duplicate", d.clause->label_span,
                 fmt::format("`{}` already has an exception labelled `{}`", rule.name, label))
          .related.push_back({first->clause->label_span, "first defined here"});
      continue;
    }
    rule.exceptions.push_back({&*d.clause, -1, e.origin});
  }

  // `over` links: each names an exception of the same rule; no exception may end up over itself.
  for (auto& rule : out.rules) {
    for (auto& ex : rule.exceptions) {
      if (ex.clause->over.empty()) continue;
      std::vector<std::string> labels;
      for (std::uint32_t i = 0; i < rule.exceptions.size(); ++i) {
        labels.push_back(rule.exceptions[i].clause->label);
        if (rule.exceptions[i].clause->label == ex.clause->over)
          ex.parent = static_cast<std::int32_t>(i);
      }
      if (ex.parent < 0) {
        auto& d = diags_.error("unknown-exception", ex.clause->over_span,
                               fmt::format("`{}` has no exception `{}` for this one to override",
                                           rule.name, ex.clause->over));
        if (const auto s = closest_match(ex.clause->over, labels); !s.empty())
          d.hint = fmt::format("did you mean `{}`?", s);
      }
    }
    for (std::uint32_t i = 0; i < rule.exceptions.size(); ++i) {
      std::int32_t at = rule.exceptions[i].parent;
      for (std::size_t steps = 0; at >= 0; ++steps) {
        if (static_cast<std::uint32_t>(at) == i || steps > rule.exceptions.size()) {
          diags_.error(
              "exception-cycle", rule.exceptions[i].clause->over_span,
              fmt::format("the exceptions of `{}` override each other in a circle", rule.name));
          rule.exceptions[i].parent = -1;
          break;
        }
        at = rule.exceptions[static_cast<std::uint32_t>(at)].parent;
      }
    }
  }
}

// A rule, check or condition belongs to the policy declared most recently above it in its own
// file; an override keeps the place of the declaration it replaces. One walk over each file's
// declarations finds the policy above every one of them.
void Checker::assign_policies() {
  auto& out = *out_;
  std::unordered_map<std::string, std::int32_t> policy_index;
  for (std::uint32_t p = 0; p < out.policies.size(); ++p)
    policy_index[out.policies[p].name] = static_cast<std::int32_t>(p);
  // Each module's policy headings in source order, found by binary search: a scan of every
  // earlier declaration for each rule made 80,000 rules take half a minute.
  std::vector<std::vector<std::pair<std::uint32_t, std::int32_t>>> headings(load_->modules.size());
  for (std::uint32_t m = 0; m < load_->modules.size(); ++m) {
    for (const auto& d : load_->modules[m].syntax.decls) {
      if (ast::kind_of(d) != ast::DeclKind::policy) continue;
      const auto& c = ast::common(d);
      const auto it = policy_index.find(c.name);
      headings[m].emplace_back(c.span.begin, it == policy_index.end() ? -1 : it->second);
    }
  }
  auto policy_above = [&](const ast::DeclCommon& target, std::uint32_t module) -> std::int32_t {
    const auto& h = headings[module];
    const auto after = std::lower_bound(h.begin(), h.end(), target.span.begin,
                                        [](const std::pair<std::uint32_t, std::int32_t>& p,
                                           std::uint32_t at) { return p.first < at; });
    return after == h.begin() ? -1 : std::prev(after)->second;
  };
  auto place = [&](auto& item, const ast::DeclCommon& decl) {
    if (item.origin.imported) return;
    item.policy = item.replaced ? policy_above(*item.replaced->decl, item.replaced->module)
                                : policy_above(decl, item.origin.module);
  };
  for (auto& r : out.rules) place(r, *r.decl);
  for (auto& c : out.checks) place(c, *c.decl);
  for (auto& c : out.conditions) place(c, *c.decl);
}

}  // namespace spdl::checking
