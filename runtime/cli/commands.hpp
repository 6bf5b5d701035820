#pragma once
// The subcommands of `spdl`. Each takes plain options (main.cpp owns the command line) and
// returns the process exit code: 0 success, 1 the input is wrong or a test failed.

#include <filesystem>
#include <string>
#include <vector>

namespace spdl::cli {

enum class Format { text, json, markdown, csv, html, svg, jsonl };

// "json" -> Format::json; anything unknown is text (CLI11 has already refused it).
Format format_named(const std::string& name);
// Format::json -> "json": the name the library's renderers take (runtime/render/formats.hpp).
const char* format_name(Format format);

// A file named `-` is standard input, where the command says so.
struct CheckOptions {
  std::vector<std::string> files;  // `-` once, for standard input
  Format format = Format::text;
};
int run_check(const CheckOptions& options);

struct FmtOptions {
  std::vector<std::string> files;  // or `-` alone: standard input, formatted to standard output
  bool check = false;              // report files that would change; change nothing
};
int run_fmt(const FmtOptions& options);

struct EvalOptions {
  std::string ruleset;
  std::string scheme;
  Format format = Format::text;
  bool explain = false;
  bool exit_code = false;  // exit 1 when a check is not met
  std::string on;          // --on DATE: `ruleset` is an authority's folder or id, or a version
  bool allow_unknown_keys = false;  // a key that is no input is a warning, not an error
};
int run_eval(const EvalOptions& options);

struct TestOptions {
  std::vector<std::string> paths;  // `-`: a test file from standard input
  bool coverage = false;           // report what no case exercised
  bool require_coverage = false;   // and fail when anything was missed
  std::string format = "text";     // text, json or junit
};
int run_test(const TestOptions& options);

struct ListOptions {
  std::vector<std::string> paths;  // folders or files; the installation's rulesets/ by default
  Format format = Format::text;
  std::string on;  // --on DATE: each authority's version in force that day
};
int run_list(const ListOptions& options);

struct DiffOptions {
  std::string before;
  std::string after;
  std::string output;
  Format format = Format::text;
  bool exit_code = false;  // exit 1 when the rulesets differ
};
int run_diff(const DiffOptions& options);

struct CompareCommandOptions {
  std::string before;
  std::string after;
  std::string portfolio;  // `-`: a YAML (or JSON) list of schemes from standard input
  std::string group_by;
  std::string output;  // a file, written through a temporary file; stdout when empty
  Format format = Format::text;
  std::string on;  // --on DATE: an authority's folder or id stands for its version in force then
  bool allow_unknown_keys = false;  // a key neither ruleset reads is a warning, not an error
};
int run_compare(const CompareCommandOptions& options);

struct SweepOptions {
  std::vector<std::string> rulesets;  // one, or two to set side by side
  std::vector<std::string> vary;      // "dwellings=1..60", "site_area=0.1ha..1ha:0.05ha"
  std::string base;                   // a scheme holding the inputs not varied
  std::string figure;                 // the rule to chart
  std::string output;
  Format format = Format::text;
};
int run_sweep(const SweepOptions& options);

struct BatchCommandOptions {
  std::string ruleset;
  std::string schemes;               // JSON Lines, or CSV by its .csv name; "-" for standard input
  std::vector<std::string> outputs;  // rules to write; all of the ruleset's own by default
  std::string output;                // a file, written through a temporary file; stdout when empty
  unsigned threads = 0;              // 0: one per core
  bool scalar = false;               // every scheme through the scalar evaluator (for comparison)
  Format format = Format::jsonl;
  std::string on;  // --on DATE: `ruleset` is an authority's folder or id, or a version
  bool allow_unknown_keys = false;  // a key that is no input is a warning, not a line's error
};
int run_batch(const BatchCommandOptions& options);

struct ServeCommandOptions {
  std::string root;  // the rulesets served; the installation's rulesets/ when empty
  std::string bind = "127.0.0.1";
  unsigned short port = 8080;  // 0: a free port, said in the start-up line
  std::string drafts;          // where drafts are saved; none: saving is refused
  std::string cors;            // an origin whose pages may call the API
  // Hidden, for tests and benchmarks.
  unsigned threads = 0;
  unsigned read_timeout_ms = 0;
  std::size_t max_connections = 0;
  bool bench_floor = false;
  bool quiet = false;
};
int run_serve(const ServeCommandOptions& options);

struct LspOptions {
  unsigned debounce_ms = 150;  // quiet time after a change before diagnostics are published
};
int run_lsp(const LspOptions& options);

// Write a command's output to `path` (atomically), or to stdout when `path` is empty or "-".
// Output for people (any format but JSON, whose writer escapes them itself) shows the control
// characters that ruleset and scheme files may hold rather than sending them to a terminal. An
// output that is one of the `inputs` the command read is refused: writing it would destroy what
// the output was made from.
int write_output(const std::string& text, const std::string& path, Format format,
                 const std::vector<std::filesystem::path>& inputs = {});
// The same check alone, for output written in pieces: false, with the error on stderr, when
// `path` is one of `inputs`.
bool output_is_not_an_input(const std::string& path,
                            const std::vector<std::filesystem::path>& inputs);

// From here on, std::cout keeps the reason of its first failed write; standard_output_written()
// flushes it and says whether everything reached the descriptor: false, with "cannot write the
// report: ..." on stderr, when any write failed (a full disk, a closed descriptor).
void check_standard_output();
bool standard_output_written();

}  // namespace spdl::cli
