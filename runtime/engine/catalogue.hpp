#pragma once
// The rulesets under a folder, read from their headers: for `spdl list`.

#include <filesystem>
#include <string>
#include <vector>

#include "spdl/lang/syntax/ast.hpp"

namespace spdl {

struct CatalogueEntry {
  std::string path;
  std::string id;
  std::string title;
  std::string authority;
  std::string status;
  std::vector<std::string> dates;       // "published 2004-06", "a material consideration from ..."
  std::vector<ast::DatedEvent> events;  // the same dates, as data (their spans mean nothing here)
  std::string amends;
  bool is_module = false;
  std::string problem;  // when the file cannot be read or its header parsed
};

// Every .spd file under `root`, sorted by authority, then id.
std::vector<CatalogueEntry> list_rulesets(const std::filesystem::path& root);

}  // namespace spdl
