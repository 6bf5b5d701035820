// spdl cite RULESET... [--source FILE [--not-encoded FILE]] [--format text|markdown|json]:
// every paragraph the rulesets cite, what encodes it and which test cases exercise it; with the
// document, the numbered paragraphs that nothing cites.

#include "spdl/runtime/cli/cite_command.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/runtime/analysis/cite_build.hpp"
#include "spdl/runtime/analysis/cite_source.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/runtime/render/cite_render.hpp"
#include "spdl/runtime/testing/ruleset_tests.hpp"

namespace spdl::cli {

namespace fs = std::filesystem;

namespace {

const char* const cite_footer =
    "Tests: every *.test.yaml beside a ruleset (or a ruleset it amends) whose `ruleset:` is one "
    "of\n"
    "them; a case exercises a declaration when `spdl test --coverage` counts it, or when a "
    "formula\n"
    "it exercises reads the declaration.\n"
    "\n"
    "With --source, a line of the document starts a numbered paragraph when it begins (after an\n"
    "optional list marker \"- \") with: a paragraph number of two or more parts whose last is not "
    "0\n"
    "(4.2, 5.10), then a space, a tab or the end of the line; POLICY and a policy's letters and\n"
    "number (POLICY H16, POLICY HOU3); Appendix, Annexe, Annex or Figure (or in capitals) and a\n"
    "number or capital letter, except on a contents line (one ending in a tab and a page number);\n"
    "or a heading: a line wholly in bold (**Decision**) or a markdown heading (### Title).\n"
    "A paragraph states a figure when it has a number with % or per cent after it, £ before it,\n"
    "or a unit word after it (dwellings, units, homes, houses, flats, apartments, ha, hectares,\n"
    "bedrooms, beds, persons, people, habitable rooms, m2, years). spec/cite.md has the details.\n"
    "\n"
    "--not-encoded FILE (an authority's cite.yaml) lists paragraphs deliberately not encoded:\n"
    "  not_encoded:\n"
    "    - paragraphs: 2.1-2.37\n"
    "      reason: the context of the guidance; it asks nothing of a scheme";

// The .spd files a path names: the file itself, or those directly in a folder, sorted.
std::vector<fs::path> ruleset_files(const std::string& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return {fs::path(path)};
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec) && entry.path().extension() == ".spd")
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string canonical_path(const fs::path& p) {
  std::error_code ec;
  const fs::path c = fs::weakly_canonical(p, ec);
  return ec ? p.lexically_normal().string() : c.string();
}

// The deepest folder holding every file named.
fs::path common_folder(const std::vector<std::string>& files) {
  fs::path common;
  for (const auto& f : files) {
    const fs::path folder = fs::path(f).parent_path();
    if (common.empty()) {
      common = folder;
      continue;
    }
    fs::path shared;
    auto a = common.begin();
    auto b = folder.begin();
    for (; a != common.end() && b != folder.end() && *a == *b; ++a, ++b) shared /= *a;
    common = shared;
  }
  return common;
}

std::vector<fs::path> test_files_in(const fs::path& folder) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (entry.is_regular_file(ec) && name.size() > 10 && name.ends_with(".test.yaml"))
      out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void print_errors(const std::vector<std::string>& errors) {
  for (const auto& e : errors) std::cerr << "error: " << e << "\n";
}

}  // namespace

CiteCommand::CiteCommand(CLI::App& app) {
  command_ = app.add_subcommand(
      "cite",
      "Index the paragraphs rulesets cite: what encodes each, which tests exercise it, and "
      "(with --source) what of the document nothing cites");
  command_
      ->add_option("rulesets", options_.rulesets,
                   "Ruleset files (.spd), or folders whose .spd files are taken")
      ->required();
  auto* source = command_->add_option("--source", options_.source,
                                      "The guidance document as plain text: also list its "
                                      "numbered paragraphs that no declaration cites");
  command_
      ->add_option("--not-encoded", options_.not_encoded,
                   "A cite.yaml listing paragraphs deliberately not encoded, each with a reason")
      ->needs(source);
  command_->add_option("--format", options_.format, "text, markdown or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  command_->add_flag("--cases", options_.cases,
                     "Name every test case, not only how many in each file (JSON always does)");
  command_
      ->add_flag("--require-figures-cited", options_.require_figures,
                 "Exit 1 if a paragraph of the document that states a figure is neither cited "
                 "nor listed as not encoded")
      ->needs(source);
  command_->add_option("--output,-o", options_.output,
                       "Write to this file instead of the terminal");
  command_->footer(cite_footer);
}

int run_cite(const CiteOptions& options) {
  // The rulesets, checked.
  std::vector<CheckResult> checked;
  std::vector<std::string> named;
  for (const auto& path : options.rulesets) {
    const auto files = ruleset_files(path);
    if (files.empty()) {
      std::cerr << fmt::format("error: {} holds no ruleset (.spd)\n", path);
      return 1;
    }
    for (const auto& file : files) {
      CheckResult result = load_and_check(file);
      if (!result.ruleset) {
        std::cerr << render_text(result.diagnostics, result.load->sources,
                                 {colour_enabled(stderr)});
        return 1;
      }
      named.push_back(canonical_path(file));
      checked.push_back(std::move(result));
    }
  }
  // Files are shown relative to the rulesets' folder, or else to the working folder, or else whole.
  const fs::path base = common_folder(named);
  std::error_code ec;
  const fs::path here = fs::current_path(ec);
  auto show = [&](const std::string& file) {
    for (const fs::path& from : {base, here}) {
      const fs::path relative = fs::path(file).lexically_relative(from);
      if (!relative.empty() && *relative.begin() != "..") return relative.generic_string();
    }
    return file;
  };

  // Their tests: those beside each ruleset and each ruleset it amends.
  std::set<std::string> chain_files;
  std::set<std::string> folders;
  for (const auto& c : checked) {
    for (std::optional<std::uint32_t> m = c.load->main; m;) {
      const std::string file = c.load->modules[*m].path.string();
      if (!chain_files.insert(file).second) break;
      folders.insert(fs::path(file).parent_path().string());
      m = c.load->modules[*m].base;
    }
  }
  CitationSources sources;
  for (const auto& c : checked) sources.rulesets.push_back(c.ruleset.get());
  sources.show = show;
  for (const auto& folder : folders) {
    for (const auto& file : test_files_in(folder)) {
      const TestFileResult result = run_test_file(file);
      if (result.ruleset.empty()) {
        std::cerr << result.diagnostics_text;
        return 1;
      }
      if (!chain_files.count(canonical_path(result.ruleset))) continue;
      if (!result.diagnostics_text.empty()) {
        std::cerr << result.diagnostics_text;
        return 1;
      }
      const std::string shown = show(canonical_path(file));
      sources.test_files.push_back(shown);
      for (const auto& c : result.case_coverage) {
        ExercisingCase e{{shown, c.name, c.line}, {}};
        for (const auto& place : c.exercised) e.exercised.emplace_back(place.file, place.offset);
        sources.cases.push_back(std::move(e));
      }
    }
  }
  CitationIndex index = build_citation_index(sources);

  // The document.
  if (!options.source.empty()) {
    auto text = read_text_file(options.source, limits::max_source_bytes);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      std::cerr << fmt::format("error: cannot read {}: it {}\n", options.source, failure->message);
      return 1;
    }
    std::vector<NotEncodedEntry> not_encoded;
    if (!options.not_encoded.empty()) {
      NotEncodedFile file = read_not_encoded(options.not_encoded);
      if (!file.errors.empty()) {
        print_errors(file.errors);
        return 1;
      }
      not_encoded = std::move(file.entries);
    }
    const auto paragraphs = find_paragraphs(std::get<std::string>(text));
    const auto errors = cover_source(index, show(canonical_path(options.source)), paragraphs,
                                     not_encoded, options.not_encoded);
    if (!errors.empty()) {
      print_errors(errors);
      return 1;
    }
  }

  const CiteRenderOptions render{.cases = options.cases};
  const std::string out = options.format == "json"       ? render_cite_json(index)
                          : options.format == "markdown" ? render_cite_markdown(index, render)
                                                         : render_cite_text(index, render);
  // An output that is one of the files read is refused: the rulesets, what they use and amend,
  // the tests beside them, the document and cite.yaml.
  std::vector<fs::path> inputs;
  for (const auto& c : checked) {
    for (const auto& m : c.load->modules) inputs.push_back(m.path);
  }
  for (const auto& folder : folders) {
    for (const auto& file : test_files_in(folder)) inputs.push_back(file);
  }
  if (!options.source.empty()) inputs.emplace_back(options.source);
  if (!options.not_encoded.empty()) inputs.emplace_back(options.not_encoded);
  if (const int code = write_output(out, options.output, format_named(options.format), inputs);
      code != 0)
    return code;
  if (options.require_figures && index.source && index.source->uncited_with_figures() > 0) {
    std::vector<std::string> ids;
    for (const auto& p : index.source->uncited) {
      if (!p.figures.empty()) ids.push_back(p.id);
    }
    std::cerr << fmt::format(
        "error: {} paragraph{} of {} that state{} a figure {} neither cited nor listed as not "
        "encoded: {}\n",
        ids.size(), ids.size() == 1 ? "" : "s", index.source->file, ids.size() == 1 ? "s" : "",
        ids.size() == 1 ? "is" : "are", compact_paragraphs(ids));
    return 1;
  }
  return 0;
}

}  // namespace spdl::cli
