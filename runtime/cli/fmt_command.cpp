// spdl fmt FILE... [--check]: rewrite files in the canonical layout, through a temporary file and
// a rename; with --check, change nothing and exit 1 when a file would change. `spdl fmt -` formats
// standard input to standard output.

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/formatter.hpp"
#include "spdl/lang/syntax/parser.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"

namespace spdl::cli {

namespace {

// The canonical layout of `text`, or nothing after reporting why it cannot be formatted.
std::optional<std::string> formatted(const std::string& path, std::string text, bool colour) {
  SourceSet sources;
  const FileId file = sources.add(path, std::move(text));
  ast::Ast ast;
  const ParseResult parsed = parse_module(ast, sources, file);
  if (!parsed.ok()) {
    std::cerr << render_text(parsed.diagnostics, sources, {colour});
    std::cerr << fmt::format("{}: not formatted: fix the errors first\n", path);
    return std::nullopt;
  }
  return format_module(ast, sources, parsed.module);
}

int format_standard_input(const FmtOptions& options, bool colour) {
  auto text = read_standard_input_reporting(limits::max_source_bytes, "ruleset");
  if (!text) return 1;
  const std::string original = *text;
  const auto result = formatted(standard_input_name, std::move(*text), colour);
  if (!result) return 1;
  if (options.check) {
    if (*result == original) return 0;
    std::cout << fmt::format("{}: would be reformatted\n", standard_input_name);
    return 1;
  }
  std::cout << *result;
  return 0;
}

}  // namespace

int run_fmt(const FmtOptions& options) {
  const bool colour = colour_enabled(stderr);
  const bool from_stdin =
      std::any_of(options.files.begin(), options.files.end(), is_standard_input);
  if (from_stdin) {
    if (options.files.size() > 1) {
      std::cerr << "spdl fmt: `-` formats standard input to standard output, and comes alone\n";
      return 2;
    }
    return format_standard_input(options, colour);
  }
  bool failed = false;
  for (const auto& path : options.files) {
    auto text = read_text_file(path, limits::max_source_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      std::cerr << fmt::format("error: cannot read {}: it {}\n", path, failure->message);
      failed = true;
      continue;
    }
    const std::string original = std::get<std::string>(text);
    const auto result = formatted(path, std::move(std::get<std::string>(text)), colour);
    if (!result) {
      failed = true;
      continue;
    }
    if (*result == original) continue;
    if (options.check) {
      std::cout << fmt::format("{}: would be reformatted\n", path);
      failed = true;
      continue;
    }
    if (const std::string error = write_file_atomically(path, *result); !error.empty()) {
      std::cerr << "error: " << error << "\n";
      failed = true;
      continue;
    }
    std::cout << fmt::format("{}: reformatted\n", path);
  }
  return failed ? 1 : 0;
}

}  // namespace spdl::cli
