#pragma once
// What evaluating one scheme found, as a value: every slot's value (which is also the trace that
// explanations read), the inputs each unknown waits for, the errors, the exception that gave each
// rule its value, and what a report says of the scheme itself (its name, which inputs it gave).
// It owns all of that: nothing in it refers to the Scheme evaluated, which may go once the
// evaluation is made. It shares the Program.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/runtime/ir/program.hpp"

namespace spdl {

// An input (or a field of a list input's rows) whose absence left a value unknown.
struct NeedRef {
  std::uint32_t input = 0;
  std::int32_t field = -1;  // -1: the input itself
  bool operator==(const NeedRef&) const = default;
};

// The input a value is waiting for: "site_area", or "dwellings.bedrooms" for a field of a list.
std::string need_name(const CheckedRuleset& ruleset, const NeedRef& need);

// What went wrong in one computation, where in the ruleset: the compact record the evaluator keeps
// while it runs. What leaves the runtime is a Diagnostic (Evaluation::diagnostic).
struct EvalError {
  std::string message;
  Span span;
};

class Evaluation {
 public:
  const Program& program() const { return *program_; }

  const Value& slot(SlotId s) const { return slots_[s]; }
  const std::vector<Value>& slots() const { return slots_; }
  // The inputs an unknown value waits for; none for a value that is not unknown.
  std::vector<NeedRef> needs(const Value& v) const;
  // What went wrong, for a value that is an error.
  const EvalError& error(const Value& v) const { return errors_[v.aux]; }
  // The same as a Diagnostic (code "evaluation"), at the formula that failed.
  Diagnostic diagnostic(const Value& v) const;
  // A text value's text, from the ruleset or the scheme.
  const std::string& text(const Value& v) const;
  // The exception that gave rule r its value, or -1 for its default.
  std::int32_t fired(std::uint32_t rule) const;

  // The scheme evaluated, as its file named it.
  const std::string& scheme_name() const { return scheme_name_; }
  const std::string& scheme_reference() const { return scheme_reference_; }
  const std::string& scheme_path() const { return scheme_path_; }
  // Whether the scheme gave input i itself (rather than leaving it to a default, or out).
  bool given(std::uint32_t input) const { return input < given_.size() && given_[input] != 0; }
  // The rows the scheme gave a list input.
  std::size_t rows(std::uint32_t input) const { return input < rows_.size() ? rows_[input] : 0; }

 private:
  friend class Evaluator;

  std::shared_ptr<const Program> keep_;  // null when the evaluator was made for lowering
  const Program* program_ = nullptr;
  std::vector<Value> slots_;
  std::vector<std::vector<NeedRef>> need_sets_;
  std::vector<EvalError> errors_;
  std::vector<std::int32_t> fired_;  // by RuleStep
  std::string scheme_name_;
  std::string scheme_reference_;
  std::string scheme_path_;
  std::vector<std::string> scheme_texts_;
  std::vector<std::uint8_t> given_;  // by input
  std::vector<std::size_t> rows_;    // by input
};

}  // namespace spdl
