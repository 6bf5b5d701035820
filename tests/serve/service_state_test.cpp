// The service's state: rulesets reloaded when their files change (a version with errors never
// replacing the last good one), drafts written only under --drafts, and the Origin check.

#include <catch2/catch.hpp>

#include <fstream>

#include "serve_process.hpp"
#include "service_fixture.hpp"
#include "spdl/runtime/serve/file_watch.hpp"

namespace spdl::serve::testing {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

void write(const fs::path& path, const std::string& text) {
  // An editor's save: new text, and a new modification time even within the clock's tick.
  const auto before =
      fs::exists(path) ? fs::last_write_time(path) : fs::file_time_type::clock::now();
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  fs::last_write_time(path, before + std::chrono::seconds(1));
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  text.replace(at, from.size(), to);
  return text;
}

}  // namespace

TEST_CASE(
    "service: a ruleset edited on disk is reloaded, and one edited into errors keeps the "
    "last good version and answers its errors",
    "[service]") {
  const fs::path root = work_folder("reload") / "rulesets";
  fs::create_directories(root);
  fs::copy(source_dir / "rulesets/vale", root / "vale", fs::copy_options::recursive);
  ServiceOptions options = shipped_options();
  options.root = root;
  Service service(options);
  const fs::path file = root / "vale/revised_draft_2006.spd";
  const std::string original = read_file(file);
  const std::string scheme = read_file(source_dir / "tests/serve/wantage_road.json");
  const std::string target = "/v1/rulesets/vale.revised_draft_2006/evaluate";

  // 40% of 60 dwellings: 24.
  Response r = service.handle(post(target, scheme));
  REQUIRE(r.status == 200);
  CHECK(r.body.find("\"24 dwellings\"") != std::string::npos);

  // 35% of 60: 21.
  const std::string thirty_five = vale_at_35_percent(original);
  write(file, thirty_five);
  r = service.handle(post(target, scheme));
  REQUIRE(r.status == 200);
  CHECK(r.body.find("\"21 dwellings\"") != std::string::npos);

  // Into an error: the error is the answer, located in the file; the form stays the last good
  // version's, and says what is wrong with the file.
  write(file, replaced(thirty_five, "affordable_share = 35%", "affordable_share = 35% +"));
  r = service.handle(post(target, scheme));
  CHECK(r.status == 422);
  const json error = body_json(r)["error"];
  CHECK(error["message"] == "the ruleset `vale.revised_draft_2006` has errors");
  REQUIRE(!error["diagnostics"].empty());
  CHECK(error["diagnostics"][0]["span"]["file"].get<std::string>().ends_with(
      "revised_draft_2006.spd"));
  const Response described = service.handle(get("/v1/rulesets/vale.revised_draft_2006"));
  REQUIRE(described.status == 200);
  const json form = body_json(described);
  CHECK(!form["errors"].empty());
  bool share = false;
  for (const auto& p : form["parameters"])
    share |= p["name"] == "affordable_share" && p["value"] == "35%";
  CHECK(share);

  // Mended: answered again.
  write(file, original);
  r = service.handle(post(target, scheme));
  CHECK(r.status == 200);
  CHECK(r.body.find("\"24 dwellings\"") != std::string::npos);

  // Saved as many editors save: written beside, then renamed over the file. 35% again: 21.
  const fs::path beside = file.parent_path() / ".revised_draft_2006.spd.swp";
  std::ofstream(beside, std::ios::binary) << thirty_five;
  fs::rename(beside, file);
  r = service.handle(post(target, scheme));
  REQUIRE(r.status == 200);
  CHECK(r.body.find("\"21 dwellings\"") != std::string::npos);
  write(file, original);
  CHECK(service.handle(post(target, scheme)).body.find("\"24 dwellings\"") != std::string::npos);

  // A ruleset that the file amends is watched too: the first draft edited into errors.
  const fs::path base = root / "vale/first_draft_2004.spd";
  const std::string base_text = read_file(base);
  write(base, base_text + "\nrule broken = nothing_here\n");
  CHECK(service.handle(post(target, scheme)).status == 422);
  write(base, base_text);
  CHECK(service.handle(post(target, scheme)).status == 200);
}

TEST_CASE("service: the watch on the rulesets' folders counts each change made there",
          "[service]") {
  const fs::path folder = work_folder("watch");
  fs::create_directories(folder / "other");
  const fs::path file = folder / "a.spd";
  std::ofstream(file) << "ruleset a.b\n";
  FileWatch watch;
  REQUIRE(watch.watch_folder_of(file));
  const std::uint64_t start = watch.changes();
  CHECK(watch.changes() == start);               // nothing happened
  std::ofstream(folder / "other/b.spd") << "x";  // another folder, not watched
  CHECK(watch.changes() == start);
  std::ofstream(file, std::ios::app) << "\n";  // written in place
  const std::uint64_t written = watch.changes();
  CHECK(written > start);
  std::ofstream(folder / "a.spd.tmp") << "ruleset a.b\n";
  fs::rename(folder / "a.spd.tmp", file);  // replaced
  CHECK(watch.changes() > written);
}

TEST_CASE("service: drafts are written only under --drafts, through a temporary file",
          "[service]") {
  const fs::path work = work_folder("drafts");
  const fs::path drafts = work / "drafts";
  fs::create_directories(drafts);
  ServiceOptions options = shipped_options();

  SECTION("without --drafts, saving is refused with a reason") {
    Service none(options);
    const Response r = none.handle(put("/v1/drafts/mine.spd", "ruleset x.y\n"));
    CHECK(r.status == 403);
    CHECK(error_message(r).find("--drafts") != std::string::npos);
    // The list answers that saving is off (a page asks it on every load).
    const Response listed = none.handle(get("/v1/drafts"));
    CHECK(listed.status == 200);
    CHECK(body_json(listed)["saving"] == false);
    CHECK(body_json(listed)["drafts"].empty());
    CHECK(body_json(listed)["message"].get<std::string>().find("--drafts") != std::string::npos);
  }
  options.drafts = drafts;
  Service service(options);
  const std::string text = "ruleset me.draft\n  title \"A draft\"\n";
  Response r = service.handle(put("/v1/drafts/my_draft-1.spd", text));
  CHECK(r.status == 201);
  CHECK(read_file(drafts / "my_draft-1.spd") == text);
  r = service.handle(put("/v1/drafts/my_draft-1.spd", text + "\n"));
  CHECK(r.status == 200);
  CHECK(service.handle(get("/v1/drafts/my_draft-1.spd")).body == text + "\n");
  const json list = body_json(service.handle(get("/v1/drafts")));
  CHECK(list["saving"] == true);
  REQUIRE(list["drafts"].size() == 1);
  CHECK(list["drafts"][0]["name"] == "my_draft-1.spd");
  // Nothing but the draft itself is left in the folder (the temporary file was renamed).
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(drafts)) ++files;
  CHECK(files == 1);

  for (const std::string& name :
       std::vector<std::string>{"..%2fescape.spd", "..", "x.txt", "a%2fb.spd", ".hidden.spd",
                                std::string(65, 'a') + ".spd", "sp%20ace.spd"}) {
    INFO(name);
    CHECK(service.handle(put("/v1/drafts/" + name, text)).status == 400);
  }
  CHECK(!fs::exists(work / "escape.spd"));
  CHECK(service.handle(put("/v1/drafts/mine.spd", text, "application/json")).status == 415);
  CHECK(service.handle(put("/v1/drafts/mine.spd", "\xff")).status == 400);
  CHECK(service.handle(get("/v1/drafts/absent.spd")).status == 404);
  // A link planted in the folder is neither followed nor replaced.
  fs::create_symlink(work / "outside.spd", drafts / "link.spd");
  CHECK(service.handle(put("/v1/drafts/link.spd", text)).status == 403);
  CHECK(!fs::exists(work / "outside.spd"));
  // The shipped rulesets have no way to be written: no route writes anything else.
  CHECK(service.handle(put("/v1/rulesets/vale.revised_draft_2006/source", text)).status == 405);
}

TEST_CASE(
    "service: a state-changing request from another origin is refused, and no CORS unless "
    "asked",
    "[service]") {
  const std::string body = json{{"source", "ruleset x.y\n  title \"t\"\n"}}.dump();
  Service service(shipped_options());
  service.set_own_origins({"http://127.0.0.1:8080"});
  Request evil = post("/v1/check", body);
  evil.origin = "http://evil.example";
  const Response refused = service.handle(evil);
  CHECK(refused.status == 403);
  CHECK(error_message(refused).find("http://evil.example") != std::string::npos);
  Request own = post("/v1/check", body);
  own.origin = "http://127.0.0.1:8080";
  CHECK(service.handle(own).status == 200);
  Request reading = get("/v1/rulesets");
  reading.origin = "http://evil.example";
  const Response read = service.handle(reading);
  CHECK(read.status == 200);
  for (const auto& [name, value] : read.headers) CHECK(name != "Access-Control-Allow-Origin");

  ServiceOptions with_cors = shipped_options();
  with_cors.cors = "http://evil.example";
  Service cors(with_cors);
  const Response allowed = cors.handle(evil);
  CHECK(allowed.status == 200);
  bool header = false;
  for (const auto& [name, value] : allowed.headers)
    header |= name == "Access-Control-Allow-Origin" && value == "http://evil.example";
  CHECK(header);
}

}  // namespace spdl::serve::testing
