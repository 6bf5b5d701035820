// What a loaded ruleset costs in memory, stage by stage (scripts/bench-memory): the bytes each
// stage leaves allocated for the generated 10,007-line ruleset of scaling_bench.cpp (or a file
// given on the command line), and the whole as a multiple of the source. It prints figures and
// asserts nothing; the goal of issue 12 is at most 10 times the source.
//
// The bytes are mallinfo2's: in use on the main heap plus the blocks malloc maps on their own
// (large arrays), taken before and after each stage. What a stage allocates and frees again
// (its working tables) is not counted; what it keeps, including spare vector capacity, is.
//
// Usage: spdl_memory_probe [--leave] [FILE.spd]
// --leave ends the program without freeing anything, so that under heaptrack what the stages keep
// is listed as leaked: `heaptrack_print --print-leaks 1 FILE` breaks it down by allocation site.

#include <fmt/format.h>
#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "ruleset_generator.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/lang/modules/module_loader.hpp"
#include "spdl/runtime/lower/lower_from_checked.hpp"

namespace {

std::size_t heap_in_use() {
  const auto m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

double kib(std::size_t bytes) {
  return static_cast<double>(bytes) / 1024.0;
}

}  // namespace

int main(int argc, char** argv) {
  bool leave = false;
  if (argc > 1 && std::strcmp(argv[1], "--leave") == 0) {
    leave = true;
    --argc;
    ++argv;
  }
  std::string path = "generated.spd";
  std::string text;
  if (argc > 1) {
    path = argv[1];
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      fmt::print(stderr, "cannot read {}\n", path);
      return 1;
    }
    text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  } else {
    text = spdl::bench::generated_ruleset(3'334);
  }
  const spdl::ModuleRoots roots{
      {std::string(SPDL_SOURCE_DIR) + "/stdlib", std::string(SPDL_SOURCE_DIR) + "/rulesets"}};

  // The load keeps its own copy of the source, counted in its stage as in scaling_bench.cpp.
  const std::size_t start = heap_in_use();
  std::shared_ptr<const spdl::Load> load = spdl::load_ruleset_text(path, text, roots);
  const std::size_t loaded = heap_in_use();
  spdl::CheckResult checked = spdl::check(load);
  if (!checked.ruleset) {
    fmt::print(stderr, "{} does not check\n", path);
    return 1;
  }
  const std::size_t after_check = heap_in_use();
  spdl::Diagnostics diagnostics;
  auto program = spdl::lower_from_checked(checked.ruleset, diagnostics);
  if (!program) {
    fmt::print(stderr, "{} does not lower\n", path);
    return 1;
  }
  const std::size_t after_lower = heap_in_use();

  std::size_t lines = 0;
  for (const char ch : text) lines += ch == '\n';
  const double source = static_cast<double>(text.size());
  const auto row = [&](const char* stage, std::size_t bytes) {
    fmt::print("{:<8} {:>10.0f} KiB {:>7.2f}x\n", stage, kib(bytes),
               static_cast<double>(bytes) / source);
  };
  fmt::print("{}: {} lines, {} bytes ({:.0f} KiB)\n", path, lines, text.size(), kib(text.size()));
  fmt::print("{:<8} {:>14} {:>8}\n", "stage", "kept", "/source");
  row("load", loaded - start);
  row("check", after_check - loaded);
  row("lower", after_lower - after_check);
  row("total", after_lower - start);
  std::size_t declarations = 0;
  for (const auto& m : load->modules) declarations += m.syntax.decls.size();
  fmt::print("{} declarations, {} expressions, {} names; {} slots, {} instructions\n", declarations,
             load->ast.exprs.size(), load->ast.names.size(), program->slot_count,
             program->code.size());
  std::fflush(stdout);
  if (leave) std::_Exit(0);
  return 0;
}
