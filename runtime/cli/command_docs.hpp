#pragma once
// The manual page and the bash completion of `spdl`, generated from its command definitions (the
// CLI11 App that main.cpp builds), so neither can drift from the options the program takes. The
// build runs `spdl --generate-man` and `spdl --generate-bash-completion`; `cmake --install`
// installs what they write.

#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace spdl::cli {

struct OptionDoc {
  std::vector<std::string> names;    // "-o", "--output"
  std::string value;                 // "TEXT", "UINT"; empty for a flag
  std::vector<std::string> choices;  // the values an IsMember check allows
  std::string description;
  bool required = false;
};

struct PositionalDoc {
  std::string name;
  std::string description;
  bool required = false;
  bool many = false;  // takes more than one
};

struct CommandDoc {
  std::string name;
  std::string description;
  std::vector<PositionalDoc> positionals;
  std::vector<OptionDoc> options;
};

struct ProgramDoc {
  std::string name;
  std::string description;
  std::string footer;
  std::vector<OptionDoc> options;  // the program's own: --help, --version
  std::vector<CommandDoc> commands;
};

// Every subcommand of `app` with its positionals and options, in the order they were defined.
ProgramDoc describe_commands(const CLI::App& app);

// A man(7) page for section 1: plain roff, no macros beyond man(7)'s.
std::string render_man_page(const ProgramDoc& doc, const std::string& version);
// A bash completion script: commands, each command's options, the values an option allows.
std::string render_bash_completion(const ProgramDoc& doc);

// Text for roff: backslashes escaped and a line that would start with a control character
// protected; with `literal`, hyphens are minus signs so an option can be copied from the page.
std::string roff_escaped(const std::string& text, bool literal = false);

}  // namespace spdl::cli
