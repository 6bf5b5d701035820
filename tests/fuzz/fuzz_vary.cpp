// Fuzz target 6: `spdl sweep --vary` text on any bytes (one or two ranges, a line each), swept
// over the Vale's revised draft from a fixed base scheme.
// Invariants: nothing crashes or hangs; a sweep that runs has axes that go up from their first
// value to no further than their last, by a step above zero, and more than one point whenever its
// range is wider than nothing (a range without a step takes one that fits it); a refused one
// says why.

#include <cctype>
#include <cstdint>
#include <string>

#include "fuzz_check.hpp"
#include "spdl/runtime/analysis/sweep.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/input/scheme_values.hpp"

using namespace spdl;

namespace {

// As `spdl sweep` reads an end of a range: "0.1ha" is "0.1 ha".
std::string spaced(std::string_view text) {
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  std::size_t i = 0;
  while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) || text[i] == '.' ||
                             text[i] == ',' || text[i] == '-'))
    ++i;
  std::string out(text.substr(0, i));
  if (i > 0 && i < text.size() && text[i] != ' ' && text[i] != '%') out += ' ';
  out += text.substr(i);
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const OpenedRuleset ruleset =
      open_ruleset(std::string(SPDL_SOURCE_DIR) + "/rulesets/vale/revised_draft_2006.spd");
  SPDL_FUZZ_REQUIRE(ruleset.program, "the fixed ruleset does not load");
  if (size > 256) return 0;  // a --vary argument is short; a grid of 250,000 points is slow
  const std::string text(reinterpret_cast<const char*>(data), size);

  SweepRequest request;
  std::size_t start = 0;
  while (start <= text.size() && request.vary.size() < 2) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const auto vary = parse_vary(text.substr(start, end - start));
    if (!vary) return 0;  // the command line refuses it with its usage
    request.vary.push_back(*vary);
    start = end + 1;
  }
  Scheme base;
  base.inputs.resize(ruleset.program->checked->inputs.size());
  base.lists.resize(ruleset.program->checked->inputs.size());
  Diagnostics problems;
  const auto sweep = run_sweep({ruleset.program.get()}, {base}, request, problems);
  if (!sweep) {
    SPDL_FUZZ_REQUIRE(problems.has_errors(), "a refused sweep says nothing");
    return 0;
  }
  for (const auto& axis : sweep->axes) {
    SPDL_FUZZ_REQUIRE(!axis.values.empty(), "an axis has no point");
    for (std::size_t i = 1; i < axis.values.size(); ++i)
      SPDL_FUZZ_REQUIRE(axis.values[i - 1] < axis.values[i], "an axis does not go up");
  }
  for (std::size_t a = 0; a < request.vary.size() && a < sweep->axes.size(); ++a) {
    if (!request.vary[a].step.empty() || sweep->axes[a].values.size() > 1) continue;
    // One point without a step: only for a range that is one value.
    const auto& checked = *ruleset.program->checked;
    const auto s = checked.find(request.vary[a].input);
    SPDL_FUZZ_REQUIRE(s && s->kind == SymbolKind::input, "a swept input is no input");
    std::vector<std::string> texts;
    const auto to =
        read_value(spaced(request.vary[a].to), checked.inputs[s->index].type, checked, texts);
    SPDL_FUZZ_REQUIRE(std::holds_alternative<Value>(to), "a swept range's end does not read");
    SPDL_FUZZ_REQUIRE(std::get<Value>(to).number == sweep->axes[a].values.front(),
                      "a range without a step gave one point: " + request.vary[a].from + ".." +
                          request.vary[a].to);
  }
  return 0;
}
