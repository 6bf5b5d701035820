#pragma once
// `spdl cite`: its options and its place on the command line, kept here so that main.cpp only
// registers it and runs it.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace spdl::cli {

struct CiteOptions {
  std::vector<std::string> rulesets;  // files, or folders whose *.spd are taken
  std::string source;                 // the guidance document as plain text
  std::string not_encoded;            // cite.yaml: paragraphs deliberately not encoded
  std::string format = "text";
  std::string output;
  bool cases = false;            // name every case, not only how many
  bool require_figures = false;  // exit 1 if a paragraph stating a figure is not cited
};
int run_cite(const CiteOptions& options);

class CiteCommand {
 public:
  explicit CiteCommand(CLI::App& app);
  bool parsed() const { return command_->parsed(); }
  int run() const { return run_cite(options_); }

 private:
  CLI::App* command_ = nullptr;
  CiteOptions options_;
};

}  // namespace spdl::cli
