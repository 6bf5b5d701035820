// Fuzz target 5: `spdl batch` on any bytes, read as JSON Lines or as CSV (the first byte
// chooses), against the Vale's revised draft.
// Invariants: nothing crashes or hangs; the columns and the scalar evaluator (--one-at-a-time)
// write the same bytes and count the same schemes and errors; small chunks and two threads change
// nothing; every JSON Lines result is one JSON object naming a line no later than the input's
// last.

#include <cstdint>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "fuzz_check.hpp"
#include "spdl/runtime/batch/batch.hpp"
#include "spdl/runtime/engine/engine.hpp"

using namespace spdl;

namespace {

struct Outcome {
  std::string text;
  BatchStats stats;
};

Outcome run(const std::shared_ptr<const Program>& program, const std::string& input,
            BatchOptions options) {
  Diagnostics problems;
  auto batch = BatchRun::prepare(program, options, problems);
  SPDL_FUZZ_REQUIRE(batch.has_value(), "the batch does not prepare");
  std::istringstream in(input);
  Outcome out;
  out.stats = batch->run(in, [&](std::string_view t) {
    out.text += t;
    return true;
  });
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const OpenedRuleset ruleset =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  SPDL_FUZZ_REQUIRE(ruleset.program, "the fixed ruleset does not load");
  if (size == 0) return 0;
  const bool csv = (data[0] & 1) != 0;
  const std::string input(reinterpret_cast<const char*>(data) + 1, size - 1);

  BatchOptions options;
  options.input = csv ? BatchFormat::csv : BatchFormat::jsonl;
  options.output = (data[0] & 2) != 0 ? BatchFormat::csv : BatchFormat::jsonl;
  options.outputs = {"affordable_required", "policy_applies", "commuted_sum"};
  options.max_line_bytes = 4096;
  options.chunk_bytes = 1024;

  const Outcome columns = run(ruleset.program, input, options);
  options.columnar = false;
  const Outcome scalar = run(ruleset.program, input, options);
  SPDL_FUZZ_REQUIRE(columns.text == scalar.text, "columns and the scalar evaluator disagree:\n" +
                                                     columns.text + "\n---\n" + scalar.text);
  SPDL_FUZZ_REQUIRE(columns.stats.schemes == scalar.stats.schemes &&
                        columns.stats.errors == scalar.stats.errors &&
                        columns.stats.first_errors == scalar.stats.first_errors &&
                        columns.stats.stopped == scalar.stats.stopped,
                    "columns and the scalar evaluator count differently");

  options.columnar = true;
  options.chunk_bytes = 64;
  options.threads = 2;
  const Outcome pieces = run(ruleset.program, input, options);
  SPDL_FUZZ_REQUIRE(pieces.text == columns.text, "chunks and threads change what is written:\n" +
                                                     pieces.text + "\n---\n" + columns.text);

  if (options.output == BatchFormat::jsonl) {
    std::istringstream lines(columns.text);
    std::size_t last_line = 0;
    for (std::string line; std::getline(lines, line);) {
      SPDL_FUZZ_REQUIRE(nlohmann::json::accept(line), "a result is not JSON: " + line);
      const auto doc = nlohmann::json::parse(line);
      SPDL_FUZZ_REQUIRE(doc.is_object() && doc.contains("line"), "a result names no line");
      const auto n = doc["line"].get<std::size_t>();
      SPDL_FUZZ_REQUIRE(n > last_line, "results are not in line order");
      last_line = n;
    }
    const std::size_t physical =
        static_cast<std::size_t>(std::count(input.begin(), input.end(), '\n')) + 1;
    SPDL_FUZZ_REQUIRE(last_line <= physical, "a result names a line past the input's end");
  }
  return 0;
}
