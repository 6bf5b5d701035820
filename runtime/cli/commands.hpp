#pragma once
// The subcommands of `spdl`. Each takes plain options (main.cpp owns the command line) and
// returns the process exit code: 0 success, 1 the input is wrong or a test failed.

#include <string>
#include <vector>

namespace spdl::cli {

enum class Format { text, json, markdown, csv, html, jsonl };

struct CheckOptions {
  std::vector<std::string> files;
  Format format = Format::text;
};
int run_check(const CheckOptions& options);

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;  // report files that would change; change nothing
};
int run_fmt(const FmtOptions& options);

struct EvalOptions {
  std::string ruleset;
  std::string scheme;
  Format format = Format::text;
  bool explain = false;
};
int run_eval(const EvalOptions& options);

struct TestOptions {
  std::vector<std::string> paths;
  bool coverage = false;          // report what no case exercised
  bool require_coverage = false;  // and fail when anything was missed
};
int run_test(const TestOptions& options);

struct ListOptions {
  std::vector<std::string> paths;  // folders or files; the installation's rulesets/ by default
  Format format = Format::text;
};
int run_list(const ListOptions& options);

}  // namespace spdl::cli
