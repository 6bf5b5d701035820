#pragma once
// Evaluation of a program on one scheme. An Evaluator is the scratch space of one thread: make
// one per thread and reuse it for many schemes; the Program it reads is never changed.

#include <memory>
#include <string>
#include <vector>

#include "spdl/runtime/eval/apportion.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/ir/scheme.hpp"

namespace spdl {

// An input (or a field of a list input's rows) whose absence left a value unknown.
struct NeedRef {
  std::uint32_t input = 0;
  std::int32_t field = -1;  // -1: the input itself
  bool operator==(const NeedRef&) const = default;
};

// The input a value is waiting for: "site_area", or "dwellings.bedrooms" for a field of a list.
std::string need_name(const CheckedRuleset& ruleset, const NeedRef& need);

struct EvalError {
  std::string message;
  Span span;
};

class Evaluator {
 public:
  explicit Evaluator(std::shared_ptr<const Program> program);
  // For building a program: evaluates its setup block only (parameters, table cells).
  explicit Evaluator(const Program& program);

  void evaluate(const Scheme& scheme);
  void run_setup();

  const Value& slot(SlotId s) const { return slots_[s]; }
  const std::vector<Value>& slots() const { return slots_; }
  std::vector<NeedRef> needs(const Value& v) const;
  const EvalError& error(const Value& v) const { return errors_[v.aux]; }
  const std::string& text(const Value& v) const;
  // The exception that gave rule r its value, or -1 for its default.
  std::int32_t fired(std::uint32_t rule) const;
  // The figures of the apportionment step `step` as they stand (its shares' slots), for
  // explanations.
  std::vector<ApportionPart> apportion_parts(std::uint32_t step, Rational& whole) const;
  const Program& program() const { return *program_; }
  const Scheme* scheme() const { return scheme_; }

 private:
  struct Row {
    const std::vector<Value>* fields;
    std::uint32_t list;  // input index or table index
    bool table;
    std::uint32_t record;
  };
  struct RuleResult;

  void run(std::uint32_t begin, std::uint32_t end);
  void execute(const Instruction& in, std::uint32_t at);
  Value fail(std::uint32_t at, std::string message);
  // A computed number past limits::max_rational_bits, which becomes an error, not a slow crawl.
  static bool too_large(const Rational& r);
  Value unknown_of(const Value& a, const Value& b);
  Value unknown_of(const std::vector<const Value*>& values);
  std::uint32_t need_set(std::vector<NeedRef> refs);
  Value arithmetic(const Instruction& in, std::uint32_t at);
  Value compare(const Instruction& in);
  Value aggregate(const Instruction& in, std::uint32_t at);
  Value lookup(const Instruction& in, std::uint32_t at);
  Value field(const Instruction& in, std::uint32_t at);
  Value rule(const Instruction& in, std::uint32_t at);
  Value apportion(const Instruction& in, std::uint32_t at);
  Value set_operation(const Instruction& in);
  RuleResult rule_node(const RuleStep& step, std::int32_t node, std::uint32_t at);
  bool equal(const Value& a, const Value& b) const;

  std::shared_ptr<const Program> keep_;
  const Program* program_;
  const Scheme* scheme_ = nullptr;
  std::vector<Value> slots_;
  std::vector<std::vector<NeedRef>> need_sets_;
  std::size_t fixed_needs_ = 0;  // singleton sets for each input and each list field, made once
  std::vector<std::size_t> field_need_base_;  // by input: where its fields' singletons start
  std::vector<EvalError> errors_;
  std::vector<std::int32_t> fired_;  // by RuleStep
  std::vector<Row> rows_;
  std::size_t default_depth_ = 0;
  // The parts of each apportionment, computed by its first part and read by the others.
  struct ApportionCache {
    std::uint64_t evaluation = 0;
    Rational total;
    std::vector<Rational> results;
    std::int64_t error = -1;  // the error value's index, when it failed
  };
  std::vector<ApportionCache> apportioned_;
  std::uint64_t evaluation_ = 0;
};

}  // namespace spdl
