#pragma once
// A throwaway project folder (stdlib/ and rulesets/) for tests that need several files.

#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include "spdl/lang/check/checked.hpp"

namespace spdl::testing {

class TempProject {
 public:
  TempProject() {
    std::random_device seed;
    root_ = std::filesystem::temp_directory_path() /
            ("spdl-test-" + std::to_string(seed()) + std::to_string(seed()));
    std::filesystem::create_directories(root_ / "stdlib");
    std::filesystem::create_directories(root_ / "rulesets");
  }
  ~TempProject() {
    std::error_code ec;
    std::filesystem::remove_all(root_, ec);
  }
  TempProject(const TempProject&) = delete;
  TempProject& operator=(const TempProject&) = delete;

  std::filesystem::path write(const std::string& relative, const std::string& text) const {
    const auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }
  const std::filesystem::path& root() const { return root_; }
  ModuleRoots roots() const { return {{root_ / "stdlib", root_ / "rulesets"}}; }

  CheckResult check_file(const std::string& relative) const {
    return check(load_ruleset(root_ / relative, roots()));
  }

  // The message of every error and warning, one per line, for compact assertions.
  static std::string messages(const CheckResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics.all()) out += d.message + "\n";
    return out;
  }

 private:
  std::filesystem::path root_;
};

}  // namespace spdl::testing
