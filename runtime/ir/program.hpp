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

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
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

// A list most owners leave empty: one pointer until it has something, where a vector takes three.
// Copies are deep.
template <typename T>
class RareVector {
 public:
  RareVector() = default;
  RareVector(const RareVector& other)
      : p_(other.p_ ? std::make_unique<std::vector<T>>(*other.p_) : nullptr) {}
  RareVector(RareVector&&) noexcept = default;
  RareVector& operator=(const RareVector& other) {
    if (this != &other) p_ = other.p_ ? std::make_unique<std::vector<T>>(*other.p_) : nullptr;
    return *this;
  }
  RareVector& operator=(RareVector&&) noexcept = default;
  ~RareVector() = default;

  std::size_t size() const { return p_ ? p_->size() : 0; }
  bool empty() const { return !p_ || p_->empty(); }
  const T* begin() const { return p_ ? p_->data() : nullptr; }
  const T* end() const { return p_ ? p_->data() + p_->size() : nullptr; }
  const T& operator[](std::size_t i) const { return (*p_)[i]; }
  T& operator[](std::size_t i) { return (*p_)[i]; }
  void push_back(T value) { vector().push_back(std::move(value)); }
  void resize(std::size_t n) { vector().resize(n); }

 private:
  std::vector<T>& vector() {
    if (!p_) p_ = std::make_unique<std::vector<T>>();
    return *p_;
  }
  std::unique_ptr<std::vector<T>> p_;
};

// A program keeps one for each rule; most rules have no exceptions, so their lists are rare
// (24 bytes a rule, and no allocation, where two vectors and the default's list of children took
// 88).
struct RuleStep {
  std::uint32_t rule = 0;  // index into CheckedRuleset::rules
  RareVector<ExceptionStep> exceptions;
  // By exception, then one more for the default: the exceptions that refine it. Left empty, without
  // the default's list, for a rule with no exceptions.
  RareVector<std::vector<std::uint32_t>> children;

  const std::vector<std::uint32_t>& children_of(std::int32_t node) const {
    static const std::vector<std::uint32_t> none;
    const std::size_t at = node < 0 ? exceptions.size() : static_cast<std::size_t>(node);
    return at < children.size() ? children[at] : none;
  }
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

// The slots' values before a scheme is evaluated. Setup (parameters, table cells) fills a run of
// slots at the start; after that run, the only slots the main block does not compute are its
// literals, scattered among the values they feed. So the run is kept whole and the rest as
// (slot, value) pairs; every other slot starts as Value{}. A Value for each slot took 960 KB for
// the 40,000 slots of the 10,007-line benchmark ruleset, this 350 KB (issue 12).
class InitialSlots {
 public:
  // `count` slots: the first `prefix.size()` as given, the rest Value{} but for the ones of
  // `scattered` (ascending by slot, each at or after the prefix).
  void assign(std::vector<Value> prefix, std::vector<std::pair<SlotId, Value>> scattered,
              std::uint32_t count) {
    prefix_ = std::move(prefix);
    // Fresh vectors of the size needed: clear() would keep the capacity of an earlier assign().
    scattered_slots_ = std::vector<SlotId>();
    scattered_values_ = std::vector<Value>();
    scattered_slots_.reserve(scattered.size());
    scattered_values_.reserve(scattered.size());
    for (auto& [slot, value] : scattered) {
      scattered_slots_.push_back(slot);
      scattered_values_.push_back(std::move(value));
    }
    count_ = count;
  }

  std::size_t size() const { return count_; }
  const Value& operator[](SlotId s) const {
    if (s < prefix_.size()) return prefix_[s];
    const auto it = std::lower_bound(scattered_slots_.begin(), scattered_slots_.end(), s);
    if (it != scattered_slots_.end() && *it == s) {
      return scattered_values_[static_cast<std::size_t>(it - scattered_slots_.begin())];
    }
    return unset();
  }
  // Every slot's value, into `slots` (resized to size()).
  void copy_to(std::vector<Value>& slots) const {
    slots.assign(prefix_.begin(), prefix_.end());
    slots.resize(count_);
    for (std::size_t i = 0; i < scattered_slots_.size(); ++i) {
      slots[scattered_slots_[i]] = scattered_values_[i];
    }
  }

 private:
  static const Value& unset() {
    static const Value none{};
    return none;
  }

  std::vector<Value> prefix_;
  std::vector<SlotId> scattered_slots_;
  std::vector<Value> scattered_values_;
  std::uint32_t count_ = 0;
};

struct Program {
  std::shared_ptr<const CheckedRuleset> checked;

  std::vector<Instruction> code;
  // By instruction, where an error in it points: the expression it computes (an ExprId), or with
  // declaration_span_flag an index into declaration_spans (a rule's name, a share's declaration).
  // Four bytes an instruction where a Span took twelve (issue 12).
  static constexpr std::uint32_t declaration_span_flag = 0x80000000u;
  std::vector<std::uint32_t> where;
  std::vector<Span> declaration_spans;
  Block setup;  // parameters and table cells: run once when the program is built
  Block main;   // run for each scheme

  InitialSlots initial_slots;  // every slot after setup: each evaluator starts from a copy
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

  Span span_of(std::uint32_t instruction) const {
    if (instruction >= where.size()) return {};
    const std::uint32_t w = where[instruction];
    if ((w & declaration_span_flag) != 0) return declaration_spans[w & ~declaration_span_flag];
    return checked->ast()[w].span();
  }
  SlotId slot_of(ast::ExprId e) const { return e < expr_slots.size() ? expr_slots[e] : no_slot; }
};

}  // namespace spdl
