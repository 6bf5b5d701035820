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
  // A key that is no input is an error on its line (a CSV column, on the header: the batch
  // stops), as for `spdl eval`; true makes it a warning, once a key.
  bool allow_unknown_keys = false;
};

// Where the input goes wrong: the line as an editor numbers it (1-based; a CSV record whose
// quoted cell holds a line break takes two), the column in characters (1-based), and what.
// `code` is "batch-line" for a line that could not be read, or "evaluation" for a scheme whose
// evaluation failed, with `span` its place in the ruleset.
struct BatchError {
  std::size_t line = 0;
  std::size_t column = 1;
  std::string message;
  std::string code = "batch-line";
  Span span;
  bool operator==(const BatchError& other) const {
    return line == other.line && column == other.column && message == other.message &&
           code == other.code && span.file == other.span.file && span.begin == other.span.begin &&
           span.end == other.span.end;
  }
};

struct BatchStats {
  std::size_t schemes = 0;               // lines read (not counting a CSV header)
  std::size_t errors = 0;                // lines that could not be read, or whose evaluation failed
  std::size_t columnar_rows = 0;         // evaluated in columns
  std::size_t scalar_rows = 0;           // evaluated one at a time
  std::vector<BatchError> first_errors;  // the first few; every one is in the output
  std::vector<Diagnostic> warnings;      // once each: "`colour` is not an input; ignored"
  // A problem that stops the batch before any scheme is read: a CSV header that names a column
  // twice, say, would make every line ambiguous.
  std::optional<BatchError> stopped;
  // The input could not be read to its end (its stream went bad: a read error, a request body
  // cut off): the lines before are read, and the line it cut, unfinished, is not, so that a
  // number cut short is never read as a whole one. Where it was cut.
  std::optional<BatchError> cut;
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
  // time; a false return from `write` (a full disk) stops the batch. An input that ends with its
  // stream bad was cut off (BatchStats::cut). `progress` is called after
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
