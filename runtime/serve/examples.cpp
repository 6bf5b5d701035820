#include "spdl/runtime/serve/examples.hpp"

#include <algorithm>

#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"

namespace spdl::serve {

namespace fs = std::filesystem;

namespace {

// A YAML file whose document is a list holds many schemes; one that is a map, one scheme.
bool yaml_list(const fs::path& path) {
  auto text = read_text_file(path, limits::max_portfolio_bytes);
  if (std::holds_alternative<ReadFailure>(text)) return false;
  const std::string& t = std::get<std::string>(text);
  // The first line that is neither blank nor a comment says which.
  std::size_t at = 0;
  while (at < t.size()) {
    const auto end = std::min(t.find('\n', at), t.size());
    const auto first = t.find_first_not_of(" \t\r", at);
    if (first != std::string::npos && first < end && t[first] != '#')
      return t[first] == '-' || t[first] == '[';
    at = end + 1;
  }
  return false;
}

}  // namespace

std::vector<ExampleFile> example_files(const fs::path& root) {
  std::vector<ExampleFile> out;
  std::error_code ec;
  for (const auto& authority : fs::directory_iterator(root, ec)) {
    if (!authority.is_directory(ec)) continue;
    const std::string name = authority.path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    std::vector<fs::path> files;
    for (const fs::path& folder : {authority.path(), authority.path() / "schemes"}) {
      for (const auto& f : fs::directory_iterator(folder, ec)) {
        if (f.is_regular_file(ec)) files.push_back(f.path());
      }
    }
    for (const auto& f : files) {
      const std::string ext = f.extension().string();
      const std::string stem = f.stem().string();
      if (stem.empty() || stem[0] == '.' || stem.ends_with(".test") || stem == "cite") continue;
      ExampleFile e{name + "/" + stem, name, f, false, ""};
      if (ext == ".csv") {
        e.portfolio = true;
        e.format = "csv";
      } else if ((ext == ".yaml" || ext == ".yml") && f.parent_path().filename() == "schemes") {
        e.format = "yaml";
        e.portfolio = yaml_list(f);
      } else {
        continue;
      }
      out.push_back(std::move(e));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ExampleFile& a, const ExampleFile& b) { return a.id < b.id; });
  return out;
}

std::optional<ExampleFile> find_example(const fs::path& root, const std::string& id,
                                        bool portfolio) {
  for (auto& e : example_files(root)) {
    if (e.id == id && e.portfolio == portfolio) return e;
  }
  return std::nullopt;
}

}  // namespace spdl::serve
