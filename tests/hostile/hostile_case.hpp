#pragma once
// What every hostile case promises, checked in one place: the exit code, a message that says
// where, no internal error, a time and a memory bound (in the ordinary build; the sanitizers are
// slower and larger by design), the files of the case's folder unchanged unless the case says
// otherwise, and the whole transcript equal to tests/hostile/expected/NAME.expected (refresh
// those with SPDL_UPDATE_GOLDEN=1 and review the diff).

#include <string>
#include <vector>

#include "hostile_runner.hpp"

namespace spdl::hostile {

struct Expect {
  int exit_code = 1;
  std::string where;  // text stderr must hold: "file.spd:3:" or the file's name
  // CPU time at most (user and system), which the load of a shared machine does not stretch as it
  // does wall time; a run is killed after four times as long plus 30 s of wall time (a hang).
  double seconds = 2.0;
  long max_rss_kb = 512 * 1024;  // peak memory at most
  bool files_unchanged = true;   // every file in the folder as it was
};

// Runs the case and checks it; returns the run, for checks of its own.
Run expect_run(const std::string& name, const Workspace& w, const std::vector<std::string>& args,
               const Expect& expect, const Streams& streams = {});

// A refusal: exit 1 (or `exit_code`), `where` in the message, files unchanged, 2 s, 512 MB.
Run refused(const std::string& name, const Workspace& w, const std::vector<std::string>& args,
            const std::string& where, int exit_code = 1);

std::string repeat(const std::string& s, std::size_t n);
std::string read_file(const std::filesystem::path& p);

// Rulesets of the project the cases run against.
std::string source_path(const std::string& relative);
inline const std::string vale_revised = "rulesets/vale/revised_draft_2006.spd";

}  // namespace spdl::hostile
