#pragma once
// The example files shipped beside the rulesets served: schemes (a YAML file of one scheme, in an
// authority's schemes/ folder) and portfolios (a CSV, or a YAML list of schemes). Each has an id
// made of its authority's folder and its name ("braintree/land_supply_2009_sites"), and a request
// names one by that id only: the files are found by listing the root, never by a path given.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace spdl::serve {

struct ExampleFile {
  std::string id;         // "vale/wantage_road"
  std::string authority;  // "vale": the folder under the root
  std::filesystem::path path;
  bool portfolio = false;
  std::string format;  // "csv" or "yaml"
};

std::vector<ExampleFile> example_files(const std::filesystem::path& root);
std::optional<ExampleFile> find_example(const std::filesystem::path& root, const std::string& id,
                                        bool portfolio);

}  // namespace spdl::serve
