#pragma once
// What `spdl batch` works out once before reading any scheme (the plan), and what one worker
// hands back for its share of a chunk. Internal to runtime/batch*.cpp.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "spdl/runtime/batch/batch.hpp"
#include "spdl/runtime/batch/batch_values.hpp"
#include "spdl/runtime/eval/columnar/columnar.hpp"

namespace spdl {

// How many error lines a batch keeps to show on stderr; every one is in the output.
inline constexpr std::size_t kept_batch_errors = 10;
// How many keys that are no input a batch names in warnings.
inline constexpr std::size_t kept_unknown_keys = 20;

struct BatchOutput {
  std::string name;
  SlotId slot = no_slot;
  Type type;
  std::string json_key;  // `,"name":`, written before each value
};

struct BatchRun::Plan {
  std::shared_ptr<const Program> program;
  std::shared_ptr<const ColumnarProgram> columns;
  std::string why_not_columnar;
  BatchOptions options;
  std::vector<BatchOutput> outputs;
  std::vector<InputReading> inputs;  // by CheckedRuleset::inputs
  std::unordered_map<std::string, std::uint32_t> input_by_name;
};

// One result line saying that a scheme could not be read (or evaluated), in the batch's output
// format; counted in `stats`.
void append_batch_error(const BatchRun::Plan& plan, const BatchError& error, std::string& out,
                        BatchStats& stats);

// The results for one piece of a chunk (a run of its lines). Aligned to a cache line: the parts
// sit side by side in a vector, each written by the worker that took the piece, and a counter or
// a string's end that shared a line with another thread's slowed two cores to 1.2 times one.
struct alignas(64) BatchPart {
  std::string out;  // one result a line, ready to write
  BatchStats stats;
  // Keys that are no input of the ruleset, each with the first line the worker saw it on, seen
  // by that worker for the first time in this piece.
  std::vector<std::pair<std::string, std::size_t>> unknown_keys;
};

}  // namespace spdl
