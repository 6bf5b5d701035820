// What the parts of a `shares` promise. Exact parts should add up to the whole (a warning: the
// Grove schedule's "40% affordable, to comprise 30% social rented and 20% shared ownership" is a
// document's own slip, kept as written). Minimums and maximums must fit it: the minimums (with the
// exact parts) no more than the whole, each maximum no less than its minimum, and, without a
// remainder, the parts able to make the whole up. These are errors: no scheme could meet them.
// `apportion` needs parts that add up exactly.

#include <fmt/format.h>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

namespace {

std::string show(const Rational& value, const Unit& unit) {
  if (unit.percent) {
    const Rational hundred(100);
    const auto digits = (value * hundred).to_exact_decimal();
    return (digits ? *digits : (value * hundred).to_rounded_decimal(2)) + "%";
  }
  const auto digits = from_base(value, unit).to_exact_decimal();
  const std::string n = digits ? *digits : from_base(value, unit).to_rounded_decimal(4);
  const std::string u = unit_name(unit);
  return u.empty() ? n : n + " " + u;
}

// "30% + 30% + 50%"
std::string sum_text(const std::vector<Rational>& values, const Unit& unit) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : " + ") + show(v, unit);
  return out;
}

// The unit a total is shown in beside its parts: a total that is a ratio of percentages (30% /
// 40%) is a bare number, which beside parts in percent reads as one too (75%, not 0.75).
Unit whole_unit_beside(const Unit& whole, const Unit& parts) {
  return parts.percent && whole == Unit::none() ? parts : whole;
}

}  // namespace

// The whole the parts share: the total after `of`, or 100%.
std::optional<Rational> Checker::shares_whole(const CheckedShares& group) const {
  if (group.decl->total == ast::no_expr) return Rational(1);
  return constant_value(group.decl->total);
}

// A parameter's value when it is a constant; a remainder is the whole less the exact parts and
// the minimums.
std::optional<Rational> Checker::parameter_value(std::uint32_t p, int depth) const {
  const auto& param = out_->parameters[p];
  if (!param.remainder) return constant_value(param.value, depth + 1);
  const auto& group = out_->shares[static_cast<std::size_t>(param.shares)];
  auto rest = shares_whole(group);
  if (!rest) return std::nullopt;
  for (const auto& part : group.parts) {
    const std::int32_t taken = part.kind == ShareKind::exact ? part.value
                               : part.kind == ShareKind::minimum || part.kind == ShareKind::range
                                   ? part.least
                                   : -1;
    if (taken < 0) continue;
    const auto v =
        constant_value(out_->parameters[static_cast<std::size_t>(taken)].value, depth + 1);
    if (!v) return std::nullopt;
    *rest = *rest - *v;
  }
  return rest;
}

void Checker::lint_shares() {
  const auto& out = *out_;
  for (const auto& group : out.shares) {
    if (group.parts.empty()) continue;
    Type part_type = Type::error();
    for (const auto& part : group.parts) {
      for (const auto q : {part.value, part.least}) {
        if (q >= 0 && !out.parameters[static_cast<std::size_t>(q)].remainder)
          part_type = out.parameters[static_cast<std::size_t>(q)].type;
      }
    }
    const auto whole = shares_whole(group);
    if (!part_type.is_number() || !whole) continue;
    const Unit unit = part_type.unit;
    const Unit whole_unit = group.decl->total != ast::no_expr
                                ? whole_unit_beside(out.expr_type[group.decl->total].unit, unit)
                                : unit;
    const std::string of_whole = group.decl->total != ast::no_expr
                                     ? fmt::format("its total, {}", show(*whole, whole_unit))
                                     : std::string("the whole, 100%");
    // Every figure as a constant, or the group is not linted.
    const auto value = [&](std::int32_t q) {
      return q < 0 ? std::optional<Rational>()
                   : constant_value(out.parameters[static_cast<std::size_t>(q)].value);
    };
    bool constant = true;
    bool remainder = false;
    std::vector<Rational> taken;  // exact parts and minimums
    Rational sum;
    Rational most;  // what the parts can reach without a remainder
    bool unbounded = false;
    for (const auto& part : group.parts) {
      switch (part.kind) {
        case ShareKind::remainder:
          remainder = true;
          break;
        case ShareKind::exact:
        case ShareKind::minimum:
        case ShareKind::range: {
          const auto v = value(part.kind == ShareKind::exact ? part.value : part.least);
          if (!v) {
            constant = false;
            break;
          }
          taken.push_back(*v);
          sum = sum + *v;
          if (part.kind == ShareKind::minimum) unbounded = true;
          if (part.kind == ShareKind::exact) most = most + *v;
          if (part.kind == ShareKind::range) {
            const auto m = value(part.most);
            if (!m) {
              constant = false;
              break;
            }
            most = most + *m;
            if (*m < *v) {
              auto& d = diags_.error(
                  "shares-bounds", part.decl->span,
                  fmt::format("`{}.{}` can never be met: its most, {}, is below its least, {}",
                              group.name, part.name, show(*m, unit), show(*v, unit)));
              if (group.decl->citation) d.citation = group.decl->citation->text;
            }
          }
          break;
        }
        case ShareKind::maximum: {
          const auto m = value(part.most);
          if (!m) constant = false;
          if (m) most = most + *m;
          break;
        }
      }
    }
    if (!constant) continue;

    if (!group.bounded() && !remainder) {
      if (sum == *whole) continue;
      std::vector<Rational> parts;
      for (const auto& part : group.parts) parts.push_back(*value(part.value));
      auto& d =
          diags_.warning("shares-sum", group.decl->name_span,
                         fmt::format("the parts of `{}` add up to {} ({}), but {}", group.name,
                                     show(sum, unit), sum_text(parts, unit),
                                     group.decl->total != ast::no_expr
                                         ? fmt::format("its total is {}", show(*whole, whole_unit))
                                         : std::string("shares should add up to 100%")));
      for (const auto& part : group.parts) {
        d.related.push_back({out.parameters[static_cast<std::size_t>(part.value)].span,
                             show(*value(part.value), unit)});
      }
      if (group.decl->total != ast::no_expr)
        d.related.push_back({span_of(group.decl->total), "the total"});
      d.hint = "correct the figures, or say in a comment which reading the ruleset applies";
      if (group.decl->citation) d.citation = group.decl->citation->text;
      continue;
    }
    if (sum > *whole) {
      auto& d = diags_.error(
          "shares-bounds", group.decl->name_span,
          group.bounded()
              ? fmt::format("the least shares of `{}` do not fit in {}: {} is {}", group.name,
                            of_whole, sum_text(taken, unit), show(sum, unit))
              : fmt::format("the parts of `{}` add up to {} ({}), more than {}: nothing is left "
                            "for the remainder",
                            group.name, show(sum, unit), sum_text(taken, unit), of_whole));
      d.hint = "no scheme could meet every part; correct the figures";
      if (group.decl->citation) d.citation = group.decl->citation->text;
      continue;
    }
    if (!remainder && !unbounded && most < *whole) {
      auto& d = diags_.error(
          "shares-bounds", group.decl->name_span,
          fmt::format("the parts of `{}` cannot make up {}: at their most they come to {}",
                      group.name, of_whole, show(most, unit)));
      d.hint = "raise a most share, or add a part `= remainder` to take what is left";
      if (group.decl->citation) d.citation = group.decl->citation->text;
    }
  }
}

// `apportion X by S` gives every part a whole number and the parts always add up to X, so S's
// parts must add up to its whole: exact shares (or minimums) and a remainder to take the rest.
void Checker::lint_apportionments() {
  const auto& out = *out_;
  for (const auto& a : out.apportionments) {
    if (a.shares < 0 || a.count == 0) continue;
    const auto& group = out.shares[static_cast<std::size_t>(a.shares)];
    bool remainder = false;
    for (const auto& part : group.parts) remainder |= part.kind == ShareKind::remainder;
    if (remainder || group.bounded()) continue;  // the remainder takes the rest; see type_of
    const auto whole = shares_whole(group);
    if (!whole) continue;
    Rational sum;
    std::vector<Rational> parts;
    bool constant = true;
    for (const auto& part : group.parts) {
      const auto v = parameter_value(static_cast<std::uint32_t>(part.value));
      if (!v) {
        constant = false;
        break;
      }
      parts.push_back(*v);
      sum = sum + *v;
    }
    if (!constant || sum == *whole) continue;
    const Unit unit = out.parameters[static_cast<std::size_t>(group.parts.front().value)].type.unit;
    ast::ExprId formula = a.decl->value;
    while (ast_[formula].kind == ast::ExprKind::paren) formula = ast_[formula].a;
    auto& d = diags_.error(
        "apportion-sum", span_of(ast_[formula].b),
        fmt::format(
            "apportion needs parts that add up to the whole: the parts of `{}` add up to "
            "{} ({}), but {}",
            group.name, show(sum, unit), sum_text(parts, unit),
            group.decl->total != ast::no_expr
                ? fmt::format(
                      "its total is {}",
                      show(*whole, whole_unit_beside(out.expr_type[group.decl->total].unit, unit)))
                : std::string("the whole is 100%")));
    d.related.push_back({group.decl->name_span, "the shares"});
    d.hint = "correct the shares, or make one part `= remainder`";
  }
}

}  // namespace spdl::checking
