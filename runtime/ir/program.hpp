#pragma once
// The runtime form of a checked ruleset: a flat list of instructions over numbered slots. No
// names, no maps: an instruction reads slots and writes one. Every value the ruleset computes
// (parameters, rules, and every sub-expression worth explaining) has its own slot, so after an
// evaluation the slots are also the trace that explanations read.
//
// Slots are laid out as: parameters and literals (filled once, when the program is built), then
// inputs (written per scheme), then rules and intermediate values. Evaluation is eager and
// branch-free at the language level: `if` selects between values already computed, and errors and
// unknowns are values, so an untaken branch can fail without harm.

#include <cstdint>
#include <optional>
#include <vector>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/value.hpp"

namespace spdl {

using SlotId = std::uint32_t;
inline constexpr SlotId no_slot = 0xFFFFFFFF;

enum class Opcode : std::uint8_t {
  copy,         // dest = a
  neg,          // dest = -a
  logical_not,  // dest = not a
  add,
  sub,
  mul,
  div,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logical_and,
  logical_or,  // three-valued: false and unknown is false
  select,      // dest = if a then b else c
  round,       // dest = round(a); imm: Rounding, b: decimal places, c: unit scale (int8)
  min,
  max,
  abs,
  known,       // dest = a is known
  in_set,      // dest = a is one of sets[b]
  aggregate,   // dest = aggregates[b] over the rows of its list
  lookup,      // dest = lookups[b]: a table's field in the row whose key is slot a
  field,       // dest = field b of the current row (inside an aggregation or a field default)
  rule,        // dest = default logic of rules[b]: slot a is the default value
  apportion,   // dest = part c of apportionments[b]: the whole number in slot a, divided
  set_add,     // dest = the set a with the member b
  in_members,  // dest = the member a is in the set b
  set_count,   // dest = how many members the set a has
};

struct Instruction {
  Opcode op;
  std::uint8_t imm = 0;
  SlotId dest = no_slot;
  SlotId a = no_slot;
  SlotId b = no_slot;
  SlotId c = no_slot;
};

// A run of instructions and the slot that holds its result.
struct Block {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  SlotId result = no_slot;
};

struct AggregateStep {
  Builtin kind = Builtin::sum;
  bool from_table = false;
  std::uint32_t list = 0;           // input index (a list of rows), or table index
  std::uint32_t record = 0;         // the rows' record type
  std::optional<Block> filter;      // `where`
  std::optional<Block> projection;  // `.field` or `.(expr)`
  Span span;
};

struct LookupStep {
  std::uint32_t table = 0;
  std::uint32_t field = 0;
  Span span;
};

// One exception of a rule, lowered.
struct ExceptionStep {
  SlotId condition = no_slot;
  SlotId value = no_slot;
  std::int32_t parent = -1;  // the exception it refines; -1: the default
};

struct RuleStep {
  std::uint32_t rule = 0;  // index into CheckedRuleset::rules
  std::vector<ExceptionStep> exceptions;
  std::vector<std::vector<std::uint32_t>> children;  // by exception, then one more for the default
};

// `apportion X by S`: the parts of S, each with the slots of its figures (parameters).
struct ApportionShare {
  ShareKind kind = ShareKind::exact;
  SlotId value = no_slot;  // the exact share, or the least; none for the remainder
  SlotId most = no_slot;   // a range's most
};

struct ApportionStep {
  std::uint32_t apportionment = 0;  // index into CheckedRuleset::apportionments
  std::vector<ApportionShare> shares;
  SlotId whole = no_slot;  // the shares' total, or 100%
};

struct TableRows {
  std::vector<std::vector<Value>> rows;  // constant cells, by row then column
};

struct Program {
  std::shared_ptr<const CheckedRuleset> checked;

  std::vector<Instruction> code;
  std::vector<Span> spans;  // by instruction: the expression it computes, for error messages
  Block setup;              // parameters and table cells: run once when the program is built
  Block main;               // run for each scheme

  std::vector<Value> initial_slots;  // every slot after setup: each evaluator starts from a copy
  std::uint32_t slot_count = 0;

  std::vector<SlotId> input_slots;      // by CheckedRuleset::inputs
  std::vector<SlotId> input_defaults;   // by input: the value used when a scheme leaves it out
  std::vector<SlotId> parameter_slots;  // by CheckedRuleset::parameters
  std::vector<SlotId> rule_slots;       // by CheckedRuleset::rules
  std::vector<SlotId> check_applies;    // by CheckedRuleset::checks (no_slot: always applies)
  std::vector<SlotId> check_requirement;
  std::vector<std::vector<SlotId>> check_message;   // the slot of each {hole}, in order
  std::vector<SlotId> policy_applies;               // by CheckedRuleset::policies
  std::vector<SlotId> condition_applies;            // by CheckedRuleset::conditions (or no_slot)
  std::vector<std::vector<SlotId>> condition_text;  // the slot of each {hole}, in order
  std::vector<SlotId> expr_slots;  // by ExprId: where each lowered expression's value is

  std::vector<AggregateStep> aggregates;
  std::vector<LookupStep> lookups;
  std::vector<RuleStep> rules;
  std::vector<ApportionStep> apportionments;
  std::vector<std::vector<SlotId>> sets;  // the values of a list after `in`
  std::vector<TableRows> tables;
  // A record field's default, evaluated in the row's scope when the scheme leaves it out.
  std::vector<std::vector<std::optional<Block>>> field_defaults;  // by record, by field
  std::vector<std::string> texts;                                 // text literals

  SlotId slot_of(ast::ExprId e) const { return e < expr_slots.size() ? expr_slots[e] : no_slot; }
};

}  // namespace spdl
