#pragma once
// Loading a ruleset with everything it reaches through `use` and `amends`. A module named by its
// id (`national.scheme`) is found under the roots: the project's stdlib/ and rulesets/, then
// those of spdl's home. A module named by its path (`"../adopted_2024.spd"`) is found relative to
// the file that names it, and must lie in the project's folder tree or spdl's home. Anything
// that leads elsewhere, directly or through a symlink, is refused.

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/base/diagnostic.hpp"
#include "spdl/lang/base/source.hpp"
#include "spdl/lang/syntax/ast.hpp"

namespace spdl {

struct ModuleRoots {
  std::vector<std::filesystem::path> dirs;  // where ids are looked up, in order
  // Where a path may lead: the project's folder tree and spdl's home. Left empty, the folders
  // holding `dirs`.
  std::vector<std::filesystem::path> trees;
};

// The roots for a file. Its project is the nearest enclosing folder that has a stdlib/ folder
// (a file in no project is a project of its own folder): ids are looked up in the project's
// stdlib/ and rulesets/, then in those of `home` (the spdl installation); paths may lead into the
// project's folder tree or `home`.
ModuleRoots find_roots(const std::filesystem::path& file, const std::filesystem::path& home);

struct LoadedModule {
  ast::Module syntax;
  std::string name;  // the dotted name it was loaded by ("" for the file named on the command line)
  std::filesystem::path path;
  std::vector<std::uint32_t> uses;    // modules named by its `use` declarations
  std::optional<std::uint32_t> base;  // the ruleset it amends
};

struct Load {
  SourceSet sources;
  ast::Ast ast;
  std::vector<LoadedModule> modules;
  std::uint32_t main = 0;
  Diagnostics diagnostics;

  const LoadedModule& main_module() const { return modules[main]; }
};

// Texts that stand in for files, by canonical path: an editor's unsaved buffers. A file named
// here is read from here, also when nothing of that name exists on disk yet, so a ruleset that
// uses or amends an open buffer sees what the writer sees.
struct SourceOverlay {
  std::map<std::filesystem::path, std::string> texts;

  const std::string* find(const std::filesystem::path& canonical) const;
};

std::shared_ptr<Load> load_ruleset(const std::filesystem::path& file, const ModuleRoots& roots,
                                   const SourceOverlay* overlay = nullptr);
// The same for text that is not in a file (tests, fuzzing); `use` still resolves under roots.
std::shared_ptr<Load> load_ruleset_text(const std::string& display_path, std::string text,
                                        const ModuleRoots& roots,
                                        const SourceOverlay* overlay = nullptr);

}  // namespace spdl
