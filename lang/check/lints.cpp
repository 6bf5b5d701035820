// Warnings about rulesets that check but probably do not say what their authors meant, and the
// override rule that a revision must not change a parameter's unit. Shares' lints are in
// lint_shares.cpp.

#include <fmt/format.h>

#include <set>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

namespace {

// A figure written in a message: "30%", "15 dwellings", "£16,400", "0.5 ha", where it starts in
// the text and how long it is. Plain numbers are not figures: "two years", "5" could be anything.
struct WrittenFigure {
  std::size_t at = 0;
  std::size_t length = 0;
  Rational value;  // in base units; a percentage as a fraction
  Unit unit;
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::vector<WrittenFigure> written_figures(std::string_view text) {
  std::vector<WrittenFigure> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_digit(text[i]) ||
        (i > 0 && (is_digit(text[i - 1]) || text[i - 1] == '.' ||
                   std::isalpha(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'))) {
      ++i;
      continue;
    }
    const bool money = i >= 2 && text.substr(i - 2, 2) == "\xC2\xA3";
    std::size_t j = i;
    std::string digits;
    while (j < text.size() && (is_digit(text[j]) || text[j] == ',' ||
                               (text[j] == '.' && j + 1 < text.size() && is_digit(text[j + 1])))) {
      if (text[j] != ',') digits += text[j];
      ++j;
    }
    while (j > i && text[j - 1] == ',') --j;  // "30, 40": the comma is punctuation
    const auto number = Rational::from_decimal(digits);
    std::size_t end = j;
    WrittenFigure f{money ? i - 2 : i, 0, number.value_or(Rational()), Unit::none()};
    if (money) f.unit = Unit::of(Dimension::money);
    if (j < text.size() && text[j] == '%') {
      f.unit = Unit::percentage();
      f.value = *Rational::divide(f.value, Rational(100));
      end = j + 1;
    } else if (!money && j < text.size() && text[j] == ' ') {
      std::size_t k = j + 1;
      while (k < text.size() &&
             (std::isalnum(static_cast<unsigned char>(text[k])) || text[k] == '_'))
        ++k;
      if (const auto u = unit_from_word(text.substr(j + 1, k - j - 1))) {
        f.unit = *u;
        f.value = to_base(f.value, *u);
        end = k;
      }
    }
    i = j;
    if (!number || (f.unit.dimensionless() && !f.unit.percent)) continue;
    f.length = end - f.at;
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

// The value of an expression made only of literals, parameters and arithmetic, in base units.
std::optional<Rational> Checker::constant_value(ast::ExprId id, int depth) const {
  if (id == ast::no_expr || depth > 64) return std::nullopt;
  const ast::Expr& e = ast_[id];
  switch (e.kind) {
    case ast::ExprKind::number:
      return to_base(ast_.numbers[e.a].value, ast_.numbers[e.a].unit);
    case ast::ExprKind::paren:
      return constant_value(e.a, depth + 1);
    case ast::ExprKind::unary: {
      if (e.op != ast::Op::neg) return std::nullopt;
      const auto a = constant_value(e.a, depth + 1);
      return a ? std::optional(-*a) : std::nullopt;
    }
    case ast::ExprKind::name:
    case ast::ExprKind::field: {
      const Symbol& s = out_->expr_symbol[id];
      if (s.kind != SymbolKind::parameter) return std::nullopt;
      return parameter_value(s.index, depth + 1);
    }
    case ast::ExprKind::binary: {
      const auto a = constant_value(e.a, depth + 1);
      const auto b = constant_value(e.b, depth + 1);
      if (!a || !b) return std::nullopt;
      switch (e.op) {
        case ast::Op::add:
          return *a + *b;
        case ast::Op::sub:
          return *a - *b;
        case ast::Op::mul:
          return *a * *b;
        case ast::Op::div:
          return Rational::divide(*a, *b);
        default:
          return std::nullopt;
      }
    }
    default:
      return std::nullopt;
  }
}

void Checker::lint_unused() {
  const auto& out = *out_;
  const std::uint32_t main = load_->main;
  // A module's declarations exist to be used by the rulesets that use it.
  if (load_->main_module().syntax.header.is_module) return;
  for (std::uint32_t p = 0; p < out.parameters.size(); ++p) {
    const auto& param = out.parameters[p];
    if (parameter_used_[p] || param.origin.module != main || param.shares >= 0) continue;
    diags_
        .warning("unused", param.name_span, fmt::format("parameter `{}` is never used", param.name))
        .hint = "use it in a rule, or remove it";
  }
  for (std::uint32_t i = 0; i < out.inputs.size(); ++i) {
    const auto& input = out.inputs[i];
    if (input_used_[i] || input.origin.module != main) continue;
    diags_
        .warning("unused", input.decl->name_span,
                 fmt::format("input `{}` is never used", input.name))
        .hint = "use it in a rule or check, or remove it";
  }
}

// "at least 30%" in a check's message, where the check compares with a parameter that is 30%:
// an amending ruleset that changes the parameter would still print 30%. The message should show
// the parameter, `{parameter}`. Only parameters the check (or condition) uses are considered.
void Checker::lint_written_figures() {
  const auto& out = *out_;
  if (load_->main_module().syntax.header.is_module) return;
  const auto lint = [&](const std::vector<ast::TemplatePart>& text, Span text_span,
                        std::initializer_list<ast::ExprId> uses) {
    // The parameters reached: directly, and through the rules used.
    std::set<std::uint32_t> params;
    std::vector<std::uint32_t> rules;
    std::set<std::uint32_t> seen_rules;
    for (const auto root : uses) {
      for_each_reference(out, root, [&](ast::ExprId, const Symbol& s) {
        if (s.kind == SymbolKind::parameter) params.insert(s.index);
        if (s.kind == SymbolKind::rule && seen_rules.insert(s.index).second)
          rules.push_back(s.index);
      });
    }
    while (!rules.empty()) {
      const auto r = rules.back();
      rules.pop_back();
      for (const auto& dep : rule_deps_[r]) {
        if (dep.kind == SymbolKind::parameter) params.insert(dep.index);
        if (dep.kind == SymbolKind::rule && seen_rules.insert(dep.index).second)
          rules.push_back(dep.index);
      }
    }
    // And the parameters those are computed from: "30% of £16,400".
    std::vector<std::uint32_t> pending(params.begin(), params.end());
    while (!pending.empty()) {
      const auto p = pending.back();
      pending.pop_back();
      for (const auto& dep : parameter_deps_[p]) {
        if (dep.kind == SymbolKind::parameter && params.insert(dep.index).second)
          pending.push_back(dep.index);
      }
    }
    if (params.empty()) return;
    const std::string_view source = out.text(text_span);
    std::size_t searched = 0;
    for (const auto& part : text) {
      if (part.expr != ast::no_expr) continue;
      for (const auto& figure : written_figures(part.text)) {
        const std::string written = part.text.substr(figure.at, figure.length);
        for (const auto p : params) {
          const auto& param = out.parameters[p];
          if (!param.type.is_number() || param.type.unit.exponent != figure.unit.exponent ||
              param.type.unit.percent != figure.unit.percent)
            continue;
          const auto v = parameter_value(p);
          if (!v || *v != figure.value) continue;
          // Point at the figure itself when the source spells it as the text does.
          Span at = text_span;
          if (const auto found = source.find(written, searched); found != std::string_view::npos) {
            at = {text_span.file, text_span.begin + static_cast<std::uint32_t>(found),
                  text_span.begin + static_cast<std::uint32_t>(found + written.size())};
            searched = found + written.size();
          }
          auto& d = diags_.warning(
              "written-figure", at,
              fmt::format("this text writes {}, the value of `{}`: write `{{{}}}` instead", written,
                          param.name, param.name));
          d.hint = fmt::format(
              "a ruleset that amends this one and changes `{}` would otherwise still print {}",
              param.name, written);
          d.related.push_back({param.name_span, "the parameter"});
          break;
        }
      }
    }
  };
  for (const auto& check : out.checks) {
    if (check.origin.module != load_->main || check.decl->message.empty()) continue;
    lint(check.decl->message, check.decl->message_span,
         {check.decl->applies, check.decl->requirement});
  }
  for (const auto& condition : out.conditions) {
    if (condition.origin.module != load_->main) continue;
    lint(condition.decl->text, condition.decl->text_span, {condition.decl->applies});
  }
}

// A revision may change a parameter's value but not what it measures.
void Checker::lint_override_units() {
  auto& out = *out_;
  std::unordered_map<std::string, std::uint32_t> by_name;
  for (std::uint32_t p = 0; p < out.parameters.size(); ++p) by_name[out.parameters[p].name] = p;
  for (const auto& e : entries_) {
    if (e.removed || !e.replaced || e.kind != ast::DeclKind::parameter) continue;
    const auto it = by_name.find(e.name);
    if (it == by_name.end()) continue;
    const auto& now = out.parameters[it->second];
    const auto& old = std::get<ast::ParameterDecl>(decl_at(*e.replaced));
    // Type the replaced value quietly: its errors, if any, belong to the base ruleset.
    Diagnostics quiet;
    std::swap(quiet, diags_);
    const auto saved_context = context_;
    context_ = Context::constant;
    current_.reset();
    resolve(old.value, std::nullopt);
    Type before = old.type ? type_from_spec(*old.type, false) : type_of(old.value, std::nullopt);
    context_ = saved_context;
    std::swap(quiet, diags_);
    if (before.is_error() || now.type.is_error() || before.compatible(now.type)) continue;
    diags_
        .error("override-unit", span_of(now.value),
               fmt::format("`override` changes what `{}` measures: it was {}, it is now {}",
                           now.name, out.describe(before), out.describe(now.type)))
        .related.push_back(
            {old.span, fmt::format("the original, in {}", module_display(e.replaced->module))});
  }
}

}  // namespace spdl::checking
