// The spdl command line: CLI11 parsing only; every command is a function over the library.

#include <CLI/CLI.hpp>
#include <iostream>
#include <new>

#include "spdl/version.hpp"

#include "spdl/runtime/cli/cite_command.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/conventions.hpp"

namespace {

using spdl::cli::Format;

const char* const about =
    "spdl: planning guidance as data.\n"
    "Check, format, evaluate and compare affordable-housing rulesets written in the spdl language.";

const char* const footer =
    "Exit codes: 0 success, 1 the input is wrong or a test failed, 2 the command line is wrong.\n"
    "Language reference: spec/language.md. Run `spdl <command> --help` for a command's options.";

}  // namespace

int main(int argc, char** argv) {
  spdl::cli::check_standard_output();
  CLI::App app{about, "spdl"};
  app.set_version_flag("--version", std::string("spdl ") + SPDL_VERSION_STRING);
  app.require_subcommand(1);
  app.footer(footer);

  spdl::cli::CheckOptions check;
  std::string check_format = "text";
  auto* check_cmd =
      app.add_subcommand("check", "Check rulesets: syntax, names, types, units, cycles, lints");
  check_cmd->add_option("files", check.files, "Ruleset files (.spd); - for standard input")
      ->required();
  check_cmd->add_option("--format", check_format, "Output: text for people, json for editors")
      ->check(CLI::IsMember({"text", "json"}));

  spdl::cli::FmtOptions fmt;
  auto* fmt_cmd =
      app.add_subcommand("fmt", "Rewrite rulesets in the canonical layout (comments kept)");
  fmt_cmd
      ->add_option("files", fmt.files,
                   "Ruleset files (.spd); - alone formats standard input to standard output")
      ->required();
  fmt_cmd->add_flag("--check", fmt.check, "Change nothing; exit 1 if a file would be reformatted");

  spdl::cli::EvalOptions eval;
  std::string eval_format = "text";
  auto* eval_cmd =
      app.add_subcommand("eval", "Evaluate a ruleset on a scheme and print the report");
  eval_cmd
      ->add_option("ruleset", eval.ruleset,
                   "Ruleset file (.spd); - for standard input; with --on, an authority's folder "
                   "or id")
      ->required();
  eval_cmd->add_option("scheme", eval.scheme, "Scheme file (.yaml or .json); - for standard input")
      ->required();
  eval_cmd
      ->add_option("--format", eval_format,
                   "text for a terminal, markdown for a committee report, html for a page that "
                   "prints on A4, json for programs")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  eval_cmd->add_flag("--explain", eval.explain, "Show how each figure was derived, with citations");
  eval_cmd->add_option("--on", eval.on,
                       "The date of the decision (YYYY-MM-DD): evaluate the version in force then");
  eval_cmd->add_flag(
      "--allow-unknown-keys", eval.allow_unknown_keys,
      "Warn of a key that is no input of the ruleset, rather than refuse the scheme");
  eval_cmd->add_flag("--exit-code", eval.exit_code,
                     "Exit 1 when a check is not met (and name the checks on stderr)");

  spdl::cli::TestOptions test;
  auto* test_cmd =
      app.add_subcommand("test", "Run ruleset tests (*.test.yaml): expected values for schemes");
  test_cmd
      ->add_option("paths", test.paths,
                   "Test files, or folders to search for *.test.yaml; - for a test file on "
                   "standard input (its paths read from the current folder)")
      ->required();
  test_cmd->add_flag("--coverage", test.coverage,
                     "Report rules, exceptions and checks that no case exercised");
  test_cmd->add_flag("--require-coverage", test.require_coverage,
                     "Fail unless every rule, exception and check is exercised");
  test_cmd
      ->add_option("--format", test.format,
                   "text for a terminal, json for programs, junit for CI servers")
      ->check(CLI::IsMember({"text", "json", "junit"}));

  spdl::cli::ListOptions list;
  std::string list_format = "text";
  auto* list_cmd =
      app.add_subcommand("list", "List each authority's rulesets with their status and dates");
  list_cmd->add_option("paths", list.paths,
                       "Folders to search (default: the rulesets/ of this installation)");
  list_cmd->add_option("--on", list.on,
                       "A date (YYYY-MM-DD): show each authority's version in force then, and why");
  list_cmd->add_option("--format", list_format, "text or json")
      ->check(CLI::IsMember({"text", "json"}));

  spdl::cli::DiffOptions diff;
  std::string diff_format = "text";
  auto* diff_cmd = app.add_subcommand(
      "diff", "Show what a revision changes: parameters, rules, exceptions, checks, inputs");
  diff_cmd->add_option("old", diff.before, "The ruleset before (.spd)")->required();
  diff_cmd->add_option("new", diff.after, "The ruleset after (.spd)")->required();
  diff_cmd->add_option("--format", diff_format, "text, markdown, json or html")
      ->check(CLI::IsMember({"text", "markdown", "json", "html"}));
  diff_cmd->add_option("--output,-o", diff.output, "Write to this file instead of the terminal");
  diff_cmd->add_flag("--exit-code", diff.exit_code, "Exit 1 when the rulesets differ");

  spdl::cli::CompareCommandOptions compare;
  std::string compare_format = "text";
  auto* compare_cmd = app.add_subcommand(
      "compare", "Evaluate two rulesets over a portfolio of schemes and report what differs");
  compare_cmd->add_option("old", compare.before, "The ruleset before (.spd)")->required();
  compare_cmd->add_option("new", compare.after, "The ruleset after (.spd)")->required();
  compare_cmd
      ->add_option("--schemes", compare.portfolio,
                   "Portfolio: a YAML list of schemes, or a CSV with a column per input; - for "
                   "a YAML list on standard input")
      ->required();
  compare_cmd->add_option("--on", compare.on,
                          "A date (YYYY-MM-DD): an authority's folder or id given for old or new "
                          "stands for its version in force then");
  compare_cmd->add_flag("--allow-unknown-keys", compare.allow_unknown_keys,
                        "Warn (once) of a key or column neither ruleset reads, rather than refuse");
  compare_cmd->add_option("--group-by", compare.group_by,
                          "Also total by this yes/no or enumeration rule or input");
  compare_cmd->add_option("--format", compare_format, "text, markdown, json, csv or html")
      ->check(CLI::IsMember({"text", "markdown", "json", "csv", "html"}));
  compare_cmd->add_option("--output,-o", compare.output,
                          "Write to this file instead of the terminal");

  spdl::cli::SweepOptions sweep;
  std::string sweep_format = "text";
  auto* sweep_cmd = app.add_subcommand(
      "sweep", "Evaluate rulesets across a range of inputs and find the cliff edges");
  sweep_cmd
      ->add_option("rulesets", sweep.rulesets, "One ruleset, or two to set side by side (.spd)")
      ->required()
      ->expected(1, 2);
  sweep_cmd
      ->add_option("--vary", sweep.vary,
                   "NAME=FIRST..LAST[:STEP], such as dwellings=1..60; once or twice")
      ->required()
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  sweep_cmd->add_option("--base", sweep.base,
                        "A scheme giving the inputs that are not varied (.yaml)");
  sweep_cmd->add_option(
      "--figure", sweep.figure,
      "The figure to chart: a rule, a yes/no rule or a check (default: affordable_required)");
  sweep_cmd->add_option("--format", sweep_format, "text, json, csv, svg or html")
      ->check(CLI::IsMember({"text", "json", "csv", "svg", "html"}));
  sweep_cmd->add_option("--output,-o", sweep.output, "Write to this file instead of the terminal");

  spdl::cli::BatchCommandOptions batch;
  std::string batch_format = "jsonl";
  auto* batch_cmd = app.add_subcommand(
      "batch", "Evaluate a ruleset on many schemes (JSON Lines or CSV), one result a line");
  batch_cmd->add_option("ruleset", batch.ruleset, "Ruleset file (.spd)")->required();
  batch_cmd
      ->add_option("--schemes", batch.schemes,
                   "JSON Lines (one scheme a line), a .csv with a column per input, or - for stdin")
      ->required();
  batch_cmd->add_option("--format", batch_format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}));
  batch_cmd
      ->add_option("--outputs", batch.outputs,
                   "Rules to write, comma-separated (default: all of the ruleset's rules)")
      ->delimiter(',');
  batch_cmd->add_option("--on", batch.on,
                        "The date of the decisions (YYYY-MM-DD): ruleset may then be an "
                        "authority's folder or id, and its version in force then is used");
  batch_cmd->add_flag("--allow-unknown-keys", batch.allow_unknown_keys,
                      "Warn (once) of a key or column that is no input, rather than refuse its "
                      "line (a column: the batch)");
  batch_cmd->add_option("--threads", batch.threads, "Threads (default: one per core)");
  batch_cmd->add_flag("--one-at-a-time", batch.scalar,
                      "Evaluate each scheme alone, not in columns (for comparison)");
  batch_cmd->add_option("--output,-o", batch.output, "Write to this file instead of the terminal");

  spdl::cli::LspOptions lsp;
  bool stdio = true;
  auto* lsp_cmd = app.add_subcommand(
      "lsp", "Run the language server for editors (LSP 3.17 on standard input and output)");
  lsp_cmd->add_option("--debounce", lsp.debounce_ms,
                      "Milliseconds without a change before diagnostics are published (150)");
  lsp_cmd->add_flag("--stdio", stdio,
                    "Speak on standard input and output (the only way; accepted "
                    "because some clients pass it)");

  spdl::cli::ServeCommandOptions serve;
  auto* serve_cmd = app.add_subcommand(
      "serve", "Serve the HTTP API, the officer's page and the policy writer's workbench");
  serve_cmd->add_option("--root", serve.root,
                        "The folder of rulesets to serve (default: this installation's rulesets/)");
  serve_cmd->add_option("--port", serve.port, "The port to listen on; 0 picks a free one (8080)");
  serve_cmd->add_option("--bind", serve.bind,
                        "The address to listen on (127.0.0.1: this machine only)");
  serve_cmd->add_option("--drafts", serve.drafts,
                        "A folder where the workbench may save drafts (none: saving is refused)");
  serve_cmd->add_option("--cors", serve.cors,
                        "An origin (https://host) whose pages may call the API");
  serve_cmd->add_option("--threads", serve.threads, "I/O threads (default: one per core)")
      ->group("");
  serve_cmd->add_option("--read-timeout-ms", serve.read_timeout_ms, "Read and write timeout")
      ->group("");
  serve_cmd->add_option("--max-connections", serve.max_connections, "Open connections at most")
      ->group("");
  serve_cmd->add_flag("--bench-floor", serve.bench_floor, "GET /bench/floor: a fixed 4 KiB body")
      ->group("");
  serve_cmd->add_flag("--quiet", serve.quiet, "No line a request on stderr")->group("");

  const spdl::cli::CiteCommand cite(app);

  // `spdl help`, --color, and a mistyped command or option named with a suggestion rather than
  // CLI11's generic complaint (runtime/cli/conventions.cpp).
  spdl::cli::add_conventions(app);
  std::vector<std::string> args(argv, argv + argc);
  if (const auto code = spdl::cli::before_parsing(app, args)) return *code;

  try {
    app.parse(spdl::cli::for_cli11(args));
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    std::cerr << "spdl: " << e.what() << "\n"
              << "Run `spdl --help` or `spdl <command> --help` for usage.\n";
    return 2;
  }

  auto run_command = [&]() -> int {
    using spdl::cli::format_named;
    if (check_cmd->parsed()) {
      check.format = format_named(check_format);
      return spdl::cli::run_check(check);
    }
    if (fmt_cmd->parsed()) return spdl::cli::run_fmt(fmt);
    if (test_cmd->parsed()) return spdl::cli::run_test(test);
    if (eval_cmd->parsed()) {
      eval.format = format_named(eval_format);
      return spdl::cli::run_eval(eval);
    }
    if (list_cmd->parsed()) {
      list.format = format_named(list_format);
      return spdl::cli::run_list(list);
    }
    if (diff_cmd->parsed()) {
      diff.format = format_named(diff_format);
      return spdl::cli::run_diff(diff);
    }
    if (compare_cmd->parsed()) {
      compare.format = format_named(compare_format);
      return spdl::cli::run_compare(compare);
    }
    if (batch_cmd->parsed()) {
      batch.format = format_named(batch_format);
      return spdl::cli::run_batch(batch);
    }
    if (lsp_cmd->parsed()) return spdl::cli::run_lsp(lsp);
    if (serve_cmd->parsed()) return spdl::cli::run_serve(serve);
    if (cite.parsed()) return cite.run();
    if (sweep_cmd->parsed()) {
      sweep.format = format_named(sweep_format);
      return spdl::cli::run_sweep(sweep);
    }
    return 2;
  };
  // A report that did not reach its reader is a failure, whatever the command found.
  const int code = [&] {
    try {
      return run_command();
    } catch (const std::bad_alloc&) {
      std::cerr << "spdl: out of memory: stopped before the end (a file named by --output is left "
                   "as it was)\n";
      return 1;
    } catch (const std::exception& e) {
      // Every stage reports problems as diagnostics; reaching here is a bug in spdl itself.
      std::cerr << "spdl: internal error: " << e.what()
                << "\nPlease report this with the input that caused it.\n";
      return 1;
    }
  }();
  return spdl::cli::standard_output_written() ? code : 1;
}
