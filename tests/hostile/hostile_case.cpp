#include "hostile_case.hpp"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iterator>

namespace spdl::hostile {

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

std::string source_path(const std::string& relative) {
  return std::string(SPDL_SOURCE_DIR) + "/" + relative;
}

namespace {

void compare_with_expected(const std::string& name, const std::string& actual) {
  const auto expected_path =
      std::filesystem::path(SPDL_SOURCE_DIR) / "tests/hostile/expected" / (name + ".expected");
  if (std::getenv("SPDL_UPDATE_GOLDEN")) {
    std::filesystem::create_directories(expected_path.parent_path());
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  INFO("refresh with SPDL_UPDATE_GOLDEN=1 if the new output is right: " << expected_path.string());
  CHECK(actual == read_file(expected_path));
}

}  // namespace

Run expect_run(const std::string& name, const Workspace& w, const std::vector<std::string>& args,
               const Expect& expect, const Streams& streams) {
  const auto before = w.snapshot();
  const auto limit = std::chrono::seconds(static_cast<long>(expect.seconds * 4) + 30);
  const Run run = run_spdl(args, w.root(), limit, streams);
  const std::string text = transcript(run, w.root());
  INFO(name << "\n" << text.substr(0, 4000));
  CHECK(run.exit_code == expect.exit_code);
  CHECK(run.err.find(expect.where) != std::string::npos);
  CHECK(run.err.find("internal error") == std::string::npos);
#ifndef SPDL_SANITIZED
  INFO("took " << run.cpu_seconds << " s of CPU (" << run.seconds << " s) and " << run.peak_rss_kb
               << " KB");
  CHECK(run.cpu_seconds < expect.seconds);
  CHECK(run.peak_rss_kb < expect.max_rss_kb);
#endif
  if (expect.files_unchanged) CHECK(w.snapshot() == before);  // nothing damaged or half-written
  compare_with_expected(name, text);
  return run;
}

Run refused(const std::string& name, const Workspace& w, const std::vector<std::string>& args,
            const std::string& where, int exit_code) {
  return expect_run(name, w, args, {.exit_code = exit_code, .where = where});
}

}  // namespace spdl::hostile
