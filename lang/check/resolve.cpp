// Names to symbols. Inside an aggregation (`sum(schedule.count where tenure = social_rent)`) the
// row's fields come first; everywhere else, the declared names. Each reference from a parameter or
// rule to another is recorded for ordering (order.cpp).

#include <fmt/format.h>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

namespace {

struct BuiltinName {
  const char* name;
  Builtin builtin;
};

constexpr BuiltinName builtin_names[] = {
    {"round_half_up", Builtin::round_half_up},
    {"round_half_even", Builtin::round_half_even},
    {"round_up", Builtin::round_up},
    {"round_down", Builtin::round_down},
    {"min", Builtin::min},
    {"max", Builtin::max},
    {"abs", Builtin::abs},
    {"known", Builtin::known},
    {"sum", Builtin::sum},
    {"count", Builtin::count},
    {"any", Builtin::any},
    {"all", Builtin::all},
};

std::optional<Builtin> builtin_from(std::string_view name) {
  for (const auto& b : builtin_names) {
    if (name == b.name) return b.builtin;
  }
  return std::nullopt;
}

bool is_aggregate_name(Builtin b) {
  return b == Builtin::sum || b == Builtin::count || b == Builtin::any || b == Builtin::all ||
         b == Builtin::min || b == Builtin::max;
}

}  // namespace

void Checker::resolve_all() {
  auto& out = *out_;
  out.expr_symbol.assign(ast_.exprs.size());
  resolved_.assign(ast_.exprs.size(), false);

  context_ = Context::constant;
  for (std::uint32_t p = 0; p < out.parameters.size(); ++p) {
    current_ = ValueRef{SymbolKind::parameter, p};
    resolve(out.parameters[p].value, std::nullopt);
  }
  current_.reset();
  for (const auto& table : out.tables) {
    for (const auto& row : table.decl->rows) {
      for (const auto cell : row.cells) resolve(cell, std::nullopt);
    }
  }
  for (const auto& group : out.shares) {
    // A remainder is the whole less the other parts: it is computed after them, and after what
    // the total uses.
    current_.reset();
    for (const auto& part : group.parts) {
      if (part.kind == ShareKind::remainder)
        current_ = ValueRef{SymbolKind::parameter, static_cast<std::uint32_t>(part.value)};
    }
    if (current_) {
      for (const auto& part : group.parts) {
        for (const auto p : {part.value, part.least, part.most}) {
          if (p >= 0 && !out.parameters[static_cast<std::uint32_t>(p)].remainder)
            parameter_deps_[current_->index].push_back(
                {SymbolKind::parameter, static_cast<std::uint32_t>(p)});
        }
      }
    }
    if (group.decl->total != ast::no_expr) resolve(group.decl->total, std::nullopt);
  }
  current_.reset();
  for (const auto& input : out.inputs) {
    if (input.decl->default_value != ast::no_expr) resolve(input.decl->default_value, std::nullopt);
  }
  context_ = Context::row_default;
  for (std::uint32_t r = 0; r < out.records.size(); ++r) {
    for (const auto& field : out.records[r].fields) {
      if (field.default_value != ast::no_expr) resolve(field.default_value, r);
    }
  }

  context_ = Context::scheme;
  resolve_rules();
  // Still resolve exceptions that lost their rule: their errors are real, and the names they
  // use are not "unused".
  for (const auto* clause : orphans_) {
    resolve(clause->condition, std::nullopt);
    resolve(clause->value, std::nullopt);
  }
  for (const auto& check : out.checks) {
    if (check.decl->applies != ast::no_expr) resolve(check.decl->applies, std::nullopt);
    resolve(check.decl->requirement, std::nullopt);
    for (const auto& part : check.decl->message) {
      if (part.expr != ast::no_expr) resolve(part.expr, std::nullopt);
    }
  }
  for (const auto& policy : out.policies) {
    if (policy.decl->applies != ast::no_expr) resolve(policy.decl->applies, std::nullopt);
  }
  for (const auto& condition : out.conditions) {
    if (condition.decl->applies != ast::no_expr) resolve(condition.decl->applies, std::nullopt);
    for (const auto& part : condition.decl->text) {
      if (part.expr != ast::no_expr) resolve(part.expr, std::nullopt);
    }
  }
}

// Each rule's formula and exceptions. The parts of an apportioned rule share one formula: it is
// resolved once, for the first part, and the others use what it uses.
void Checker::resolve_rules() {
  auto& out = *out_;
  for (std::uint32_t r = 0; r < out.rules.size(); ++r) {
    const auto& rule = out.rules[r];
    current_ = ValueRef{SymbolKind::rule, r};
    if (rule.apportionment >= 0) {
      const auto& group = out.apportionments[static_cast<std::size_t>(rule.apportionment)];
      if (rule.part > 0) {
        rule_deps_[r] = rule_deps_[group.first];
        continue;
      }
      apportion_at_ = rule.decl->value;
      while (ast_[apportion_at_].kind == ast::ExprKind::paren)
        apportion_at_ = ast_[apportion_at_].a;
      apportioning_ = rule.apportionment;
      resolve(rule.decl->value, std::nullopt);
      apportion_at_ = ast::no_expr;
      apportioning_ = -1;
      // Its exceptions are refused (collect.cpp), but what they name is not unused.
      for (const auto& ex : rule.decl->exceptions) {
        resolve(ex.condition, std::nullopt);
        resolve(ex.value, std::nullopt);
      }
      continue;
    }
    resolve(rule.decl->value, std::nullopt);
    for (const auto& ex : rule.exceptions) {
      resolve(ex.clause->condition, std::nullopt);
      resolve(ex.clause->value, std::nullopt);
    }
  }
  current_.reset();
  // An apportionment whose shares were not found has no parts, so no rule: its formula is still
  // resolved, for its errors.
  for (std::uint32_t a = 0; a < out.apportionments.size(); ++a) {
    const auto& group = out.apportionments[a];
    if (group.count > 0) continue;
    apportion_at_ = group.decl->value;
    while (ast_[apportion_at_].kind == ast::ExprKind::paren) apportion_at_ = ast_[apportion_at_].a;
    apportioning_ = static_cast<std::int32_t>(a);
    resolve(group.decl->value, std::nullopt);
    apportion_at_ = ast::no_expr;
    apportioning_ = -1;
  }
}

// `apportion X by S`: X is any formula; S must name a `shares`. It stands alone as a rule's
// formula, since it gives a value for each part.
void Checker::resolve_apportion(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  resolve(e.a, row);
  resolved_[e.b] = true;
  const std::string& name = name_of(ast_[e.b].a);
  const auto g = globals_.find(name);
  if (g == globals_.end() || g->second.kind != SymbolKind::shares) {
    std::vector<std::string> names;
    for (const auto& group : out_->shares) names.push_back(group.name);
    auto& d = diags_.error(
        "apportion-shares", span_of(e.b),
        g == globals_.end()
            ? fmt::format("there is no shares `{}` to apportion by", name)
            : fmt::format("`{}` is not a `shares`: apportion divides by the parts of one", name));
    if (const auto s = closest_match(name, names); !s.empty())
      d.hint = fmt::format("did you mean `{}`?", s);
  } else {
    out_->expr_symbol[e.b] = g->second;
    if (apportioning_ >= 0 && id == apportion_at_)
      out_->apportionments[static_cast<std::size_t>(apportioning_)].shares =
          static_cast<std::int32_t>(g->second.index);
  }
  if (id != apportion_at_) {
    diags_
        .error("apportion-place", e.span(),
               fmt::format("apportion gives a value for each part of `{}`, so it stands alone as "
                           "a rule's formula",
                           name))
        .hint = fmt::format("write `rule homes_by_size = {}` and use `homes_by_size.<part>`",
                            out_->text(e.span()));
  }
}

void Checker::resolve(ast::ExprId id, std::optional<std::uint32_t> row) {
  if (id == ast::no_expr || resolved_[id]) return;
  resolved_[id] = true;
  const ast::Expr& e = ast_[id];
  switch (e.kind) {
    case ast::ExprKind::number:
    case ast::ExprKind::boolean:
    case ast::ExprKind::text:
    case ast::ExprKind::date:
      return;
    case ast::ExprKind::name:
      resolve_name(id, row);
      return;
    case ast::ExprKind::unary:
    case ast::ExprKind::paren:
      resolve(e.a, row);
      return;
    case ast::ExprKind::binary:
    case ast::ExprKind::membership:
      resolve(e.a, row);
      resolve(e.b, row);
      return;
    case ast::ExprKind::conditional:
      resolve(e.a, row);
      resolve(e.b, row);
      resolve(e.c, row);
      return;
    case ast::ExprKind::list:
      for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) resolve(ast_.arg(e, i), row);
      return;
    case ast::ExprKind::call:
      resolve_call(id, row);
      return;
    case ast::ExprKind::field:
      resolve_field(id, row);
      return;
    case ast::ExprKind::project: {
      resolve(e.a, row);
      const Symbol list = out_->expr_symbol[e.a];
      const auto record = row_record_of(list);
      resolve(e.b, record ? record : row);
      diags_.error("projection-outside", e.span(),
                   "`list.(...)` gives a value for each row; use it inside sum(), min(), max(), "
                   "any() or all()");
      return;
    }
    case ast::ExprKind::index: {
      resolve(e.a, row);
      resolve(e.b, row);
      return;
    }
    case ast::ExprKind::apportion:
      resolve_apportion(id, row);
      return;
  }
}

std::vector<std::string> Checker::visible_names(std::optional<std::uint32_t> row) const {
  std::vector<std::string> names;
  for (const auto& [n, s] : globals_) names.push_back(n);
  for (const auto& [n, s] : members_) names.push_back(n);
  if (row) {
    for (const auto& f : out_->records[*row].fields) names.push_back(f.name);
  }
  return names;
}

void Checker::refer_to(const Symbol& s, ast::ExprId at) {
  if (s.kind == SymbolKind::parameter) parameter_used_[s.index] = true;
  if (s.kind == SymbolKind::input) input_used_[s.index] = true;
  if ((s.kind == SymbolKind::input || s.kind == SymbolKind::rule) && context_ != Context::scheme) {
    const auto& name =
        s.kind == SymbolKind::input ? out_->inputs[s.index].name : out_->rules[s.index].name;
    const char* what = s.kind == SymbolKind::input ? "input" : "rule";
    if (context_ == Context::constant) {
      diags_
          .error("not-constant", span_of(at),
                 fmt::format("a parameter is a constant, so it cannot use the {} `{}`", what, name))
          .hint = "declare a rule instead: rules are computed for each scheme";
    } else {
      diags_.error(
          "not-row", span_of(at),
          fmt::format(
              "a field's default is computed from its own row, so it cannot use the {} `{}`", what,
              name));
    }
    return;
  }
  if (current_ && (s.kind == SymbolKind::parameter || s.kind == SymbolKind::rule)) {
    auto& deps = current_->kind == SymbolKind::parameter ? parameter_deps_[current_->index]
                                                         : rule_deps_[current_->index];
    deps.push_back({s.kind, s.index});
  }
}

void Checker::resolve_name(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  const std::string& name = name_of(e.a);
  auto& symbol = out_->expr_symbol[id];
  if (row) {
    if (const auto f = out_->records[*row].field(name)) {
      symbol = {SymbolKind::field, *row, *f};
      return;
    }
  }
  if (const auto it = globals_.find(name); it != globals_.end()) {
    symbol = it->second;
    refer_to(symbol, id);
    return;
  }
  if (const auto it = members_.find(name); it != members_.end()) {
    if (it->second.size() == 1) {
      symbol = it->second.front();
      return;
    }
    std::string owners;
    for (const auto& m : it->second) {
      if (!owners.empty()) owners += " and ";
      owners += out_->enums[m.index].name;
    }
    diags_.error("ambiguous-member", e.span(), fmt::format("`{}` is a member of {}", name, owners))
        .hint =
        fmt::format("write `{}.{}` to say which", out_->enums[it->second.front().index].name, name);
    return;
  }
  if (const auto it = type_names_.find(name); it != type_names_.end()) {
    symbol = it->second;
    return;  // the type checker explains that a type is not a value
  }
  auto& d = diags_.error("unknown-name", e.span(), fmt::format("unknown name `{}`", name));
  d.label = row ? fmt::format("not a field of `{}`, nor an input, parameter or rule",
                              out_->records[*row].name)
                : "not an input, parameter or rule";
  if (const auto s = closest_match(name, visible_names(row)); !s.empty())
    d.hint = fmt::format("did you mean `{}`?", s);
}

std::optional<std::uint32_t> Checker::row_record_of(const Symbol& list) const {
  if (list.kind == SymbolKind::table) return out_->tables[list.index].record;
  if (list.kind == SymbolKind::input) {
    const Type& t = out_->inputs[list.index].type;
    if (t.kind == TypeKind::list && t.element == TypeKind::record) return t.ref;
  }
  return std::nullopt;
}

void Checker::resolve_call(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  const std::string& callee = name_of(e.a);
  const auto builtin = builtin_from(callee);
  if (!builtin) {
    std::vector<std::string> names;
    for (const auto& b : builtin_names) names.emplace_back(b.name);
    auto& d = diags_.error("unknown-function",
                           {e.file, e.begin, e.begin + static_cast<std::uint32_t>(callee.size())},
                           fmt::format("unknown function `{}`", callee));
    if (const auto s = closest_match(callee, names); !s.empty())
      d.hint = fmt::format("did you mean `{}`?", s);
    for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) resolve(ast_.arg(e, i), row);
    resolve(e.b, row);
    return;
  }
  out_->expr_symbol[id] = {SymbolKind::builtin, static_cast<std::uint32_t>(*builtin), 0};
  if (is_aggregate_name(*builtin)) {
    // min and max are also plain functions of several numbers.
    const bool plain = (*builtin == Builtin::min || *builtin == Builtin::max) &&
                       ast_.arg_count(e) != 1 && e.b == ast::no_expr;
    if (!plain) {
      resolve_aggregate(id, row);
      return;
    }
  }
  for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) resolve(ast_.arg(e, i), row);
  if (e.b != ast::no_expr) {
    diags_.error(
        "misplaced-where", span_of(e.b),
        fmt::format(
            "`where` filters the rows of a list, in sum(), count(), any(), all(), min() or max(); "
            "not in {}()",
            callee));
    resolve(e.b, row);
  }
}

// sum(list.field where C), count(list where C), any(list.(expr) where C), ...: the list is a list
// input or a table, and its rows are the scope of the projection and of the filter.
void Checker::resolve_aggregate(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  auto& symbol = out_->expr_symbol[id];
  const auto b = static_cast<Builtin>(symbol.index);
  if (b == Builtin::min) symbol.index = static_cast<std::uint32_t>(Builtin::min_of);
  if (b == Builtin::max) symbol.index = static_cast<std::uint32_t>(Builtin::max_of);
  if (ast_.arg_count(e) != 1) {
    diags_.error(
        "aggregate-arity", e.span(),
        fmt::format("{}() takes one list, such as {}(schedule.count where tenure = social_rent)",
                    name_of(e.a), name_of(e.a)));
    for (std::uint32_t i = 0; i < ast_.arg_count(e); ++i) resolve(ast_.arg(e, i), row);
    resolve(e.b, row);
    return;
  }
  const ast::ExprId arg = ast_.arg(e, 0);
  const ast::Expr& a = ast_[arg];
  ast::ExprId base = arg;
  if ((a.kind == ast::ExprKind::field || a.kind == ast::ExprKind::project) &&
      ast_[a.a].kind == ast::ExprKind::name) {
    base = a.a;
  }
  if (base != arg) resolved_[arg] = true;  // the projection is resolved in the row's scope below
  resolve(base, row);
  const auto record = row_record_of(out_->expr_symbol[base]);
  if (base != arg) {
    if (!record) {
      diags_.error("not-a-list", span_of(base),
                   fmt::format("`{}` is not a list of rows", name_of(ast_[base].a)));
    } else if (a.kind == ast::ExprKind::field) {
      const auto& rec = out_->records[*record];
      if (const auto f = rec.field(name_of(a.b))) {
        out_->expr_symbol[arg] = {SymbolKind::field, *record, *f};
      } else {
        std::vector<std::string> names;
        for (const auto& fd : rec.fields) names.push_back(fd.name);
        auto& d = diags_.error("unknown-field", a.span(),
                               fmt::format("`{}` has no field `{}`", rec.name, name_of(a.b)));
        if (const auto s = closest_match(name_of(a.b), names); !s.empty())
          d.hint = fmt::format("did you mean `{}`?", s);
      }
    } else {
      resolve(a.b, record);
    }
  }
  if (e.b != ast::no_expr) resolve(e.b, record ? record : row);
}

// `group.part.least` and `group.part.most`: the bounds of a share. Returns whether `id` was one.
bool Checker::resolve_part_field(ast::ExprId id) {
  const ast::Expr& e = ast_[id];
  const ast::Expr& part = ast_[e.a];
  if (part.kind != ast::ExprKind::field || ast_[part.a].kind != ast::ExprKind::name) return false;
  const std::string& bound = name_of(e.b);
  if (bound != "least" && bound != "most") return false;
  const auto g = globals_.find(name_of(ast_[part.a].a));
  if (g == globals_.end() || g->second.kind != SymbolKind::shares) return false;
  resolved_[e.a] = resolved_[part.a] = true;
  out_->expr_symbol[part.a] = g->second;
  const auto& group = out_->shares[g->second.index];
  for (const auto& p : group.parts) {
    if (p.name != name_of(part.b)) continue;
    const std::int32_t param = bound == "least" ? p.least : p.most;
    if (param < 0) {
      diags_.error("share-bound", e.span(),
                   fmt::format("`{}.{}` has no {} share", group.name, p.name,
                               bound == "least" ? "least" : "most"));
      return true;
    }
    out_->expr_symbol[id] = {SymbolKind::parameter, static_cast<std::uint32_t>(param), 0};
    refer_to(out_->expr_symbol[id], id);
    return true;
  }
  diags_.error("unknown-share", part.span(),
               fmt::format("`{}` has no part `{}`", group.name, name_of(part.b)));
  return true;
}

void Checker::resolve_field(ast::ExprId id, std::optional<std::uint32_t> row) {
  const ast::Expr& e = ast_[id];
  const ast::Expr& object = ast_[e.a];
  const std::string& field = name_of(e.b);
  const bool row_field =
      object.kind == ast::ExprKind::name && row && out_->records[*row].field(name_of(object.a));
  if (resolve_part_field(id)) return;
  if (object.kind == ast::ExprKind::name && !row_field) {
    const std::string& name = name_of(object.a);
    if (const auto g = globals_.find(name);
        g != globals_.end() && g->second.kind == SymbolKind::shares) {
      resolved_[e.a] = true;
      out_->expr_symbol[e.a] = g->second;
      const auto& group = out_->shares[g->second.index];
      std::vector<std::string> parts;
      for (const auto& p : group.parts) {
        parts.push_back(p.name);
        if (p.name != field) continue;
        if (p.kind == ShareKind::range) {
          diags_
              .error("share-range", e.span(),
                     fmt::format("`{}.{}` has a least and a most share; say which", name, field))
              .hint = fmt::format("write `{}.{}.least` or `{}.{}.most`", name, field, name, field);
          return;
        }
        out_->expr_symbol[id] = {SymbolKind::parameter, static_cast<std::uint32_t>(p.value), 0};
        refer_to(out_->expr_symbol[id], id);
        return;
      }
      auto& d = diags_.error("unknown-share", e.span(),
                             fmt::format("`{}` has no part `{}`", name, field));
      if (const auto s = closest_match(field, parts); !s.empty())
        d.hint = fmt::format("did you mean `{}`?", s);
      return;
    }
    if (const auto g = globals_.find(name);
        g != globals_.end() && g->second.kind == SymbolKind::apportioned) {
      resolved_[e.a] = true;
      out_->expr_symbol[e.a] = g->second;
      const auto& group = out_->apportionments[g->second.index];
      std::vector<std::string> parts;
      for (std::uint32_t k = 0; k < group.count; ++k) {
        const std::string& full = out_->rules[group.first + k].name;
        parts.push_back(full.substr(group.name.size() + 1));
        if (parts.back() == field) {
          out_->expr_symbol[id] = {SymbolKind::rule, group.first + k, 0};
          refer_to(out_->expr_symbol[id], id);
          return;
        }
      }
      if (group.count == 0) return;  // its shares were not found: reported there
      auto& d = diags_.error("unknown-share", e.span(),
                             fmt::format("`{}` has no part `{}`", name, field));
      if (const auto s = closest_match(field, parts); !s.empty())
        d.hint = fmt::format("did you mean `{}`?", s);
      return;
    }
    if (const auto t = type_names_.find(name);
        t != type_names_.end() && t->second.kind == SymbolKind::enum_type) {
      resolved_[e.a] = true;
      out_->expr_symbol[e.a] = t->second;
      const auto& en = *out_->enums[t->second.index].decl;
      std::vector<std::string> names;
      for (std::uint32_t m = 0; m < en.members.size(); ++m) {
        names.push_back(en.members[m].name);
        if (en.members[m].name == field) {
          out_->expr_symbol[id] = {SymbolKind::enum_member, t->second.index, m};
          return;
        }
      }
      auto& d = diags_.error("unknown-member", e.span(),
                             fmt::format("`{}` has no member `{}`", name, field));
      if (const auto s = closest_match(field, names); !s.empty())
        d.hint = fmt::format("did you mean `{}`?", s);
      return;
    }
    if (const auto g = globals_.find(name); g != globals_.end() && row_record_of(g->second)) {
      resolve(e.a, row);
      diags_.error(
          "projection-outside", e.span(),
          fmt::format(
              "`{}.{}` is a value for each row of `{}`; use it inside sum(), min(), max(), any() "
              "or all()",
              name, field, name));
      return;
    }
  }
  // A field of a record value, such as a table row: checked once its type is known.
  resolve(e.a, row);
}

}  // namespace spdl::checking
