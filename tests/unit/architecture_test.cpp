// The folder map of spec/architecture.md, enforced: every #include of a spdl header goes to the
// file's own folder or to a folder its row (or those rows, in turn) says it uses. A folder whose
// target is "<x> (part of)" is compiled into its parent folder's target and counts as that folder.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fs = std::filesystem;

namespace {

const fs::path root = SPDL_SOURCE_DIR;

struct FolderMap {
  // "runtime/eval" -> {"runtime/ir"}
  std::map<std::string, std::set<std::string>> uses;
  // "runtime/eval" -> "eval", "lang/syntax/parse" -> "syntax (part of)"
  std::map<std::string, std::string> target;

  bool is_part(const std::string& folder) const {
    return target.at(folder).ends_with(" (part of)");
  }
  // The folder whose target `folder` is compiled into: itself, or its parent for a part.
  std::string unit(const std::string& folder) const {
    if (target.count(folder) == 1 && is_part(folder))
      return fs::path(folder).parent_path().generic_string();
    return folder;
  }
};

// Read from the table's rows: | `folder/` | target | what | uses |
FolderMap read_map() {
  std::ifstream in(root / "spec/architecture.md");
  FolderMap map;
  const std::regex row(R"(^\| `([a-z/_]+)/` \|([^|]*)\|[^|]*\|([^|]*)\|\s*$)");
  const auto trimmed = [](const std::string& s) {
    const auto b = s.find_first_not_of(' ');
    const auto e = s.find_last_not_of(' ');
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
  };
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    map.target[m[1]] = trimmed(m[2]);
    auto& set = map.uses[m[1]];
    std::stringstream list(m[3].str());
    for (std::string item; std::getline(list, item, ',');) {
      if (const auto used = trimmed(item); !used.empty()) set.insert(used);
    }
  }
  return map;
}

std::set<std::string> closure(const std::map<std::string, std::set<std::string>>& uses,
                              const std::string& folder) {
  std::set<std::string> out;
  std::vector<std::string> todo{folder};
  while (!todo.empty()) {
    const std::string f = todo.back();
    todo.pop_back();
    if (!out.insert(f).second) continue;
    if (const auto it = uses.find(f); it != uses.end())
      todo.insert(todo.end(), it->second.begin(), it->second.end());
  }
  return out;
}

}  // namespace

TEST_CASE("architecture: every include follows the folder map", "[architecture]") {
  const FolderMap map = read_map();
  const auto& uses = map.uses;
  REQUIRE(uses.size() >= 10);
  REQUIRE(uses.at("runtime/eval") == std::set<std::string>{"runtime/ir"});
  const std::regex include(R"(^#include "spdl/([a-z_/]+)/[a-z_]+\.hpp")");
  std::size_t checked = 0;
  for (const char* top : {"lang", "runtime"}) {
    for (const auto& entry : fs::recursive_directory_iterator(root / top)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      const std::string folder = fs::relative(entry.path().parent_path(), root).generic_string();
      INFO(fs::relative(entry.path(), root).generic_string());
      REQUIRE(uses.count(folder) == 1);  // the folder has its row in spec/architecture.md
      const auto allowed = closure(uses, map.unit(folder));
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, include)) continue;
        INFO(line);
        CHECK(allowed.count(map.unit(m[1])) == 1);
        ++checked;
      }
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("architecture: a part of a target is a subfolder of its folder and uses no more",
          "[architecture]") {
  const FolderMap map = read_map();
  std::size_t parts = 0;
  for (const auto& [folder, target] : map.target) {
    if (!map.is_part(folder)) continue;
    ++parts;
    INFO(folder << ": " << target);
    const std::string parent = map.unit(folder);
    REQUIRE(map.target.count(parent) == 1);
    CHECK(target == map.target.at(parent) + " (part of)");
    const auto allowed = closure(map.uses, parent);
    for (const auto& used : map.uses.at(folder)) CHECK(allowed.count(used) == 1);
  }
  CHECK(parts >= 1);  // lang/syntax/parse
}

TEST_CASE("architecture: the map has a row for lower stages before later ones", "[architecture]") {
  // A use of a folder that has no row of its own is a typo in the map.
  const auto uses = read_map().uses;
  for (const auto& [folder, used] : uses) {
    for (const auto& u : used) {
      INFO(folder << " uses " << u);
      CHECK(uses.count(u) == 1);
    }
  }
}
