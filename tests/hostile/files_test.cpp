// Hostile cases of issue 13, second part: files never lost. An output that is one of the
// command's inputs is refused; a symlink is followed; a device is written directly; a read-only
// or hard-linked file is left as it is; a rewritten file keeps its mode and owner; and a report
// that cannot be written (a full disk, a closed descriptor) is a failure, not exit 0.

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "hostile_case.hpp"

using namespace spdl::hostile;

namespace {

const std::string vale = source_path(vale_revised);
const std::string vale_first = source_path("rulesets/vale/first_draft_2004.spd");
const std::string unformatted = "ruleset h.f\ninput   dwellings : dwellings\n";
const std::string formatted = "ruleset h.f\n\ninput dwellings : dwellings\n";

struct stat status_of(const std::filesystem::path& p) {
  struct stat s {};
  REQUIRE(::lstat(p.c_str(), &s) == 0);
  return s;
}

}  // namespace

TEST_CASE("an output that is one of the command's inputs is refused", "[hostile][files]") {
  Workspace w("output_is_an_input");
  w.write("rulesets/h/a.spd", "ruleset h.a\ninput dwellings : dwellings\nrule r = dwellings\n");
  w.write("rulesets/h/b.spd", "ruleset h.b\ninput dwellings : dwellings\nrule r = 2 * dwellings\n");
  // Before: the diff replaced b.spd, the revision it was made from.
  refused("output_is_an_input_diff", w,
          {"diff", "rulesets/h/a.spd", "rulesets/h/b.spd", "-o", "rulesets/h/b.spd"},
          "b.spd: this command");
  w.write("in.jsonl", "{\"dwellings\": 20, \"site_area\": 1, \"settlement_population\": 5000}\n");
  refused("output_is_an_input_batch", w, {"batch", vale, "--schemes", "in.jsonl", "-o", "in.jsonl"},
          "in.jsonl: this command");
  w.write("p.csv", "dwellings,site_area,settlement_population\n20,0.6 ha,5000\n");
  refused("output_is_an_input_compare", w,
          {"compare", vale, vale, "--schemes", "p.csv", "-o", "p.csv"}, "p.csv: this command");
  w.write("s.yaml", "dwellings: 12\nsettlement_population: 5000\n");
  refused("output_is_an_input_sweep", w,
          {"sweep", vale, "--vary", "site_area=0.1ha..1ha", "--base", "s.yaml", "-o", "s.yaml"},
          "s.yaml: this command");
  // A module the ruleset uses is an input too, and so is a file reached through a symlink.
  std::filesystem::create_symlink(w.root() / "in.jsonl", w.root() / "link.jsonl");
  refused("output_is_an_input_through_a_symlink", w,
          {"batch", vale, "--schemes", "in.jsonl", "-o", "link.jsonl"}, "link.jsonl: this command");
  // spdl cite reads the rulesets, the tests beside them, a document and cite.yaml.
  refused("output_is_an_input_cite", w, {"cite", "rulesets/h/a.spd", "-o", "rulesets/h/a.spd"},
          "a.spd: this command");
}

TEST_CASE("fmt follows a symlink and keeps the link", "[hostile][files]") {
  Workspace w("fmt_symlink");
  w.write("rulesets/h/real.spd", unformatted);
  std::filesystem::create_symlink("real.spd", w.root() / "rulesets/h/link.spd");
  expect_run("fmt_through_a_symlink", w, {"fmt", "rulesets/h/link.spd"},
             {.exit_code = 0, .files_unchanged = false});
  CHECK(std::filesystem::is_symlink(w.root() / "rulesets/h/link.spd"));
  CHECK(read_file(w.root() / "rulesets/h/real.spd") == formatted);
}

TEST_CASE("fmt leaves a read-only or hard-linked file as it is", "[hostile][files]") {
  Workspace w("fmt_refuses");
  const auto ro = w.write("rulesets/h/ro.spd", unformatted);
  std::filesystem::permissions(ro, std::filesystem::perms::owner_read |
                                       std::filesystem::perms::group_read |
                                       std::filesystem::perms::others_read);
  refused("fmt_read_only_file", w, {"fmt", "rulesets/h/ro.spd"}, "ro.spd: it is read-only");
  const auto linked = w.write("rulesets/h/linked.spd", unformatted);
  std::filesystem::create_hard_link(linked, w.root() / "other_name.spd");
  refused("fmt_hard_linked_file", w, {"fmt", "rulesets/h/linked.spd"}, "linked.spd: it has 2 hard");
}

TEST_CASE("a file rewritten in place keeps its mode and owner", "[hostile][files]") {
  Workspace w("fmt_keeps_mode");
  const auto file = w.write("rulesets/h/shared.spd", unformatted);
  ::chmod(file.c_str(), 0664);  // group-writable, which a umask of 022 would take away
  const bool root = ::geteuid() == 0;
  if (root) REQUIRE(::chown(file.c_str(), 1000, 1000) == 0);
  expect_run("fmt_keeps_mode_and_owner", w, {"fmt", "rulesets/h/shared.spd"},
             {.exit_code = 0, .files_unchanged = false});
  const auto after = status_of(file);
  CHECK((after.st_mode & 07777) == 0664);
  if (root) CHECK((after.st_uid == 1000 && after.st_gid == 1000));
  CHECK(read_file(file) == formatted);
}

TEST_CASE("an output onto a device is written to it, not replaced", "[hostile][files]") {
  // Before, as root: `-o` onto a character device replaced it with a regular file.
  if (::geteuid() != 0) return;  // only root can make a device node
  Workspace w("output_onto_a_device");
  const auto node = w.root() / "null";
  REQUIRE(::mknod(node.c_str(), S_IFCHR | 0666, makedev(1, 3)) == 0);  // as /dev/null
  expect_run("output_onto_a_device", w, {"diff", vale_first, vale, "-o", "null"},
             {.exit_code = 0, .where = "wrote null"});
  CHECK(S_ISCHR(status_of(node).st_mode));
}

TEST_CASE("a report that cannot be written is a failure", "[hostile][files]") {
  // Before: every command below exited 0 with its report lost (a diff to a full file system
  // left 4,096 of 19,166 bytes).
  Workspace w("stdout_fails");
  w.write("s.yaml", "dwellings: 12\nsettlement_population: 5000\nsite_area: 0.6 ha\n");
  w.write("p.csv", "dwellings,site_area,settlement_population\n20,0.6 ha,5000\n");
  w.write("s.jsonl", "{\"dwellings\": 20, \"site_area\": 1, \"settlement_population\": 5000}\n");
  const std::vector<std::pair<std::string, std::vector<std::string>>> commands = {
      {"eval", {"eval", vale, "s.yaml"}},
      {"diff", {"diff", vale_first, vale}},
      {"check", {"check", vale}},
      {"list", {"list", source_path("rulesets/vale")}},
      {"compare", {"compare", vale_first, vale, "--schemes", "p.csv"}},
      {"sweep", {"sweep", vale, "--vary", "dwellings=1..30", "--base", "s.yaml"}},
      {"test", {"test", source_path("rulesets/vale/revised_draft_2006.test.yaml")}},
      {"batch", {"batch", vale, "--schemes", "s.jsonl"}},
      {"cite", {"cite", vale}},
      {"test_junit",
       {"test", source_path("rulesets/vale/revised_draft_2006.test.yaml"), "--format", "junit"}},
  };
  for (const auto& [name, args] : commands) {
    expect_run("stdout_full_" + name, w, args,
               {.where = "cannot write the report: no space left on the device"},
               {.stdout_path = "/dev/full"});
  }
  w.write("f.spd", unformatted);
  expect_run("stdout_full_fmt_standard_input", w, {"fmt", "-"},
             {.where = "cannot write the report: no space left on the device"},
             {.stdin_path = "f.spd", .stdout_path = "/dev/full"});
  expect_run("stdout_closed_diff", w, {"diff", vale_first, vale},
             {.where = "cannot write the report: bad file descriptor"}, {.close_stdout = true});
}

TEST_CASE("a scheme from standard input, and one that is not there", "[hostile][files]") {
  Workspace w("scheme_from_stdin");
  w.write("s.yaml", "dwellings: 12\nsettlement_population: 5000\nsite_area: 0.6 ha\n");
  expect_run("eval_scheme_from_standard_input", w, {"eval", vale, "-", "--format", "json"},
             {.exit_code = 0}, {.stdin_path = "s.yaml"});
  // Before: "cannot read scheme missing.yaml: it no such file".
  refused("eval_scheme_not_there", w, {"eval", vale, "missing.yaml"},
          "cannot read scheme missing.yaml: it does not exist");
}
