#pragma once
// Runs `spdl` on hostile input in a folder of its own and measures it: exit code, output, wall
// time and peak memory, and whether any file in the folder changed.

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace spdl::hostile {

struct Run {
  int exit_code = -1;  // -1: killed (a signal, or the time limit)
  std::string out;
  std::string err;
  double seconds = 0;      // wall time
  double cpu_seconds = 0;  // user and system time, of every thread: what the input cost
  long peak_rss_kb = 0;
};

// A fresh folder under the build tree for one case, with empty stdlib/ and rulesets/ so that
// `use` resolves inside it.
class Workspace {
 public:
  explicit Workspace(const std::string& name);
  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path write(const std::string& relative, const std::string& bytes) const;
  // Every regular file below the folder, with its size and a digest of its bytes, to compare
  // before and after a run. A digest, not the bytes: holding a 200 MB input here would count
  // against the memory of the spdl this process starts.
  std::map<std::string, std::string> snapshot() const;

 private:
  std::filesystem::path root_;
};

// Where the run's standard streams go, when not to the files the transcript reads.
struct Streams {
  std::string stdin_path = "/dev/null";
  std::string stdout_path;    // empty: captured; "/dev/full" for a full disk
  bool close_stdout = false;  // spdl starts with descriptor 1 closed
};

// Runs spdl with `args` in `cwd`, killing it after `limit`.
Run run_spdl(const std::vector<std::string>& args, const std::filesystem::path& cwd,
             std::chrono::seconds limit = std::chrono::seconds(30), const Streams& streams = {});

// "--- exit N\n--- stdout\n...--- stderr\n...", with the folder's path replaced by "<work>".
std::string transcript(const Run& run, const std::filesystem::path& work);

}  // namespace spdl::hostile
