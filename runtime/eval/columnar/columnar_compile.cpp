// ColumnarProgram::compile: which instructions of a lowered program the columns can run, with the
// constants they start from and the kind of value in each slot.

#include <algorithm>

#include "spdl/runtime/eval/columnar/columnar.hpp"
#include "spdl/runtime/eval/columnar/columnar_fixed.hpp"

namespace spdl {

using columnar::to_fixed;

ValueKind column_kind(const Type& t) {
  switch (t.kind) {
    case TypeKind::number:
      return ValueKind::number;
    case TypeKind::boolean:
      return ValueKind::boolean;
    case TypeKind::date:
      return ValueKind::date;
    case TypeKind::enumeration:
      return ValueKind::enumeration;
    default:
      return ValueKind::none;  // text, lists: not in columns
  }
}

namespace {

// The instructions of the main block that `outputs` depend on, in order (all of them when there
// are no outputs).
std::vector<std::uint32_t> needed_code(const Program& p, const std::vector<SlotId>& outputs) {
  std::vector<std::uint32_t> code;
  if (outputs.empty()) {
    for (std::uint32_t at = p.main.begin; at < p.main.end; ++at) code.push_back(at);
    return code;
  }
  std::vector<bool> needed(p.slot_count, false);
  for (const SlotId s : outputs) needed[s] = true;
  auto use = [&](SlotId s) {
    if (s != no_slot && s < needed.size()) needed[s] = true;
  };
  for (std::uint32_t at = p.main.end; at-- > p.main.begin;) {
    const Instruction& in = p.code[at];
    if (!needed[in.dest]) continue;
    code.push_back(at);
    switch (in.op) {
      case Opcode::in_set:
        use(in.a);
        for (const SlotId m : p.sets[in.b]) use(m);
        break;
      case Opcode::rule:
        use(in.a);
        for (const auto& ex : p.rules[in.b].exceptions) use(ex.condition), use(ex.value);
        break;
      case Opcode::round:
      case Opcode::aggregate:
      case Opcode::lookup:
      case Opcode::field:
      case Opcode::apportion:
      case Opcode::set_count:
        use(in.a);  // b and c are not slots here (places, a unit scale, a step, a part)
        break;
      default:
        use(in.a), use(in.b), use(in.c);
        break;
    }
  }
  std::reverse(code.begin(), code.end());
  return code;
}

}  // namespace

std::shared_ptr<const ColumnarProgram> ColumnarProgram::compile(
    std::shared_ptr<const Program> program, std::string& why, const std::vector<SlotId>& outputs) {
  auto out = std::make_shared<ColumnarProgram>();
  out->program_ = program;
  const Program& p = *program;
  const CheckedRuleset& checked = *p.checked;
  out->kinds_.assign(p.slot_count, ValueKind::none);

  // Constants: everything setup computed (parameters, literals, defaults).
  for (SlotId s = 0; s < p.initial_slots.size(); ++s) {
    const Value& v = p.initial_slots[s];
    if (!v.known()) continue;
    Constant c{s, 0, 0};
    switch (v.kind) {
      case ValueKind::number:
        if (!to_fixed(v.number, c.mantissa, c.scale)) continue;  // unusable unless referenced
        break;
      case ValueKind::boolean:
      case ValueKind::enumeration:
        c.mantissa = v.aux;
        break;
      case ValueKind::date:
        c.mantissa = v.day();
        break;
      default:
        continue;
    }
    out->kinds_[s] = v.kind;
    out->constants_.push_back(c);
  }
  for (std::uint32_t i = 0; i < checked.inputs.size(); ++i) {
    out->kinds_[p.input_slots[i]] = column_kind(checked.inputs[i].type);
    const SlotId d = p.input_defaults[i];
    if (d != no_slot && out->kinds_[d] == ValueKind::none) {
      why =
          "the default of `" + checked.inputs[i].name + "` is not a constant the columns can hold";
      return nullptr;
    }
  }

  // Every instruction of the main block, in order, must be one the columns have, on operands
  // whose kind is already settled.
  auto& kinds = out->kinds_;
  auto need = [&](SlotId s, bool number) {
    if (s == no_slot || kinds[s] == ValueKind::none) return false;
    return !number || kinds[s] == ValueKind::number;
  };
  out->code_ = needed_code(p, outputs);
  for (const std::uint32_t at : out->code_) {
    const Instruction& in = p.code[at];
    bool ok = true;
    ValueKind result = ValueKind::none;
    switch (in.op) {
      case Opcode::copy:
        ok = need(in.a, false);
        result = ok ? kinds[in.a] : ValueKind::none;
        break;
      case Opcode::neg:
      case Opcode::abs:
      case Opcode::round:
        ok = need(in.a, true);
        result = ValueKind::number;
        break;
      case Opcode::add:
      case Opcode::sub:
      case Opcode::mul:
      case Opcode::min:
      case Opcode::max:
        ok = need(in.a, true) && need(in.b, true);
        result = ValueKind::number;
        break;
      case Opcode::eq:
      case Opcode::ne:
      case Opcode::lt:
      case Opcode::le:
      case Opcode::gt:
      case Opcode::ge:
        ok = need(in.a, false) && need(in.b, false) && kinds[in.a] == kinds[in.b];
        result = ValueKind::boolean;
        break;
      case Opcode::logical_not:
        ok = need(in.a, false);
        result = ValueKind::boolean;
        break;
      case Opcode::logical_and:
      case Opcode::logical_or:
        ok = need(in.a, false) && need(in.b, false);
        result = ValueKind::boolean;
        break;
      case Opcode::known:
        ok = need(in.a, false);
        result = ValueKind::boolean;
        break;
      case Opcode::select:
        ok = need(in.a, false) && need(in.b, false) && need(in.c, false) &&
             kinds[in.b] == kinds[in.c];
        result = ok ? kinds[in.b] : ValueKind::none;
        break;
      case Opcode::in_set:
        ok = need(in.a, false);
        for (const SlotId m : p.sets[in.b]) ok = ok && need(m, false) && kinds[m] == kinds[in.a];
        result = ValueKind::boolean;
        break;
      case Opcode::rule: {
        ok = need(in.a, false);
        for (const auto& ex : p.rules[in.b].exceptions) {
          ok = ok && need(ex.condition, false) && need(ex.value, false) &&
               kinds[ex.value] == kinds[in.a];
        }
        result = ok ? kinds[in.a] : ValueKind::none;
        break;
      }
      case Opcode::div:
        why = "it divides, and a quotient need not be a finite decimal";
        return nullptr;
      case Opcode::aggregate:
      case Opcode::lookup:
      case Opcode::field:
        why = "it reads lists or tables";
        return nullptr;
      case Opcode::apportion:
        why = "it apportions a total among the parts of a shares";
        return nullptr;
      case Opcode::set_add:
      case Opcode::in_members:
      case Opcode::set_count:
        why = "it works with sets of members";
        return nullptr;
    }
    if (!ok || result == ValueKind::none || result == ValueKind::text) {
      for (const SlotId s : {in.a, in.b, in.c}) {
        if (s < p.initial_slots.size() && p.initial_slots[s].kind == ValueKind::member_set) {
          why = "it works with sets of members";
          return nullptr;
        }
      }
      why =
          "it uses values the columns cannot hold (text, or a constant that is not a finite "
          "decimal)";
      return nullptr;
    }
    kinds[in.dest] = result;
  }
  return out;
}

}  // namespace spdl
