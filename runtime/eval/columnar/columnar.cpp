#include "spdl/runtime/eval/columnar/columnar.hpp"

#include <algorithm>
#include <type_traits>

#include "spdl/runtime/eval/columnar/columnar_fixed.hpp"
#include "spdl/runtime/ir/rounding.hpp"

namespace spdl {

using columnar::max_scale;
using columnar::powers_of_ten;

ColumnarBlock::ColumnarBlock(std::shared_ptr<const ColumnarProgram> program)
    : program_(std::move(program)) {
  const Program& p = program_->program();
  input_slots_ = p.input_slots.data();
  const std::size_t slots = std::max<std::size_t>(p.slot_count, 1);
  capacity_ = std::clamp<std::size_t>((2u << 20) / (slots * sizeof(std::int64_t)), 16, 512);
  data_.assign(slots * capacity_, 0);
  scales_.assign(slots, 0);
  const std::size_t inputs = p.input_slots.size();
  row_scale_.assign(inputs * capacity_, 0);
  given_.assign(inputs * capacity_, 0);
  given_count_.assign(inputs, 0);
  first_scale_.assign(inputs, -1);
  mixed_scales_.assign(inputs, 0);
  inexact_.assign(capacity_, 0);
  scratch_a_.assign(capacity_, 0);
  scratch_b_.assign(capacity_, 0);
  for (const auto& c : program_->constants_) {
    std::fill_n(column(c.slot), capacity_, c.mantissa);
    scales_[c.slot] = c.scale;
  }
}

void ColumnarBlock::clear() {
  rows_ = 0;
  std::fill(given_.begin(), given_.end(), 0);
  std::fill(given_count_.begin(), given_count_.end(), 0);
  std::fill(first_scale_.begin(), first_scale_.end(), -1);
  std::fill(mixed_scales_.begin(), mixed_scales_.end(), 0);
  std::fill(inexact_.begin(), inexact_.end(), 0);
  settled_ = false;
}

// Each input column gets one scale (the largest its rows need); a missing value takes the
// input's default, or marks its row for the scalar Evaluator.
void ColumnarBlock::settle_inputs() {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::uint8_t* bad = inexact_.data();
  const Program& p = program_->program();
  for (std::uint32_t i = 0; i < p.input_slots.size(); ++i) {
    const SlotId slot = p.input_slots[i];
    const ValueKind kind = program_->kind(slot);
    if (kind == ValueKind::none) continue;
    std::int64_t* col = column(slot);
    const std::uint8_t* given = &given_[i * capacity_];
    const std::int8_t* row_scale = &row_scale_[i * capacity_];
    const SlotId fallback = p.input_defaults[i];
    if (given_count_[i] == n && !mixed_scales_[i]) {  // every row given, at one scale
      scales_[slot] = kind == ValueKind::number ? first_scale_[i] : 0;
      continue;
    }
    std::int8_t scale = 0;
    for (std::size_t r = 0; r < n; ++r) {
      if (given[r]) scale = std::max(scale, row_scale[r]);
    }
    if (fallback != no_slot) scale = std::max(scale, scales_[fallback]);
    for (std::size_t r = 0; r < n; ++r) {
      std::int64_t m = col[r];
      std::int8_t s = row_scale[r];
      if (!given[r]) {
        if (fallback == no_slot) {
          bad[r] = 1;
          col[r] = 0;
          continue;
        }
        m = column(fallback)[0];
        s = scales_[fallback];
      }
      if (s != scale &&
          __builtin_mul_overflow(m, powers_of_ten[static_cast<std::size_t>(scale - s)], &m)) {
        bad[r] = 1;
      }
      col[r] = m;
    }
    scales_[slot] = kind == ValueKind::number ? scale : 0;
  }
}

const std::int64_t* ColumnarBlock::at_scale(SlotId s, std::int8_t to,
                                            std::vector<std::int64_t>& scratch) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::uint8_t* bad = inexact_.data();
  const std::int8_t from = scales_[s];
  const std::int64_t* col = column(s);
  if (from == to) return col;
  const std::int64_t factor = powers_of_ten[static_cast<std::size_t>(to - from)];
  for (std::size_t r = 0; r < n; ++r) {
    if (__builtin_mul_overflow(col[r], factor, &scratch[r])) bad[r] = 1;
  }
  return scratch.data();
}

void ColumnarBlock::arithmetic(const Instruction& in) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::uint8_t* bad = inexact_.data();
  std::int64_t* d = column(in.dest);
  if (in.op == Opcode::mul) {
    const std::int8_t scale = static_cast<std::int8_t>(scales_[in.a] + scales_[in.b]);
    const std::int64_t* a = column(in.a);
    const std::int64_t* b = column(in.b);
    if (scale > max_scale) {
      std::fill_n(inexact_.begin(), rows_, 1);
      return;
    }
    for (std::size_t r = 0; r < n; ++r) {
      if (__builtin_mul_overflow(a[r], b[r], &d[r])) bad[r] = 1;
    }
    scales_[in.dest] = scale;
    return;
  }
  const std::int8_t scale = std::max(scales_[in.a], scales_[in.b]);
  const std::int64_t* a = at_scale(in.a, scale, scratch_a_);
  const std::int64_t* b = at_scale(in.b, scale, scratch_b_);
  switch (in.op) {
    case Opcode::add:
      for (std::size_t r = 0; r < n; ++r) {
        if (__builtin_add_overflow(a[r], b[r], &d[r])) bad[r] = 1;
      }
      break;
    case Opcode::sub:
      for (std::size_t r = 0; r < n; ++r) {
        if (__builtin_sub_overflow(a[r], b[r], &d[r])) bad[r] = 1;
      }
      break;
    case Opcode::min:
      for (std::size_t r = 0; r < n; ++r) d[r] = std::min(a[r], b[r]);
      break;
    case Opcode::max:
      for (std::size_t r = 0; r < n; ++r) d[r] = std::max(a[r], b[r]);
      break;
    default:
      break;
  }
  scales_[in.dest] = scale;
}

void ColumnarBlock::compare(const Instruction& in) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::int64_t* d = column(in.dest);
  const bool numbers = program_->kind(in.a) == ValueKind::number;
  const std::int8_t scale = numbers ? std::max(scales_[in.a], scales_[in.b]) : 0;
  const std::int64_t* a = numbers ? at_scale(in.a, scale, scratch_a_) : column(in.a);
  const std::int64_t* b = numbers ? at_scale(in.b, scale, scratch_b_) : column(in.b);
  switch (in.op) {
    case Opcode::eq:
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] == b[r];
      break;
    case Opcode::ne:
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] != b[r];
      break;
    case Opcode::lt:
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] < b[r];
      break;
    case Opcode::le:
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] <= b[r];
      break;
    case Opcode::gt:
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] > b[r];
      break;
    default:
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] >= b[r];
      break;
  }
  scales_[in.dest] = 0;
}

// Rounds in the figure's own unit by the rule of rounding.hpp, a column at a time: row for row,
// what round_fixed does to one value (a unit test holds the two to the scalar evaluator's rule).
void ColumnarBlock::round(const Instruction& in) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::uint8_t* bad = inexact_.data();
  const std::int64_t* a = column(in.a);
  std::int64_t* d = column(in.dest);
  const int s = scales_[in.a];
  const int k = fixed_rounding_shift(s, static_cast<int>(in.b), static_cast<std::int8_t>(in.c));
  if (k <= 0) {  // already exact to that many places
    std::copy_n(a, rows_, d);
    scales_[in.dest] = static_cast<std::int8_t>(s);
    return;
  }
  if (k > max_scale) {
    std::fill_n(inexact_.begin(), rows_, 1);
    return;
  }
  const auto mode = static_cast<Rounding>(in.imm);
  int result_scale = s - k;
  // A constant divisor lets the compiler divide by multiplying: the common places get one each,
  // and each rounding mode its own loop.
  auto loop = [&](auto divisor) {
    switch (mode) {
      case Rounding::down:
        for (std::size_t r = 0; r < n; ++r) d[r] = round_division<Rounding::down>(a[r], divisor);
        break;
      case Rounding::up:
        for (std::size_t r = 0; r < n; ++r) d[r] = round_division<Rounding::up>(a[r], divisor);
        break;
      case Rounding::half_up:
        for (std::size_t r = 0; r < n; ++r) d[r] = round_division<Rounding::half_up>(a[r], divisor);
        break;
      case Rounding::half_even:
        for (std::size_t r = 0; r < n; ++r)
          d[r] = round_division<Rounding::half_even>(a[r], divisor);
        break;
    }
  };
  switch (k) {
    case 1:
      loop(std::integral_constant<std::int64_t, 10>{});
      break;
    case 2:
      loop(std::integral_constant<std::int64_t, 100>{});
      break;
    case 3:
      loop(std::integral_constant<std::int64_t, 1'000>{});
      break;
    case 4:
      loop(std::integral_constant<std::int64_t, 10'000>{});
      break;
    default:
      loop(powers_of_ten[static_cast<std::size_t>(k)]);
      break;
  }
  if (result_scale < 0) {
    const std::int64_t factor = powers_of_ten[static_cast<std::size_t>(-result_scale)];
    for (std::size_t r = 0; r < n; ++r) {
      if (__builtin_mul_overflow(d[r], factor, &d[r])) bad[r] = 1;
    }
    result_scale = 0;
  }
  scales_[in.dest] = static_cast<std::int8_t>(result_scale);
}

void ColumnarBlock::select(const Instruction& in) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  const std::int64_t* c = column(in.a);
  std::int64_t* d = column(in.dest);
  const bool numbers = program_->kind(in.b) == ValueKind::number;
  const std::int8_t scale = numbers ? std::max(scales_[in.b], scales_[in.c]) : 0;
  const std::int64_t* t = numbers ? at_scale(in.b, scale, scratch_a_) : column(in.b);
  const std::int64_t* e = numbers ? at_scale(in.c, scale, scratch_b_) : column(in.c);
  for (std::size_t r = 0; r < n; ++r) {
    const std::int64_t take = -static_cast<std::int64_t>(c[r] != 0);  // all ones or zero: no branch
    d[r] = (t[r] & take) | (e[r] & ~take);
  }
  scales_[in.dest] = scale;
}

// Catala-style default logic, row by row: an exception whose condition holds gives its value; a
// more specific one wins; two at one level that disagree are a conflict, which the scalar
// Evaluator reports, so the row is handed to it.
void ColumnarBlock::rule(const Instruction& in) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::uint8_t* bad = inexact_.data();
  const RuleStep& step = program_->program().rules[in.b];
  const bool numbers = program_->kind(in.a) == ValueKind::number;
  std::int8_t scale = numbers ? scales_[in.a] : 0;
  for (const auto& ex : step.exceptions) scale = numbers ? std::max(scale, scales_[ex.value]) : 0;
  std::int64_t* d = column(in.dest);
  const std::int64_t* fallback = numbers ? at_scale(in.a, scale, scratch_a_) : column(in.a);
  std::copy_n(fallback, rows_, d);
  scales_[in.dest] = scale;
  if (step.exceptions.empty()) return;

  auto value_at = [&](SlotId s, std::size_t r, std::int64_t& out) {
    out = column(s)[r];
    if (numbers && scales_[s] != scale &&
        __builtin_mul_overflow(out, powers_of_ten[static_cast<std::size_t>(scale - scales_[s])],
                               &out)) {
      bad[r] = 1;
    }
  };
  // 0: no exception below `node` applies; 1: one gives `out`; 2: a conflict.
  auto walk = [&](auto& self, std::int32_t node, std::size_t r, std::int64_t& out) -> int {
    const auto& children = step.children_of(node);
    int found = 0;
    for (const auto child : children) {
      std::int64_t v = 0;
      const int got = self(self, static_cast<std::int32_t>(child), r, v);
      if (got == 2) return 2;
      if (got == 1) {
        if (found == 1 && v != out) return 2;
        found = 1;
        out = v;
      }
    }
    if (found == 1 || node < 0) return found;
    const ExceptionStep& ex = step.exceptions[static_cast<std::size_t>(node)];
    if (column(ex.condition)[r] == 0) return 0;
    value_at(ex.value, r, out);
    return 1;
  };
  for (std::size_t r = 0; r < n; ++r) {
    bool any = false;
    for (const auto& ex : step.exceptions) any = any || column(ex.condition)[r] != 0;
    if (!any) continue;
    std::int64_t v = 0;
    const int got = walk(walk, -1, r, v);
    if (got == 2) bad[r] = 1;
    if (got == 1) d[r] = v;
  }
}

void ColumnarBlock::run(const Instruction& in) {
  // Locals, not members: the loops below then keep them in registers.
  const std::size_t n = rows_;
  std::uint8_t* bad = inexact_.data();
  std::int64_t* d = column(in.dest);
  switch (in.op) {
    case Opcode::copy:
      std::copy_n(column(in.a), rows_, d);
      scales_[in.dest] = scales_[in.a];
      return;
    case Opcode::neg: {
      const std::int64_t* a = column(in.a);
      for (std::size_t r = 0; r < n; ++r) {
        if (__builtin_sub_overflow(std::int64_t{0}, a[r], &d[r])) bad[r] = 1;
      }
      scales_[in.dest] = scales_[in.a];
      return;
    }
    case Opcode::abs: {
      const std::int64_t* a = column(in.a);
      for (std::size_t r = 0; r < n; ++r) {
        if (a[r] < 0 && __builtin_sub_overflow(std::int64_t{0}, a[r], &d[r])) bad[r] = 1;
        if (a[r] >= 0) d[r] = a[r];
      }
      scales_[in.dest] = scales_[in.a];
      return;
    }
    case Opcode::logical_not: {
      const std::int64_t* a = column(in.a);
      for (std::size_t r = 0; r < n; ++r) d[r] = a[r] == 0;
      scales_[in.dest] = 0;
      return;
    }
    case Opcode::logical_and:
    case Opcode::logical_or: {
      const std::int64_t* a = column(in.a);
      const std::int64_t* b = column(in.b);
      if (in.op == Opcode::logical_and) {
        for (std::size_t r = 0; r < n; ++r) d[r] = (a[r] != 0) & (b[r] != 0);
      } else {
        for (std::size_t r = 0; r < n; ++r) d[r] = (a[r] != 0) | (b[r] != 0);
      }
      scales_[in.dest] = 0;
      return;
    }
    case Opcode::known:  // every value in a column is known; unknown rows went to the scalar path
      std::fill_n(d, rows_, 1);
      scales_[in.dest] = 0;
      return;
    case Opcode::add:
    case Opcode::sub:
    case Opcode::mul:
    case Opcode::min:
    case Opcode::max:
      arithmetic(in);
      return;
    case Opcode::eq:
    case Opcode::ne:
    case Opcode::lt:
    case Opcode::le:
    case Opcode::gt:
    case Opcode::ge:
      compare(in);
      return;
    case Opcode::round:
      round(in);
      return;
    case Opcode::select:
      select(in);
      return;
    case Opcode::in_set: {
      const auto& members = program_->program().sets[in.b];
      const bool numbers = program_->kind(in.a) == ValueKind::number;
      std::fill_n(d, rows_, 0);
      for (const SlotId m : members) {
        const std::int8_t scale = numbers ? std::max(scales_[in.a], scales_[m]) : 0;
        const std::int64_t* a = numbers ? at_scale(in.a, scale, scratch_a_) : column(in.a);
        const std::int64_t* b = numbers ? at_scale(m, scale, scratch_b_) : column(m);
        for (std::size_t r = 0; r < n; ++r) d[r] |= a[r] == b[r];
      }
      scales_[in.dest] = 0;
      return;
    }
    case Opcode::rule:
      rule(in);
      return;
    case Opcode::div:
    case Opcode::aggregate:
    case Opcode::lookup:
    case Opcode::field:
    case Opcode::apportion:
    case Opcode::set_add:
    case Opcode::in_members:
    case Opcode::set_count:
      std::fill_n(inexact_.begin(), rows_, 1);  // not compiled; never reached
      return;
  }
}

void ColumnarBlock::evaluate(std::size_t rows) {
  rows_ = std::min(rows, capacity_);
  settle_inputs();
  settled_ = true;
  const Program& p = program_->program();
  for (const std::uint32_t at : program_->code_) run(p.code[at]);
}

Value ColumnarBlock::value(SlotId s, std::size_t row) const {
  return columnar::value_of(program_->kind(s), column(s)[row], scales_[s]);
}

Value ColumnarBlock::input_value(std::uint32_t input, std::size_t row) const {
  if (!given_[input * capacity_ + row]) return Value{};
  const SlotId slot = program_->program().input_slots[input];
  const std::int8_t scale = settled_ ? scales_[slot] : row_scale_[input * capacity_ + row];
  return columnar::value_of(program_->kind(slot), column(slot)[row], scale);
}

void ColumnarBlock::forget(std::size_t row) {
  for (std::size_t i = 0; i < program_->program().input_slots.size(); ++i) {
    given_count_[i] -= given_[i * capacity_ + row];
    given_[i * capacity_ + row] = 0;
  }
}

}  // namespace spdl
