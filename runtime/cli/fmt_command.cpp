// spdl fmt FILE... [--check]: rewrite files in the canonical layout, through a temporary file and
// a rename; with --check, change nothing and exit 1 when a file would change.

#include <fmt/format.h>

#include <iostream>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/formatter.hpp"
#include "spdl/lang/syntax/parser.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"

namespace spdl::cli {

int run_fmt(const FmtOptions& options) {
  bool failed = false;
  const bool colour = colour_enabled(stderr);
  for (const auto& path : options.files) {
    auto text = read_text_file(path, limits::max_source_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      std::cerr << fmt::format("error: cannot read {}: it {}\n", path, failure->message);
      failed = true;
      continue;
    }
    SourceSet sources;
    const FileId file = sources.add(path, std::move(std::get<std::string>(text)));
    ast::Ast ast;
    const ParseResult parsed = parse_module(ast, sources, file);
    if (!parsed.ok()) {
      std::cerr << render_text(parsed.diagnostics, sources, {colour});
      std::cerr << fmt::format("{}: not formatted: fix the errors first\n", path);
      failed = true;
      continue;
    }
    const std::string formatted = format_module(ast, sources, parsed.module);
    if (formatted == sources.file(file).text()) continue;
    if (options.check) {
      std::cout << fmt::format("{}: would be reformatted\n", path);
      failed = true;
      continue;
    }
    if (const std::string error = write_file_atomically(path, formatted); !error.empty()) {
      std::cerr << "error: " << error << "\n";
      failed = true;
      continue;
    }
    std::cout << fmt::format("{}: reformatted\n", path);
  }
  return failed ? 1 : 0;
}

}  // namespace spdl::cli
