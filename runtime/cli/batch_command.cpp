// spdl batch RULESET --schemes FILE [--format jsonl|csv] [--threads N] [--outputs a,b,c]
//            [--output FILE]

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <optional>
#include <thread>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/runtime/batch/batch.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/in_force_choice.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/engine/engine.hpp"

namespace spdl::cli {

int run_batch(const BatchCommandOptions& options) {
  if (is_standard_input(options.ruleset) && options.schemes == "-") {
    std::cerr << "spdl batch: only one of the ruleset and the schemes can come from standard "
                 "input (-)\n";
    return 2;
  }
  const auto chosen = choose_ruleset(options.ruleset, options.on, "batch");
  if (!chosen) return 1;
  // The results are one line a scheme; which version made them, and why, goes to stderr.
  if (!chosen->on.empty())
    std::cerr << "spdl batch: the version in force on " << chosen->on << ": " << chosen->reason
              << "\n";
  const OpenedRuleset opened = open_ruleset_reporting(chosen->path);
  if (!opened.program) return 1;

  BatchOptions batch;
  const bool from_stdin = options.schemes == "-";
  batch.input = options.schemes.ends_with(".csv") ? BatchFormat::csv : BatchFormat::jsonl;
  batch.output = options.format == Format::csv ? BatchFormat::csv : BatchFormat::jsonl;
  batch.outputs = options.outputs;
  batch.allow_unknown_keys = options.allow_unknown_keys;
  // One thread a core by default, and never more (BatchRun::prepare caps it).
  batch.threads =
      options.threads == 0 ? std::max(1u, std::thread::hardware_concurrency()) : options.threads;
  batch.columnar = !options.scalar;
  Diagnostics problems;
  auto run = BatchRun::prepare(opened.program, batch, problems);
  if (!run) {
    for (const auto& d : problems.all()) std::cerr << "spdl batch: " << d.message << "\n";
    return 2;
  }

  // The schemes: a regular file (never a FIFO or a directory: they are refused with a reason), or
  // standard input.
  std::ifstream file;
  if (!from_stdin) {
    if (const auto problem = check_readable_file(options.schemes)) {
      std::cerr << fmt::format("error: cannot read schemes {}: it {}\n", options.schemes, *problem);
      return 1;
    }
    file.open(options.schemes, std::ios::binary);
  }
  std::istream& in = from_stdin ? std::cin : file;

  std::optional<AtomicFileWriter> writer;
  if (!options.output.empty() && options.output != "-") {
    std::vector<std::filesystem::path> inputs;
    if (!from_stdin) inputs.emplace_back(options.schemes);
    add_files_read(opened, inputs);
    if (!output_is_not_an_input(options.output, inputs)) return 1;
    writer.emplace(options.output);
    if (!writer->error().empty()) {
      std::cerr << "error: " << writer->error() << "\n";
      return 1;
    }
  }
  bool written = true;
  auto sink = [&](std::string_view text) {
    if (writer) return written = writer->write(text);
    std::cout.write(text.data(), static_cast<std::streamsize>(text.size()));
    return written = static_cast<bool>(std::cout);
  };

  // A progress line for long runs, only where someone is watching.
  const bool watching = isatty(STDERR_FILENO) != 0;
  const auto start = std::chrono::steady_clock::now();
  auto progress = [&](const BatchStats& s) {
    if (!watching) return;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << fmt::format("\rspdl batch: {} schemes, {:.1f} s", s.schemes, seconds)
              << std::flush;
  };
  const BatchStats stats = run->run(in, sink, progress);
  if (watching) std::cerr << "\r\x1b[K";

  // Errors name the file, the line as an editor numbers it, and the column.
  const std::string source = from_stdin ? std::string("<stdin>") : options.schemes;
  if (stats.stopped) {
    std::cerr << fmt::format("error: {}:{}:{}: {}; no scheme is read\n", source,
                             stats.stopped->line, stats.stopped->column, stats.stopped->message);
    return 1;
  }
  for (const auto& w : stats.warnings) std::cerr << "warning: " << w.message << "\n";
  for (const auto& e : stats.first_errors)
    std::cerr << fmt::format("error: {}:{}:{}: {}\n", source, e.line, e.column, e.message);
  if (stats.errors > stats.first_errors.size()) {
    std::cerr << fmt::format("... and {} more lines with errors (each is in the output)\n",
                             stats.errors - stats.first_errors.size());
  }
  if (stats.cut) {
    std::cerr << fmt::format("error: {}:{}:{}: {}\n", source, stats.cut->line, stats.cut->column,
                             stats.cut->message);
  }
  if (!written) {
    // Standard output's own failure is reported, with its reason, as spdl exits.
    if (writer) std::cerr << "error: " << writer->error() << "\n";
    return 1;
  }
  if (writer) {
    if (const std::string e = writer->commit(); !e.empty()) {
      std::cerr << "error: " << e << "\n";
      return 1;
    }
  }
  if (watching) {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << fmt::format(
        "spdl batch: {} schemes in {:.2f} s ({} in columns, {} one at a time), {} with errors\n",
        stats.schemes, seconds, stats.columnar_rows, stats.scalar_rows, stats.errors);
  }
  return stats.errors == 0 && !stats.cut ? 0 : 1;
}

}  // namespace spdl::cli
