// The folder map of spec/architecture.md, enforced: every #include of a spdl header goes to the
// file's own folder or to a folder its row (or those rows, in turn) says it uses.

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

// "runtime/eval" -> {"runtime/ir"}, read from the table's rows: | `folder/` | target | what | uses
// |
std::map<std::string, std::set<std::string>> read_map() {
  std::ifstream in(root / "spec/architecture.md");
  std::map<std::string, std::set<std::string>> uses;
  const std::regex row(R"(^\| `([a-z/_]+)/` \|[^|]*\|[^|]*\|([^|]*)\|\s*$)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (!std::regex_match(line, m, row)) continue;
    auto& set = uses[m[1]];
    std::stringstream list(m[2].str());
    for (std::string item; std::getline(list, item, ',');) {
      const auto b = item.find_first_not_of(' ');
      const auto e = item.find_last_not_of(' ');
      if (b != std::string::npos) set.insert(item.substr(b, e - b + 1));
    }
  }
  return uses;
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
  const auto uses = read_map();
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
      const auto allowed = closure(uses, folder);
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        std::smatch m;
        if (!std::regex_search(line, m, include)) continue;
        INFO(line);
        CHECK(allowed.count(m[1]) == 1);
        ++checked;
      }
    }
  }
  CHECK(checked > 100);
}

TEST_CASE("architecture: the map has a row for lower stages before later ones", "[architecture]") {
  // A use of a folder that has no row of its own is a typo in the map.
  const auto uses = read_map();
  for (const auto& [folder, used] : uses) {
    for (const auto& u : used) {
      INFO(folder << " uses " << u);
      CHECK(uses.count(u) == 1);
    }
  }
}
