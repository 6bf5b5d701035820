#pragma once
// Evaluation of a program on one scheme. An Evaluator is the scratch space of one thread: make
// one per thread and reuse it for many schemes; the Program it reads is never changed. What an
// evaluation finds is an Evaluation (evaluation.hpp), which refers to nothing of the scheme.

#include <memory>
#include <string>
#include <vector>

#include "spdl/runtime/eval/evaluation.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/ir/scheme.hpp"

namespace spdl {

class Evaluator {
 public:
  explicit Evaluator(std::shared_ptr<const Program> program);
  // Without a share in the program, as lowering needs while it builds one: the program must then
  // outlive the evaluator and every Evaluation copied from it.
  explicit Evaluator(const Program& program);

  // The evaluator's own Evaluation, remade by the next call (the fast path: no copy); copy it to
  // keep it. The scheme is read during the call only.
  const Evaluation& evaluate(const Scheme& scheme) &;
  // A temporary evaluator hands its Evaluation over, and is done with: `Evaluator(p).evaluate(s)`.
  Evaluation evaluate(const Scheme& scheme) &&;
  // The setup block alone (parameters, table cells), for building a program.
  const Evaluation& run_setup();

  const Program& program() const { return *program_; }

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
  RuleResult rule_node(const RuleStep& step, std::int32_t node, std::uint32_t at);
  bool equal(const Value& a, const Value& b) const;

  void take_scheme(const Scheme& scheme);
  const std::string& text(const Value& v) const { return out_.text(v); }

  const Program* program_;
  Evaluation out_;  // the slots, needs, errors and fired exceptions are computed in place here
  const Scheme* scheme_ = nullptr;  // during evaluate() only: its lists' rows
  std::size_t fixed_needs_ = 0;     // singleton sets for each input and each list field, made once
  std::vector<std::size_t> field_need_base_;  // by input: where its fields' singletons start
  std::vector<std::uint32_t> list_inputs_;    // the inputs that are lists, whose rows are counted
  std::vector<Row> rows_;
  std::size_t default_depth_ = 0;
};

}  // namespace spdl
