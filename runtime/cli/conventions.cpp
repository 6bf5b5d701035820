#include "spdl/runtime/cli/conventions.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/runtime/cli/command_docs.hpp"
#include "spdl/runtime/cli/commands.hpp"
#include "spdl/runtime/cli/terminal.hpp"
#include "spdl/version.hpp"

namespace spdl::cli {

namespace {

// The commands that colour what they print (diagnostics, reports, test results).
const std::vector<std::string> colouring = {"check", "fmt",     "eval",  "test",
                                            "diff",  "compare", "sweep", "batch"};

std::string colour_value = "auto";

std::vector<std::string> command_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands(std::function<bool(const CLI::App*)>{}))
    names.push_back(sub->get_name());
  return names;
}

CLI::App* find_command(CLI::App& app, const std::string& name) {
  for (CLI::App* sub : app.get_subcommands(std::function<bool(CLI::App*)>{})) {
    if (sub->get_name() == name) return sub;
  }
  return nullptr;
}

// Every name an option of `app` answers to: "--format", "-o".
std::vector<std::string> option_names(const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::Option* opt : app.get_options()) {
    for (const auto& s : opt->get_snames()) names.push_back("-" + s);
    for (const auto& l : opt->get_lnames()) names.push_back("--" + l);
  }
  return names;
}

int unknown_command(const CLI::App& app, const std::string& name) {
  std::cerr << "spdl: unknown command `" << name << "`";
  const std::string suggestion = closest_match(name, command_names(app));
  if (!suggestion.empty()) std::cerr << "; did you mean `" << suggestion << "`?";
  std::cerr << "\nRun `spdl --help` for the list of commands.\n";
  return 2;
}

// The options in args[from...] that `app` does not have, named with a did-you-mean. CLI11 would
// take a misspelt option for a positional argument and complain about something else.
std::optional<int> check_options(const CLI::App& app, const std::vector<std::string>& args,
                                 std::size_t from, const std::string& command) {
  for (std::size_t i = from; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") break;  // everything after is positional
    if (arg.size() < 2 || arg[0] != '-') continue;
    const bool long_form = arg.starts_with("--");
    const auto equals = arg.find('=');
    const std::string name = long_form ? arg.substr(0, equals) : arg.substr(0, 2);
    const bool value_attached = long_form ? equals != std::string::npos : arg.size() > 2;
    const CLI::Option* opt = app.get_option_no_throw(name);
    if (opt == nullptr) {
      std::cerr << command << ": unknown option `" << name << "`";
      const std::string suggestion = closest_match(name, option_names(app));
      if (!suggestion.empty()) std::cerr << "; did you mean `" << suggestion << "`?";
      std::cerr << "\nRun `" << command << " --help` for "
                << (command == "spdl" ? "the list of commands" : "its options") << ".\n";
      return 2;
    }
    if (opt->get_type_size() != 0 && !value_attached) ++i;  // its value may start with '-'
  }
  return std::nullopt;
}

int generate(const CLI::App& app, const std::vector<std::string>& args) {
  const ProgramDoc doc = describe_commands(app);
  const std::string text = args[1] == "--generate-man" ? render_man_page(doc, SPDL_VERSION_STRING)
                                                       : render_bash_completion(doc);
  return write_output(text, args.size() > 2 ? args[2] : "", Format::text);
}

}  // namespace

void add_conventions(CLI::App& app) {
  for (const auto& name : colouring) {
    CLI::App* sub = find_command(app, name);
    if (sub == nullptr) continue;
    sub->add_option("--color,--colour", colour_value,
                    "Colour: auto (on a terminal, unless NO_COLOR is set), always or never")
        ->check(CLI::IsMember({"auto", "always", "never"}))
        ->each([](const std::string& value) { set_colour_choice(value); });
  }
  auto* help =
      app.add_subcommand("help", "Show the help of spdl, or of one command: spdl help eval");
  static std::string command;
  help->add_option("command", command, "The command to explain");
}

std::optional<int> before_parsing(CLI::App& app, std::vector<std::string>& args) {
  if (args.size() < 2) return std::nullopt;  // CLI11 asks for a command
  const std::string& first = args[1];
  if (first == "--generate-man" || first == "--generate-bash-completion") {
    if (args.size() > 3) {
      std::cerr << "spdl: " << first << " takes one file at most\n";
      return 2;
    }
    return generate(app, args);
  }
  if (first == "help") {
    if (args.size() > 3) {
      std::cerr << "spdl help: name one command, such as `spdl help eval`\n";
      return 2;
    }
    if (args.size() == 2) {
      args = {args[0], "--help"};
      return std::nullopt;
    }
    const std::string command = args[2];
    if (command.starts_with('-'))
      return check_options(*find_command(app, "help"), args, 2, "spdl help");
    const auto names = command_names(app);
    if (std::find(names.begin(), names.end(), command) == names.end())
      return unknown_command(app, command);
    args = {args[0], command, "--help"};
    return std::nullopt;
  }
  // The program's own options (--help, --version) come alone.
  if (first.starts_with('-')) return check_options(app, {args[0], first}, 1, "spdl");
  CLI::App* command = find_command(app, first);
  if (command == nullptr) return unknown_command(app, first);
  return check_options(*command, args, 2, "spdl " + first);
}

std::vector<std::string> for_cli11(const std::vector<std::string>& args) {
  return {args.rbegin(), args.rend() - 1};
}

}  // namespace spdl::cli
