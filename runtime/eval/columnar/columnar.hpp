#pragma once
// Many schemes at once. A program is run over a block of schemes instruction by instruction, each
// instruction a tight loop over a column per slot, the way vectorised engines amortise
// interpretation. Numbers are exact fixed-point integers (a value is mantissa / 10^scale in base
// units, one scale per column); yes/no, dates and enumeration members are integers.
//
// Anything the fixed-point form cannot hold exactly falls back: a program that uses lists,
// tables, division or text is not compiled at all (batch evaluation then uses the scalar
// Evaluator), and a row whose arithmetic would overflow, whose exceptions conflict or whose input
// is missing is marked, so the caller evaluates that scheme with the scalar Evaluator. Either way
// the answer is the exact one.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "spdl/runtime/ir/program.hpp"

namespace spdl {

// The kind of value a column of this type holds as integers; none for text and lists, which
// columns do not hold.
ValueKind column_kind(const Type& t);

class ColumnarProgram {
 public:
  // Null, with `why`, when the program needs something the columnar form does not have. With
  // `outputs`, only what those slots depend on is compiled: a figure that never looks at the
  // accommodation schedule runs in columns even when other rules of the ruleset do.
  static std::shared_ptr<const ColumnarProgram> compile(std::shared_ptr<const Program> program,
                                                        std::string& why,
                                                        const std::vector<SlotId>& outputs = {});

  const Program& program() const { return *program_; }
  const std::shared_ptr<const Program>& shared_program() const { return program_; }
  ValueKind kind(SlotId s) const { return kinds_[s]; }

 private:
  friend class ColumnarBlock;
  std::shared_ptr<const Program> program_;
  std::vector<ValueKind> kinds_;  // by slot
  struct Constant {
    SlotId slot;
    std::int64_t mantissa;
    std::int8_t scale;
  };
  std::vector<Constant> constants_;  // parameters, literals and defaults, filled once
  std::vector<std::uint32_t> code_;  // the main block's instructions that the outputs need
};

class ColumnarBlock {
 public:
  explicit ColumnarBlock(std::shared_ptr<const ColumnarProgram> program);

  // Rows per block: 512, fewer for programs with very many slots, so a block stays near 2 MB.
  std::size_t capacity() const { return capacity_; }
  // Start a new block: every input of every row is missing until set.
  void clear();
  // An input's value for one row: a number as mantissa / 10^scale in base units; yes/no as 0 or
  // 1; a date as its day number; an enumeration member as its index.
  void set(std::uint32_t input, std::size_t row, std::int64_t mantissa, std::int8_t scale = 0) {
    column(input_slots_[input])[row] = mantissa;
    row_scale_[input * capacity_ + row] = scale;
    std::uint8_t& given = given_[input * capacity_ + row];
    given_count_[input] += given == 0;
    given = 1;
    // Whether every value of the column came at one scale: then settling has nothing to do.
    if (first_scale_[input] != scale) {
      if (first_scale_[input] < 0) {
        first_scale_[input] = scale;
      } else {
        mixed_scales_[input] = 1;
      }
    }
  }
  // A row the caller will evaluate another way (an input it could not read into the block).
  void mark_inexact(std::size_t row) { inexact_[row] = 1; }
  // Undo what was set in a row, so the row can take the next scheme.
  void forget(std::size_t row);

  // Runs the program over rows [0, rows) (at most capacity()).
  void evaluate(std::size_t rows);

  std::size_t rows() const { return rows_; }
  // False for rows the fixed-point form could not hold: evaluate those with the scalar Evaluator.
  bool exact(std::size_t row) const { return inexact_[row] == 0; }
  std::int64_t mantissa(SlotId s, std::size_t row) const { return column(s)[row]; }
  std::int8_t scale(SlotId s) const { return scales_[s]; }
  // The value of an exact row as the scalar Evaluator would give it.
  Value value(SlotId s, std::size_t row) const;
  // What was set for an input in a row (unknown when nothing was), before or after evaluate():
  // for handing the row to the scalar Evaluator.
  Value input_value(std::uint32_t input, std::size_t row) const;

 private:
  std::int64_t* column(SlotId s) { return data_.data() + static_cast<std::size_t>(s) * capacity_; }
  const std::int64_t* column(SlotId s) const {
    return data_.data() + static_cast<std::size_t>(s) * capacity_;
  }
  void settle_inputs();
  void run(const Instruction& in);
  void arithmetic(const Instruction& in);
  void compare(const Instruction& in);
  void round(const Instruction& in);
  void select(const Instruction& in);
  void rule(const Instruction& in);
  // The column of slot s at scale `to` (>= its own): the column itself, or a scaled copy in
  // `scratch`; rows that overflow are marked inexact.
  const std::int64_t* at_scale(SlotId s, std::int8_t to, std::vector<std::int64_t>& scratch);

  std::shared_ptr<const ColumnarProgram> program_;
  const SlotId* input_slots_ = nullptr;     // the program's, by input
  std::vector<std::int64_t> data_;          // slot-major: capacity values per slot
  std::vector<std::int8_t> scales_;         // by slot
  std::vector<std::int8_t> row_scale_;      // inputs: by input * capacity + row, before settling
  std::vector<std::uint8_t> given_;         // inputs: by input * capacity + row
  std::vector<std::size_t> given_count_;    // by input: rows given in this block
  std::vector<std::int8_t> first_scale_;    // by input: the scale of its first value (-1: none)
  std::vector<std::uint8_t> mixed_scales_;  // by input: values came at more than one scale
  std::vector<std::uint8_t> inexact_;       // by row
  std::vector<std::int64_t> scratch_a_, scratch_b_;
  std::size_t capacity_ = 0;
  std::size_t rows_ = 0;
  bool settled_ = false;  // inputs brought to one scale per column
};

}  // namespace spdl
