#pragma once
// `spdl batch`: many schemes streamed from JSON Lines or CSV, evaluated on all cores, one result
// a line in input order. A line that cannot be read is reported on its own output line and the
// batch goes on. Memory is bounded by the chunk size, not by the input.
//
// Each worker reads its lines into a ColumnarBlock when the program compiles to columns (the
// common case: thresholds, shares, rounding, exceptions) and hands the rare row the columns
// cannot hold, or a program they cannot run, to the scalar Evaluator: the answer is exact either
// way.

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/ir/program.hpp"

namespace spdl {

enum class BatchFormat { jsonl, csv };

struct BatchOptions {
  BatchFormat input = BatchFormat::jsonl;
  BatchFormat output = BatchFormat::jsonl;
  std::vector<std::string> outputs;  // rule names; empty: every rule of the ruleset itself
  unsigned threads = 1;
  std::size_t chunk_bytes = 8u << 20;                         // read and processed at a time
  std::size_t max_line_bytes = limits::max_batch_line_bytes;  // a longer line is an error
  bool columnar = true;  // false: every scheme through the scalar Evaluator
};

struct BatchStats {
  std::size_t schemes = 0;        // lines read (not counting a CSV header)
  std::size_t errors = 0;         // lines that could not be read, or whose evaluation failed
  std::size_t columnar_rows = 0;  // evaluated in columns
  std::size_t scalar_rows = 0;    // evaluated one at a time
  // The first few errors: "line 17: dwellings: expected ..." (code "batch-line"), or an
  // evaluation's error with its place in the ruleset (code "evaluation").
  std::vector<Diagnostic> first_errors;
  std::vector<Diagnostic> warnings;  // once each: "`colour` is not an input; ignored"
};

class BatchRun {
 public:
  // Empty, with an error in `diagnostics`, when an output is not a rule of the ruleset.
  static std::optional<BatchRun> prepare(std::shared_ptr<const Program> program,
                                         const BatchOptions& options, Diagnostics& diagnostics);
  ~BatchRun();
  BatchRun(BatchRun&&) noexcept;
  BatchRun& operator=(BatchRun&&) noexcept;

  // Reads all of `in` and hands the results, one a line in input order, to `write` a chunk at a
  // time; a false return from `write` (a full disk) stops the batch. `progress` is called after
  // each chunk.
  using Sink = std::function<bool(std::string_view)>;
  BatchStats run(std::istream& in, const Sink& write,
                 const std::function<void(const BatchStats&)>& progress = {});

  // Whether the ruleset runs in columns, and if not, why.
  bool columnar() const;
  const std::string& why_not_columnar() const;

  struct Plan;  // what prepare() works out once: the program, its columns, outputs, inputs

 private:
  explicit BatchRun(std::unique_ptr<Plan> plan);
  std::unique_ptr<Plan> plan_;
};

}  // namespace spdl
