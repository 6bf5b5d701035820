// The interpreter. One switch over instructions; each operation decides what happens when an
// operand is unknown (the result is unknown and remembers which inputs would settle it, unless the
// other operand decides: `false and unknown` is false) or an error (the error travels on).

#include "spdl/runtime/eval/evaluator.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/ir/rounding.hpp"
#include "spdl/runtime/ir/value_display.hpp"

namespace spdl {

struct Evaluator::RuleResult {
  enum class Kind { none, value, unknown, error } kind = Kind::none;
  Value value;
  std::int32_t exception = -1;
};

Evaluator::Evaluator(std::shared_ptr<const Program> program) : Evaluator(*program) {
  out_.keep_ = std::move(program);
}

Evaluator::Evaluator(const Program& program) : program_(&program) {
  out_.program_ = &program;
  program.initial_slots.copy_to(out_.slots_);
  out_.slots_.resize(program.slot_count);
  const auto& checked = *program.checked;
  // One singleton "needs" set per input, then one per field of each list input.
  for (std::uint32_t i = 0; i < checked.inputs.size(); ++i) out_.need_sets_.push_back({{i, -1}});
  field_need_base_.assign(checked.inputs.size(), 0);
  for (std::uint32_t i = 0; i < checked.inputs.size(); ++i) {
    const Type& t = checked.inputs[i].type;
    if (t.kind == TypeKind::list) list_inputs_.push_back(i);
    if (t.kind != TypeKind::list || t.element != TypeKind::record) continue;
    field_need_base_[i] = out_.need_sets_.size();
    for (std::uint32_t f = 0; f < checked.records[t.ref].fields.size(); ++f) {
      out_.need_sets_.push_back({{i, static_cast<std::int32_t>(f)}});
    }
  }
  fixed_needs_ = out_.need_sets_.size();
  out_.fired_.assign(program.rules.size(), -1);
  out_.given_.assign(program.input_slots.size(), 0);
  out_.rows_.assign(program.input_slots.size(), 0);
  apportioned_.resize(program.apportionments.size());
}

const Evaluation& Evaluator::run_setup() {
  out_.errors_.clear();
  run(program_->setup.begin, program_->setup.end);
  return out_;
}

namespace {

// Most schemes evaluated in bulk have no name, path or texts: then nothing is copied.
template <typename T>
inline void copy_unless_both_empty(T& to, const T& from) {
  if (!to.empty() || !from.empty()) to = from;
}

}  // namespace

// The scheme's own facts are copied into the Evaluation; the assignments reuse its strings'
// storage, so a warm evaluator allocates nothing here.
void Evaluator::take_scheme(const Scheme& scheme) {
  copy_unless_both_empty(out_.scheme_name_, scheme.name);
  copy_unless_both_empty(out_.scheme_reference_, scheme.reference);
  copy_unless_both_empty(out_.scheme_path_, scheme.path);
  copy_unless_both_empty(out_.scheme_texts_, scheme.texts);
  for (std::uint32_t i = 0; i < program_->input_slots.size(); ++i) {
    Value& slot = out_.slots_[program_->input_slots[i]];
    const bool given = i < scheme.inputs.size() && scheme.inputs[i].known();
    out_.given_[i] = given;
    if (given) {
      slot = scheme.inputs[i];
    } else if (const SlotId fallback = program_->input_defaults[i]; fallback != no_slot) {
      slot = out_.slots_[fallback];
    } else {
      slot = Value::missing(i);
    }
  }
  for (const std::uint32_t i : list_inputs_)
    out_.rows_[i] = i < scheme.lists.size() ? scheme.lists[i].size() : 0;
}

const Evaluation& Evaluator::evaluate(const Scheme& scheme) & {
  scheme_ = &scheme;
  out_.errors_.clear();
  ++evaluation_;
  if (out_.need_sets_.size() != fixed_needs_) out_.need_sets_.resize(fixed_needs_);
  rows_.clear();
  take_scheme(scheme);
  run(program_->main.begin, program_->main.end);
  scheme_ = nullptr;
  return out_;
}

Evaluation Evaluator::evaluate(const Scheme& scheme) && {
  evaluate(scheme);
  return std::move(out_);
}

Value Evaluator::fail(std::uint32_t at, std::string message) {
  out_.errors_.push_back({std::move(message), program_->span_of(at)});
  return Value::failed(static_cast<std::uint32_t>(out_.errors_.size() - 1));
}

std::uint32_t Evaluator::need_set(std::vector<NeedRef> refs) {
  std::sort(refs.begin(), refs.end(), [](const NeedRef& a, const NeedRef& b) {
    return a.input != b.input ? a.input < b.input : a.field < b.field;
  });
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  if (refs.size() == 1) {
    // Reuse the fixed singleton sets: no allocation for the common case of one missing input.
    if (refs[0].field < 0) return refs[0].input;
    return static_cast<std::uint32_t>(field_need_base_[refs[0].input] +
                                      static_cast<std::size_t>(refs[0].field));
  }
  for (std::size_t i = fixed_needs_; i < out_.need_sets_.size(); ++i) {
    if (out_.need_sets_[i] == refs) return static_cast<std::uint32_t>(i);
  }
  out_.need_sets_.push_back(std::move(refs));
  return static_cast<std::uint32_t>(out_.need_sets_.size() - 1);
}

Value Evaluator::unknown_of(const std::vector<const Value*>& values) {
  std::vector<NeedRef> refs;
  std::uint32_t only = 0;
  std::size_t count = 0;
  for (const Value* v : values) {
    if (v->state != ValueState::unknown) continue;
    if (count++ == 0) only = v->aux;
    if (v->aux < out_.need_sets_.size())
      refs.insert(refs.end(), out_.need_sets_[v->aux].begin(), out_.need_sets_[v->aux].end());
  }
  if (count == 1) return Value::missing(only);
  return Value::missing(need_set(std::move(refs)));
}

Value Evaluator::unknown_of(const Value& a, const Value& b) {
  return unknown_of(std::vector<const Value*>{&a, &b});
}

bool Evaluator::equal(const Value& a, const Value& b) const {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case ValueKind::number:
      return a.number == b.number;
    case ValueKind::text:
      return text(a) == text(b);
    default:
      return a.aux == b.aux;
  }
}

bool Evaluator::too_large(const Rational& r) {
  return !r.is_small() && r.bits() > limits::max_rational_bits;
}

namespace {

// Errors travel first, then unknowns; returns false when the operation may proceed.
template <typename Unknown>
inline bool blocked(const Value& a, const Value& b, Value& out, Unknown&& unknown) {
  if (a.known() && b.known()) return false;
  if (a.state == ValueState::error) {
    out = a;
    return true;
  }
  if (b.state == ValueState::error) {
    out = b;
    return true;
  }
  out = unknown(a, b);
  return true;
}

}  // namespace

Value Evaluator::arithmetic(const Instruction& in, std::uint32_t at) {
  const Value& a = out_.slots_[in.a];
  const Value& b = out_.slots_[in.b];
  Value out;
  if (blocked(a, b, out, [this](const Value& x, const Value& y) { return unknown_of(x, y); }))
    return out;
  Rational r;
  switch (in.op) {
    case Opcode::add:
      r = a.number + b.number;
      break;
    case Opcode::sub:
      r = a.number - b.number;
      break;
    case Opcode::mul:
      r = a.number * b.number;
      break;
    case Opcode::div: {
      auto q = Rational::divide(a.number, b.number);
      if (!q) return fail(at, "division by zero");
      r = std::move(*q);
      break;
    }
    default:
      break;
  }
  if (too_large(r)) {
    return fail(at, fmt::format("this number is too large to work with ({} bits; the limit is {})",
                                r.bits(), limits::max_rational_bits));
  }
  return Value::of(std::move(r));
}

Value Evaluator::compare(const Instruction& in) {
  const Value& a = out_.slots_[in.a];
  const Value& b = out_.slots_[in.b];
  Value out;
  if (blocked(a, b, out, [this](const Value& x, const Value& y) { return unknown_of(x, y); }))
    return out;
  if (in.op == Opcode::eq) return Value::boolean(equal(a, b));
  if (in.op == Opcode::ne) return Value::boolean(!equal(a, b));
  std::strong_ordering order = std::strong_ordering::equal;
  if (a.kind == ValueKind::number) {
    order = a.number <=> b.number;
  } else {
    order = a.day() <=> b.day();
  }
  switch (in.op) {
    case Opcode::lt:
      return Value::boolean(order < 0);
    case Opcode::le:
      return Value::boolean(order <= 0);
    case Opcode::gt:
      return Value::boolean(order > 0);
    default:
      return Value::boolean(order >= 0);
  }
}

// Inlined into run(): one loop with the switch inside, no call per instruction.
[[gnu::always_inline]] inline void Evaluator::execute(const Instruction& in, std::uint32_t at) {
  Value& dest = out_.slots_[in.dest];
  switch (in.op) {
    case Opcode::copy:
      dest = out_.slots_[in.a];
      return;
    case Opcode::neg: {
      const Value& a = out_.slots_[in.a];
      dest = a.known() ? Value::of(-a.number) : a;
      return;
    }
    case Opcode::logical_not: {
      const Value& a = out_.slots_[in.a];
      dest = a.known() ? Value::boolean(a.aux == 0) : a;
      return;
    }
    case Opcode::add:
    case Opcode::sub:
    case Opcode::mul: {
      // Known small operands: the inline fast paths of Rational, no limit to check.
      const Value& a = out_.slots_[in.a];
      const Value& b = out_.slots_[in.b];
      if (a.known() && b.known() && a.number.is_small() && b.number.is_small()) {
        Rational r = in.op == Opcode::add   ? a.number + b.number
                     : in.op == Opcode::sub ? a.number - b.number
                                            : a.number * b.number;
        if (r.is_small()) {
          dest = Value::of(std::move(r));
          return;
        }
      }
      dest = arithmetic(in, at);
      return;
    }
    case Opcode::div:
      dest = arithmetic(in, at);
      return;
    case Opcode::lt:
    case Opcode::le:
    case Opcode::gt:
    case Opcode::ge: {
      const Value& a = out_.slots_[in.a];
      const Value& b = out_.slots_[in.b];
      if (a.known() && b.known() && a.kind == ValueKind::number) {
        const auto order = a.number <=> b.number;
        const bool holds = in.op == Opcode::lt   ? order < 0
                           : in.op == Opcode::le ? order <= 0
                           : in.op == Opcode::gt ? order > 0
                                                 : order >= 0;
        dest = Value::boolean(holds);
        return;
      }
      dest = compare(in);
      return;
    }
    case Opcode::eq:
    case Opcode::ne:
      dest = compare(in);
      return;
    case Opcode::logical_and:
    case Opcode::logical_or: {
      const Value& a = out_.slots_[in.a];
      const Value& b = out_.slots_[in.b];
      const bool decisive = in.op == Opcode::logical_or;  // true decides `or`, false decides `and`
      if ((a.known() && (a.aux != 0) == decisive) || (b.known() && (b.aux != 0) == decisive)) {
        dest = Value::boolean(decisive);
      } else if (blocked(a, b, dest,
                         [this](const Value& x, const Value& y) { return unknown_of(x, y); })) {
      } else {
        dest = Value::boolean(!decisive);
      }
      return;
    }
    case Opcode::select: {
      const Value& c = out_.slots_[in.a];
      if (c.known()) {
        dest = out_.slots_[c.aux != 0 ? in.b : in.c];
      } else if (c.state == ValueState::error) {
        dest = c;
      } else {
        const Value& t = out_.slots_[in.b];
        const Value& e = out_.slots_[in.c];
        // Whichever way the condition goes, the value is the same: no need to know it.
        if (t.known() && e.known() && equal(t, e)) {
          dest = t;
        } else {
          dest = unknown_of({&c, &t, &e});
        }
      }
      return;
    }
    case Opcode::round: {
      const Value& a = out_.slots_[in.a];
      if (!a.known()) {
        dest = a;
        return;
      }
      const int unit_scale = static_cast<std::int8_t>(in.c);
      if (unit_scale == 0 && a.number.is_integer()) {  // rounds to itself: no copy
        dest = a;
        return;
      }
      dest = Value::of(round_in_unit(a.number, static_cast<Rounding>(in.imm),
                                     static_cast<int>(in.b), unit_scale));
      return;
    }
    case Opcode::min:
    case Opcode::max: {
      const Value& a = out_.slots_[in.a];
      const Value& b = out_.slots_[in.b];
      if (blocked(a, b, dest, [this](const Value& x, const Value& y) { return unknown_of(x, y); }))
        return;
      const bool a_first = in.op == Opcode::min ? a.number <= b.number : a.number >= b.number;
      dest = a_first ? a : b;
      return;
    }
    case Opcode::abs: {
      const Value& a = out_.slots_[in.a];
      dest = a.known() && a.number.sign() < 0 ? Value::of(-a.number) : a;
      return;
    }
    case Opcode::known: {
      const Value& a = out_.slots_[in.a];
      dest = a.state == ValueState::error ? a : Value::boolean(a.known());
      return;
    }
    case Opcode::in_set: {
      const Value& a = out_.slots_[in.a];
      if (!a.known()) {
        dest = a;
        return;
      }
      std::vector<const Value*> undecided;
      for (const SlotId s : program_->sets[in.b]) {
        const Value& member = out_.slots_[s];
        if (member.known() && equal(a, member)) {
          dest = Value::boolean(true);
          return;
        }
        if (!member.known()) undecided.push_back(&member);
      }
      if (undecided.empty()) {
        dest = Value::boolean(false);
      } else if (undecided.front()->state == ValueState::error) {
        dest = *undecided.front();
      } else {
        dest = unknown_of(undecided);
      }
      return;
    }
    case Opcode::aggregate:
      dest = aggregate(in, at);
      return;
    case Opcode::lookup:
      dest = lookup(in, at);
      return;
    case Opcode::field:
      dest = field(in, at);
      return;
    case Opcode::rule:
      dest = rule(in, at);
      return;
    case Opcode::apportion:
      dest = apportion(in, at);
      return;
    case Opcode::set_add:
    case Opcode::in_members:
    case Opcode::set_count:
      dest = set_operation(in);
      return;
  }
}

void Evaluator::run(std::uint32_t begin, std::uint32_t end) {
  const Instruction* code = program_->code.data();
  for (std::uint32_t at = begin; at < end; ++at) execute(code[at], at);
}

// Default logic, as Catala: an exception's own exceptions are consulted first; a node whose
// condition holds gives its value; two that apply at one level with different values conflict.
Evaluator::RuleResult Evaluator::rule_node(const RuleStep& step, std::int32_t node,
                                           std::uint32_t at) {
  using Kind = RuleResult::Kind;
  const auto& children = step.children_of(node);
  RuleResult found;
  std::vector<const Value*> undecided;
  std::vector<RuleResult> deeper;
  deeper.reserve(children.size());
  for (const auto child : children) {
    deeper.push_back(rule_node(step, static_cast<std::int32_t>(child), at));
    const RuleResult& r = deeper.back();
    if (r.kind == Kind::error) return r;
    if (r.kind == Kind::unknown) {
      undecided.push_back(&r.value);
      continue;
    }
    if (r.kind != Kind::value) continue;
    if (found.kind == Kind::value && !equal(found.value, r.value)) {
      const auto& checked = *program_->checked;
      const auto& rule = checked.rules[step.rule];
      auto describe = [&](const RuleResult& x) {
        const auto* clause = rule.exceptions[static_cast<std::size_t>(x.exception)].clause;
        return fmt::format("`{}`{} gives {}", clause->label,
                           clause->citation ? " [" + clause->citation->text + "]" : "",
                           display_known(x.value, rule.type, checked));
      };
      RuleResult conflict;
      conflict.kind = Kind::error;
      conflict.value = fail(at, fmt::format("conflicting exceptions for `{}`: {}, but {}",
                                            rule.name, describe(found), describe(r)));
      return conflict;
    }
    if (found.kind != Kind::value) found = r;
  }
  if (!undecided.empty()) {
    // An exception that may or may not apply could override or conflict: the value is unknown.
    RuleResult r;
    r.kind = Kind::unknown;
    r.value = unknown_of(undecided);
    return r;
  }
  if (found.kind == Kind::value) return found;
  if (node < 0) {
    RuleResult r;
    r.kind = Kind::value;  // the default always applies when no exception does
    return r;
  }
  const ExceptionStep& ex = step.exceptions[static_cast<std::size_t>(node)];
  const Value& condition = out_.slots_[ex.condition];
  RuleResult r;
  if (condition.state == ValueState::error) {
    r.kind = Kind::error;
    r.value = condition;
  } else if (condition.state == ValueState::unknown) {
    r.kind = Kind::unknown;
    r.value = condition;
  } else if (condition.aux != 0) {
    const Value& v = out_.slots_[ex.value];
    r.kind = v.state == ValueState::known
                 ? Kind::value
                 : (v.state == ValueState::error ? Kind::error : Kind::unknown);
    r.value = v;
    r.exception = node;
  }
  return r;
}

Value Evaluator::rule(const Instruction& in, std::uint32_t at) {
  const RuleStep& step = program_->rules[in.b];
  // The common case, without the general walk: every exception's condition is known to be false,
  // so none applies and the default stands.
  bool none_applies = true;
  for (const auto& ex : step.exceptions) {
    const Value& condition = out_.slots_[ex.condition];
    if (!condition.known() || condition.aux != 0) {
      none_applies = false;
      break;
    }
  }
  if (none_applies) {
    out_.fired_[in.b] = -1;
    return out_.slots_[in.a];
  }
  const RuleResult r = rule_node(step, -1, at);
  out_.fired_[in.b] = r.exception;
  if (r.kind == RuleResult::Kind::value && r.exception < 0) return out_.slots_[in.a];
  return r.value;
}

}  // namespace spdl
