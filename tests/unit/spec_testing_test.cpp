// Every example in spec/testing.md is run, so the reference of the test file format cannot drift
// from what `spdl test` does: `file=NAME` blocks are written to a folder, each `output=ARGUMENTS`
// block must be what `spdl test ARGUMENTS` prints there, and each `golden=CASE` block must be an
// excerpt of that golden test's expected output.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <sstream>

#include "project_fixture.hpp"
#include "spdl/runtime/testing/test_report.hpp"

using namespace spdl;

namespace {

struct Block {
  std::size_t line;
  std::string language;  // "spdl", "yaml", "text", "json", "xml"
  std::string key;       // "file", "output", "golden"
  std::string value;     // "threshold.spd", "--coverage threshold.test.yaml", "test_json"
  std::string text;
};

std::string read(const std::string& relative) {
  std::ifstream in(std::string(SPDL_SOURCE_DIR) + "/" + relative);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<Block> blocks() {
  std::istringstream in(read("spec/testing.md"));
  std::vector<Block> out;
  std::optional<Block> open;
  std::size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.starts_with("```")) {
      if (open) open->text += line + "\n";
      continue;
    }
    if (open) {
      out.push_back(*open);
      open.reset();
      continue;
    }
    Block b{number, line.substr(3), "", "", ""};
    if (const auto space = b.language.find(' '); space != std::string::npos) {
      const std::string rest = b.language.substr(space + 1);
      b.language = b.language.substr(0, space);
      const auto equals = rest.find('=');
      b.key = rest.substr(0, equals);
      b.value = equals == std::string::npos ? "" : rest.substr(equals + 1);
    }
    open = b;
  }
  return out;
}

// What `spdl test ARGUMENTS` prints, run on the files written to `folder`.
std::string run(const std::string& arguments, const std::filesystem::path& folder,
                const std::map<std::string, std::string>& files) {
  std::istringstream words(arguments);
  std::string format = "text";
  TestReportOptions options;
  std::vector<TestFileResult> results;
  for (std::string word; words >> word;) {
    if (word == "--coverage") {
      options.coverage = true;
    } else if (word == "--format") {
      words >> format;
    } else {
      REQUIRE(files.count(word) == 1);
      results.push_back(run_test_text(word, files.at(word), folder));
    }
  }
  std::string printed;
  if (format == "json") {
    printed = render_test_results_json(results, options);
  } else if (format == "junit") {
    printed = render_test_results_junit(results, options);
  } else {
    for (const auto& r : results) printed += render_test_file_text(r, options);
  }
  // The folder is a temporary one; the page shows paths from inside it.
  const std::string prefix = (folder / "").string();
  for (auto at = printed.find(prefix); at != std::string::npos; at = printed.find(prefix, at))
    printed.erase(at, prefix.size());
  return printed;
}

}  // namespace

TEST_CASE("every example in the test file reference runs as it says", "[spec][testing]") {
  const auto all = blocks();
  testing::TempProject project;
  const auto folder = project.root() / "examples";
  std::filesystem::create_directories(folder);
  std::map<std::string, std::string> files;
  std::size_t outputs = 0;
  std::size_t goldens = 0;
  for (const auto& b : all) {
    INFO("spec/testing.md line " << b.line);
    if (b.key == "file") {
      files[b.value] = b.text;
      project.write("examples/" + b.value, b.text);
    } else if (b.key == "output") {
      const std::string printed = run(b.value, folder, files);
      INFO("spdl test " << b.value << " prints:\n" << printed);
      CHECK(printed == b.text);
      ++outputs;
    } else if (b.key == "golden") {
      CHECK(read("tests/cli/" + b.value + "/expected").find(b.text) != std::string::npos);
      ++goldens;
    } else {
      // Every block is a file, an output or an excerpt: nothing on the page goes untested.
      FAIL("a block that is not tested: " << b.language << " " << b.key);
    }
  }
  CHECK(files.size() >= 4);
  CHECK(outputs >= 5);
  CHECK(goldens >= 1);
}
