#pragma once
// Loading a ruleset with everything it reaches through `use` and `amends`. Modules are found
// only under the allowed roots (a project's stdlib/ and rulesets/); a name or path that leads
// anywhere else, directly or through a symlink, is refused.

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
  std::vector<std::filesystem::path> dirs;  // searched in order
};

// The roots for a file: the stdlib/ and rulesets/ of the nearest enclosing folder that has a
// stdlib/ folder, else those of `home` (the spdl installation).
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
