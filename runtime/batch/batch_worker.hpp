#pragma once
// One thread's share of `spdl batch`: reads its lines of a chunk (simdjson for JSON Lines, a CSV
// reader, the scheme reader for anything unusual), evaluates them in a ColumnarBlock or, for the
// rare row the columns cannot hold exactly, with the scalar Evaluator, and writes one result a
// line. Internal to runtime/batch*.cpp.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "spdl/runtime/batch/batch_plan.hpp"

namespace spdl {

class BatchWorker {
 public:
  explicit BatchWorker(const BatchRun::Plan& plan);
  ~BatchWorker();
  BatchWorker(const BatchWorker&) = delete;
  BatchWorker& operator=(const BatchWorker&) = delete;

  // The lines of `text` (whole lines of one chunk), the first being line number `first_line`;
  // results into `part`, which is cleared first. `readable_end` is where the buffer holding the
  // lines ends, padding included. CSV lines give their inputs in the order of `csv_columns`.
  void process(std::string_view text, std::size_t first_line,
               const std::vector<std::int32_t>& csv_columns, const char* readable_end,
               BatchPart& part);

 private:
  class Lines;
  std::unique_ptr<Lines> lines_;
};

}  // namespace spdl
