#pragma once
// What every spdl command shares, added to the command definitions once they are all made:
// `spdl help [COMMAND]`, `--color=auto|always|never` on each command that colours, an unknown
// command or option named with a did-you-mean (exit 2), and the hidden generators of the manual
// page and the bash completion.

#include <optional>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace spdl::cli {

// Adds the `help` command and the `--color` options. Call after every command is defined.
void add_conventions(CLI::App& app);

// Before CLI11 parses `args` (argv, the program's name first): rewrites `spdl help X` as
// `spdl X --help`; refuses an unknown command or option, saying why on stderr; runs the hidden
// `--generate-man [FILE]` and `--generate-bash-completion [FILE]`. An exit code when the command
// line was handled here; nothing when CLI11 should parse the (rewritten) `args`.
std::optional<int> before_parsing(CLI::App& app, std::vector<std::string>& args);

// `args` as CLI11's parse() takes them: without the program's name, last first.
std::vector<std::string> for_cli11(const std::vector<std::string>& args);

}  // namespace spdl::cli
