// The interpreter's operations on sets of members (`[early, late]`, `late in reviews`,
// `count(reviews)`) and on apportionments (`apportion homes by bedroom_mix`). They follow the
// evaluator's rule for unknowns and errors: an error travels on, and an unknown operand makes the
// result unknown.

#include <fmt/format.h>

#include <bit>

#include "spdl/runtime/eval/evaluator.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

Value Evaluator::set_operation(const Instruction& in) {
  const Value& a = out_.slots_[in.a];
  if (in.op == Opcode::set_count) {
    return a.known() ? Value::of(Rational(static_cast<std::int64_t>(std::popcount(a.aux)))) : a;
  }
  const Value& b = out_.slots_[in.b];
  if (!a.known() || !b.known()) {
    if (a.state == ValueState::error) return a;
    if (b.state == ValueState::error) return b;
    return unknown_of(a, b);
  }
  if (in.op == Opcode::set_add) return Value::member_set(a.aux | (1u << b.aux));
  return Value::boolean(((b.aux >> a.aux) & 1u) != 0);  // in_members: member a, set b
}

std::vector<ApportionPart> Evaluation::apportion_parts(std::uint32_t step, Rational& whole) const {
  const ApportionStep& s = program_->apportionments[step];
  whole = slots_[s.whole].known() ? slots_[s.whole].number : Rational(1);
  std::vector<ApportionPart> parts;
  for (const auto& share : s.shares) {
    ApportionPart p;
    p.kind = share.kind;
    if (share.value != no_slot) p.share = slots_[share.value].number;
    if (share.most != no_slot) p.most = slots_[share.most].number;
    parts.push_back(std::move(p));
  }
  return parts;
}

// Every part of one apportionment is computed when its first part is, and kept for the others.
Value Evaluator::apportion(const Instruction& in, std::uint32_t at) {
  const Value& total = out_.slots_[in.a];
  if (!total.known()) return total;
  auto& cache = apportioned_[in.b];
  const bool kept = cache.evaluation == evaluation_ && cache.total == total.number &&
                    (cache.error >= 0 || !cache.results.empty());
  if (!kept) {
    cache.evaluation = evaluation_;
    cache.total = total.number;
    cache.error = -1;
    Rational whole;
    const auto parts = out_.apportion_parts(in.b, whole);
    Apportioned result = spdl::apportion(total.number, whole, parts);
    cache.results = std::move(result.results);
    if (result.problem != ApportionProblem::none) {
      const auto& checked = *program_->checked;
      const auto& a = checked.apportionments[program_->apportionments[in.b].apportionment];
      const auto& group = checked.shares[static_cast<std::size_t>(a.shares)];
      const Unit unit = checked.rules[a.first].type.unit;
      const std::string shown = display_number(total.number, unit);
      std::string message;
      switch (result.problem) {
        case ApportionProblem::not_whole:
          message = fmt::format(
              "apportion divides a whole number, and {} is not one; round it first", shown);
          break;
        case ApportionProblem::negative:
          message = fmt::format("apportion cannot divide {}: it is below zero", shown);
          break;
        case ApportionProblem::no_whole:
          message = fmt::format("the parts of `{}` have nothing to divide by: they add up to 0",
                                group.name);
          break;
        case ApportionProblem::range_empty:
          message = fmt::format(
              "no whole number of {} lies between the least and the most share "
              "of `{}.{}`",
              shown, group.name, group.parts[result.part].name);
          break;
        default:
          message = fmt::format(
              "the least shares of `{}`, each rounded up, need more than the {} "
              "there are",
              group.name, shown);
          break;
      }
      cache.results.clear();
      cache.error = static_cast<std::int64_t>(fail(at, std::move(message)).aux);
    }
  }
  if (cache.error >= 0) return Value::failed(static_cast<std::uint32_t>(cache.error));
  return Value::of(cache.results[in.c]);
}

}  // namespace spdl
