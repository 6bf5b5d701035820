// The API through Service::handle, without sockets: every endpoint's answer and every error
// status. Figures come from the Vale's revised draft (rulesets/vale/revised_draft_2006.spd):
// 40% of Wantage Road's 60 dwellings is 24 affordable dwellings (H16; SPG 4.1).

#include <catch2/catch.hpp>

#include "serve_process.hpp"
#include "service_fixture.hpp"

namespace spdl::serve::testing {

namespace {

using nlohmann::json;
const std::string vale = "vale.revised_draft_2006";
const std::string evaluate_vale = "/v1/rulesets/" + vale + "/evaluate";

Service& shipped() {
  static Service service(shipped_options());
  return service;
}

std::string wantage_road() {
  return read_file(source_dir / "tests/serve/wantage_road.json");
}

const json* find_named(const json& list, const std::string& name, const char* key = "name") {
  for (const auto& item : list) {
    if (item.contains(key) && item[key] == name) return &item;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("service: GET /v1/rulesets lists each ruleset with the version in force", "[service]") {
  // The revised draft is a material consideration from 4 May 2006 (its header); on 1 June 2006 it
  // is the Vale's version in force, and the first draft is not.
  const Response r = shipped().handle(get("/v1/rulesets?on=2006-06-01"));
  REQUIRE(r.status == 200);
  const json body = body_json(r);
  CHECK(body["on"] == "2006-06-01");
  const json* revised = find_named(body["rulesets"], vale, "id");
  REQUIRE(revised);
  CHECK((*revised)["in_force"] == true);
  CHECK((*revised)["authority_id"] == "vale");
  CHECK((*revised)["amends"] == "vale.first_draft_2004");
  CHECK((*revised)["dates"]["material"] == "2006-05-04");
  CHECK((*revised)["has_tests"] == true);
  const json* first = find_named(body["rulesets"], "vale.first_draft_2004", "id");
  REQUIRE(first);
  CHECK((*first)["in_force"] == false);
  // The Grove annexe gives no date of its own: its reason is its line's, which names the version
  // in force (it amends the revised draft, which amends the first draft).
  const json* grove = find_named(body["rulesets"], "vale.grove_annexe_a", "id");
  REQUIRE(grove);
  CHECK((*grove)["in_force"] == false);
  CHECK((*grove)["in_force_reason"].get<std::string>().starts_with(
      "vale.revised_draft_2006 (a material consideration from 4 May 2006) was the version in force "
      "on 1 June 2006"));
  CHECK((*first)["in_force_reason"].get<std::string>().find("in place of") != std::string::npos);

  const Response bad = shipped().handle(get("/v1/rulesets?on=2006-13-01"));
  CHECK(bad.status == 400);
  CHECK(error_message(bad) == "on=2006-13-01 is not a date: there is no month 13");
  CHECK(error_message(shipped().handle(get("/v1/rulesets?on=2026-02-30"))) ==
        "on=2026-02-30 is not a date: February 2026 has 28 days");  // 2026 is no leap year
  CHECK(error_message(shipped().handle(get("/v1/rulesets?on=30/06/2006"))) ==
        "on=30/06/2006 is not a date: write it YYYY-MM-DD");
  const Response empty = shipped().handle(get("/v1/rulesets?on="));
  CHECK(empty.status == 400);
  CHECK(error_message(empty) == "on= is empty: give a date, YYYY-MM-DD, or leave on out");
}

TEST_CASE("service: a query parameter the endpoint does not read is refused, not ignored",
          "[service]") {
  const std::string evaluate_vale = "/v1/rulesets/vale.revised_draft_2006/evaluate";
  const Response typo = shipped().handle(post(evaluate_vale + "?explian=true", wantage_road()));
  CHECK(typo.status == 400);
  CHECK(error_message(typo) ==
        "`explian` is not a parameter of this endpoint (did you mean "
        "`explain`?)");
  const Response maybe = shipped().handle(post(evaluate_vale + "?explain=maybe", wantage_road()));
  CHECK(maybe.status == 400);
  CHECK(error_message(maybe) == "explain=maybe is not a flag: write explain=true or explain=false");
  CHECK(shipped().handle(post(evaluate_vale + "?explain=false", wantage_road())).status == 200);
  // Empty, ?on= would have named no version: it was answered 404 for the authority's id.
  const Response no_day = shipped().handle(post("/v1/rulesets/vale/evaluate?on=", wantage_road()));
  CHECK(no_day.status == 400);
  const Response none = shipped().handle(get("/v1/rulesets/vale.revised_draft_2006?on=2006-06-01"));
  CHECK(none.status == 400);
  CHECK(error_message(none) == "`on` is not a parameter of this endpoint (it takes none)");
}

TEST_CASE("service: GET /v1/rulesets/{id} describes what a form needs", "[service]") {
  const Response r = shipped().handle(get("/v1/rulesets/" + vale));
  REQUIRE(r.status == 200);
  const json body = body_json(r);
  CHECK(body["id"] == vale);
  CHECK(body["errors"].empty());
  const json* dwellings = find_named(body["inputs"], "dwellings");
  REQUIRE(dwellings);
  CHECK((*dwellings)["type"] == "number");
  CHECK((*dwellings)["unit"] == "dwellings");
  const json* schedule = find_named(body["inputs"], "schedule");
  REQUIRE(schedule);
  CHECK((*schedule)["type"] == "schedule");
  const json* tenure = find_named((*schedule)["fields"], "tenure");
  REQUIRE(tenure);
  CHECK((*tenure)["type"] == "enum");
  CHECK(find_named((*tenure)["members"], "social_rent"));
  // `override parameter affordable_share = 40% [H16; SPG 4.1]`
  const json* share = find_named(body["parameters"], "affordable_share");
  REQUIRE(share);
  CHECK((*share)["value"] == "40%");
  CHECK((*share)["citation"] == "H16; SPG 4.1");
  CHECK(find_named(body["policies"], "H16"));

  CHECK(shipped().handle(get("/v1/rulesets/no.such_ruleset")).status == 404);
  const Response source = shipped().handle(get("/v1/rulesets/" + vale + "/source"));
  CHECK(source.status == 200);
  CHECK(source.body == read_file(source_dir / "rulesets/vale/revised_draft_2006.spd"));
  const Response tests = shipped().handle(get("/v1/rulesets/" + vale + "/tests"));
  CHECK(tests.status == 200);
  CHECK(tests.body == read_file(source_dir / "rulesets/vale/revised_draft_2006.test.yaml"));
}

TEST_CASE("service: evaluate gives the report, in each format, on the version in force",
          "[service]") {
  const Response r = shipped().handle(post(evaluate_vale, wantage_road()));
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/json");
  CHECK(body_json(r)["format"] == "spdl-report/1");
  CHECK(r.body.find("\"24 dwellings\"") != std::string::npos);

  const Response md = shipped().handle(post(evaluate_vale + "?format=markdown", wantage_road()));
  CHECK(md.status == 200);
  CHECK(md.content_type.starts_with("text/markdown"));
  const Response html = shipped().handle(post(evaluate_vale + "?format=html", wantage_road()));
  CHECK(html.content_type.starts_with("text/html"));
  CHECK(shipped().handle(post(evaluate_vale + "?format=pdf", wantage_road())).status == 400);

  // ?on= with the authority's id: in 2005 the first draft was in force (published June 2004).
  // It reads fewer inputs than the scheme gives (so allow_unknown_keys), and asks 50% (its para
  // 1.2): 30 of the 60 dwellings.
  const Response refused =
      shipped().handle(post("/v1/rulesets/vale/evaluate?on=2005-01-01", wantage_road()));
  CHECK(refused.status == 422);
  const Response early = shipped().handle(
      post("/v1/rulesets/vale/evaluate?on=2005-01-01&allow_unknown_keys=true", wantage_road()));
  REQUIRE(early.status == 200);
  const json report = body_json(early);
  CHECK(report["ruleset"]["id"] == "vale.first_draft_2004");
  CHECK(report["in_force"]["on"] == "2005-01-01");
  CHECK(early.body.find("\"30 dwellings\"") != std::string::npos);
  const Response late =
      shipped().handle(post("/v1/rulesets/vale/evaluate?on=2006-06-01", wantage_road()));
  REQUIRE(late.status == 200);
  CHECK(body_json(late)["ruleset"]["id"] == vale);
  CHECK(shipped().handle(post("/v1/rulesets/nowhere/evaluate?on=2006-06-01", "{}")).status == 404);
}

TEST_CASE("service: a scheme that is not JSON, or does not fit, is refused with located errors",
          "[service]") {
  SECTION("malformed JSON is a 400 with its line and column") {
    const Response r =
        shipped().handle(post(evaluate_vale, "{\"dwellings\": 60,\n \"site_area\" }"));
    CHECK(r.status == 400);
    const json d = body_json(r)["error"]["diagnostics"][0];
    CHECK(d["code"] == "invalid-json");
    CHECK(d["span"]["begin"]["line"] == 2);
  }
  SECTION("truncated JSON") {
    CHECK(shipped().handle(post(evaluate_vale, "{\"dwellings\": 6")).status == 400);
  }
  SECTION("a key given twice is refused, not the last one taken") {
    const Response r =
        shipped().handle(post(evaluate_vale, "{\"dwellings\": 60, \"dwellings\": 6}"));
    CHECK(r.status == 400);
    CHECK(body_json(r)["error"]["diagnostics"][0]["message"] ==
          "the key \"dwellings\" is given twice in one object");
    CHECK(body_json(r)["error"]["diagnostics"][0]["span"]["begin"]["column"] == 19);
  }
  SECTION("invalid UTF-8") {
    const Response r = shipped().handle(post(evaluate_vale, "{\"name\": \"\xff\xfe\"}"));
    CHECK(r.status == 400);
    CHECK(body_json(r)["error"]["diagnostics"][0]["code"] == "invalid-utf8");
  }
  SECTION("the wrong content type is a 415") {
    CHECK(shipped().handle(post(evaluate_vale, wantage_road(), "text/plain")).status == 415);
    CHECK(shipped().handle(post(evaluate_vale, wantage_road(), "")).status == 415);
  }
  SECTION("a key that is no input: 422 with its did-you-mean") {
    const Response r = shipped().handle(post(evaluate_vale, "{\"dwelings\": 60}"));
    CHECK(r.status == 422);
    const json d = body_json(r)["error"]["diagnostics"][0];
    CHECK(d["message"] == "`dwelings` is not an input of this ruleset");
    CHECK(d["hint"] == "did you mean `dwellings`?");
    CHECK(d["span"]["file"] == "request body");
  }
  SECTION("a value of the wrong type: 422") {
    const Response r = shipped().handle(post(evaluate_vale, "{\"dwellings\": \"sixty\"}"));
    CHECK(r.status == 422);
    CHECK(body_json(r)["error"]["diagnostics"][0]["message"] ==
          "dwellings: expected a whole number of dwellings, got \"sixty\"");
  }
  SECTION("a scheme that is not an object") {
    CHECK(shipped().handle(post(evaluate_vale, "[1, 2]")).status == 422);
  }
}

TEST_CASE("service: routes: 404 for none, 405 with Allow for the wrong method", "[service]") {
  CHECK(shipped().handle(get("/v1/nothing")).status == 404);
  const Response r = shipped().handle(get(evaluate_vale));
  CHECK(r.status == 405);
  bool allow = false;
  for (const auto& [name, value] : r.headers) allow |= name == "Allow" && value == "POST";
  CHECK(allow);
  CHECK(shipped().handle(Request{"DELETE", "/", "", std::nullopt, ""}).status == 405);
  CHECK(shipped().handle(get("http://elsewhere/")).status == 400);
  CHECK(shipped().handle(get("/v1/rulesets/%zz")).status == 400);
}

TEST_CASE("service: ids and static paths never reach outside the folders served", "[service]") {
  for (const std::string target :
       {"/v1/rulesets/..%2f..%2fetc%2fpasswd", "/v1/rulesets/%2e%2e%2f%2e%2e%2fetc%2fpasswd/source",
        "/v1/rulesets/../../etc/passwd/source", "/static/../../../etc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd", "/static/..%2f..%2fCMakeLists.txt",
        "/codemirror/../../../etc/passwd", "/static/.hidden", "/v1/drafts/..%2fx.spd",
        "/v1/examples/portfolios/..%2f..%2fetc%2fpasswd"}) {
    INFO(target);
    const Response r = shipped().handle(get(target));
    CHECK((r.status == 404 || r.status == 400 || r.status == 403));
    CHECK(r.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("service: POST /v1/check answers as spdl check --format json", "[service]") {
  const std::string source = read_file(source_dir / "rulesets/vale/revised_draft_2006.spd");
  const Response good =
      shipped().handle(post("/v1/check", json{{"source", source}, {"name", "revised.spd"}}.dump()));
  REQUIRE(good.status == 200);
  CHECK(body_json(good)["files"][0]["errors"] == 0);
  CHECK(body_json(good)["files"][0]["file"] == "revised.spd");

  // A misspelt name: located at its line.
  const std::string typo = "ruleset x.y\n  title \"t\"\n\nparameter p = 1\nrule r = q + 1\n";
  const Response bad = shipped().handle(post("/v1/check", json{{"source", typo}}.dump()));
  REQUIRE(bad.status == 200);
  const json file = body_json(bad)["files"][0];
  CHECK(file["errors"] == 1);
  CHECK(file["diagnostics"][0]["span"]["begin"]["line"] == 5);

  CHECK(shipped().handle(post("/v1/check", "{\"name\": \"x.spd\"}")).status == 400);
  CHECK(shipped().handle(post("/v1/check", json{{"source", 1}}.dump())).status == 400);
  CHECK(shipped().handle(post("/v1/check", json{{"source", ""}, {"path", "/etc"}}.dump())).status ==
        400);
}

TEST_CASE("service: 100,000 nested parentheses: the parser's depth diagnostic, no overflow",
          "[service]") {
  std::string source = "ruleset x.deep\n  title \"t\"\n\nparameter p = ";
  for (int i = 0; i < 100000; ++i) source += "(\n";
  source += "1";
  for (int i = 0; i < 100000; ++i) source += ")\n";
  const Response checked = shipped().handle(post("/v1/check", json{{"source", source}}.dump()));
  REQUIRE(checked.status == 200);
  CHECK(body_json(checked)["files"][0]["diagnostics"][0]["message"].get<std::string>().starts_with(
      "this is nested too deeply"));
  const Response evaluated = shipped().handle(
      post("/v1/evaluate", json{{"source", source}, {"scheme", json::object()}}.dump()));
  CHECK(evaluated.status == 422);
  CHECK(body_json(evaluated)["error"]["diagnostics"][0]["message"].get<std::string>().starts_with(
      "this is nested too deeply"));
}

TEST_CASE("service: POST /v1/evaluate evaluates a source that amends a served ruleset",
          "[service]") {
  // The revised draft with 35% for 40%: 35% of 60 dwellings is 21.
  const std::string source =
      vale_at_35_percent(read_file(source_dir / "rulesets/vale/revised_draft_2006.spd"));
  // The one edit leaves the source clean: no error and no warning.
  const Response checked = shipped().handle(post("/v1/check", json{{"source", source}}.dump()));
  REQUIRE(checked.status == 200);
  CHECK(body_json(checked)["files"][0]["diagnostics"].empty());
  const std::string body =
      "{\"source\": " + json(source).dump() + ",\n\"scheme\": " + wantage_road() + "}";
  const Response r = shipped().handle(post("/v1/evaluate", body));
  REQUIRE(r.status == 200);
  CHECK(r.body.find("\"21 dwellings\"") != std::string::npos);

  // A scheme error points into the body, at the scheme's own line.
  const Response bad = shipped().handle(post(
      "/v1/evaluate", "{\"source\": " + json(source).dump() + ",\n\"scheme\": {\"dwelings\": 1}}"));
  CHECK(bad.status == 422);
  CHECK(body_json(bad)["error"]["diagnostics"][0]["span"]["begin"]["line"] == 2);
  CHECK(shipped().handle(post("/v1/evaluate", json{{"source", source}}.dump())).status == 400);
}

TEST_CASE("service: POST /v1/test runs a source's cases", "[service]") {
  const std::string source = read_file(source_dir / "rulesets/vale/revised_draft_2006.spd");
  const std::string tests = read_file(source_dir / "rulesets/vale/revised_draft_2006.test.yaml");
  // Its cases name schemes beside it (`scheme_file: schemes/wantage_road.yaml`): read from the
  // served ruleset's folder when the request says whose tests they are.
  const Response r = shipped().handle(post(
      "/v1/test",
      json{{"source", source}, {"tests", tests}, {"files_of", "vale.revised_draft_2006"}}.dump()));
  REQUIRE(r.status == 200);
  const json summary = body_json(r)["summary"];
  CHECK(summary["failed"] == 0);
  CHECK(summary["passed"] == summary["cases"]);
  CHECK(summary["cases"].get<int>() > 0);
  // Without it, the case that names a file fails, saying why; the others pass.
  const Response alone =
      shipped().handle(post("/v1/test", json{{"source", source}, {"tests", tests}}.dump()));
  REQUIRE(alone.status == 200);
  CHECK(body_json(alone)["summary"]["failed"] == 1);
  CHECK(alone.body.find("give the scheme inline") != std::string::npos);
  // And never a file outside the rulesets served, whoever's tests they claim to be.
  for (const std::string path : {"/etc/passwd", "../../../../etc/passwd", "../../CMakeLists.txt"}) {
    const std::string file_case =
        "ruleset: x.spd\ncases:\n  - name: a\n    scheme_file: " + path + "\n    expect: {}\n";
    const Response refused = shipped().handle(
        post("/v1/test",
             json{{"source", source}, {"tests", file_case}, {"files_of", "vale.revised_draft_2006"}}
                 .dump()));
    INFO(path);
    REQUIRE(refused.status == 200);
    CHECK(refused.body.find("give the scheme inline") != std::string::npos);
    CHECK(refused.body.find("root:") == std::string::npos);
  }
}

TEST_CASE("service: diff, compare and sweep answer as the commands do", "[service]") {
  // The revised draft against the draft it amends (old left out).
  const Response diff = shipped().handle(post("/v1/diff", json{{"new", {{"id", vale}}}}.dump()));
  REQUIRE(diff.status == 200);
  CHECK(diff.body == spdl_output({"diff", "rulesets/vale/first_draft_2004.spd",
                                  "rulesets/vale/revised_draft_2006.spd", "--format", "json"},
                                 source_dir));
  const Response md =
      shipped().handle(post("/v1/diff?format=markdown", json{{"new", {{"id", vale}}}}.dump()));
  CHECK(md.content_type.starts_with("text/markdown"));

  const Response compare = shipped().handle(
      post("/v1/compare", json{{"old", {{"id", "braintree.core_strategy_2009"}}},
                               {"new", {{"id", "braintree.rejected_option_2009"}}},
                               {"portfolio", {{"id", "braintree/land_supply_2009_sites"}}}}
                              .dump()));
  REQUIRE(compare.status == 200);
  const json c = body_json(compare);
  CHECK(c["schemes"] == 199);  // the land supply's 199 sites (rulesets/braintree/README.md)
  const Response csv = shipped().handle(
      post("/v1/compare",
           json{{"old", {{"id", "braintree.core_strategy_2009"}}},
                {"new", {{"id", "braintree.rejected_option_2009"}}},
                {"portfolio", {{"csv", "name,location,dwellings,site_area\na,ashen,3,0.1 ha\n"}}}}
               .dump()));
  CHECK(csv.status == 200);
  CHECK(body_json(csv)["schemes"] == 1);

  const Response sweep =
      shipped().handle(post("/v1/sweep", json{{"ruleset", {{"id", vale}}},
                                              {"scheme", {{"settlement_population", 5000}}},
                                              {"vary", "dwellings=1..47"}}
                                             .dump()));
  REQUIRE(sweep.status == 200);
  CHECK(body_json(sweep)["format"].get<std::string>().starts_with("spdl-sweep"));
  const Response svg = shipped().handle(
      post("/v1/sweep?format=svg", json{{"ruleset", {{"id", vale}}},
                                        {"scheme", {{"settlement_population", 5000}}},
                                        {"vary", "dwellings=1..47"}}
                                       .dump()));
  CHECK(svg.content_type == "image/svg+xml");
  CHECK(svg.body.starts_with("<svg"));
  CHECK(shipped()
            .handle(post("/v1/sweep", json{{"ruleset", {{"id", vale}}}, {"vary", "x"}}.dump()))
            .status == 400);
  // Its errors name the body's fields, not the command's options.
  const Response downward =
      shipped().handle(post("/v1/sweep", json{{"ruleset", {{"id", vale}}},
                                              {"scheme", {{"settlement_population", 5000}}},
                                              {"vary", "dwellings=47..1"}}
                                             .dump()));
  CHECK(downward.status == 422);
  CHECK(error_message(downward) ==
        "\"vary\" dwellings: the range must go up, by a step above zero");
  CHECK(downward.body.find("--vary") == std::string::npos);
}

TEST_CASE("service: batch answers JSON Lines, a line each, as spdl batch", "[service]") {
  const std::string lines = "{\"dwellings\": 60, \"settlement_population\": 11000}\nnot json\n";
  const Response r =
      shipped().handle(post("/v1/rulesets/" + vale + "/batch", lines, "application/x-ndjson"));
  REQUIRE(r.status == 200);
  CHECK(r.content_type == "application/x-ndjson");
  CHECK(std::count(r.body.begin(), r.body.end(), '\n') == 2);
  CHECK(shipped().handle(post("/v1/rulesets/" + vale + "/batch", lines)).status == 415);
}

TEST_CASE("service: examples list the shipped schemes and portfolios", "[service]") {
  const Response r = shipped().handle(get("/v1/examples"));
  REQUIRE(r.status == 200);
  const json body = body_json(r);
  const json* wantage = find_named(body["schemes"], "vale/wantage_road", "id");
  REQUIRE(wantage);
  CHECK((*wantage)["scheme"]["dwellings"] == 60);
  const json* sites = find_named(body["portfolios"], "braintree/land_supply_2009_sites", "id");
  REQUIRE(sites);
  CHECK((*sites)["count"] == 199);
  const Response text =
      shipped().handle(get("/v1/examples/portfolios/braintree/land_supply_2009_sites"));
  CHECK(text.status == 200);
  CHECK(text.body == read_file(source_dir / "rulesets/braintree/land_supply_2009_sites.csv"));
  CHECK(shipped().handle(get("/v1/examples/portfolios/vale/wantage_road")).status == 404);
}

TEST_CASE("service: the benchmark's floor only when asked for, 4 KiB or ?bytes=N", "[service]") {
  CHECK(shipped().handle(get("/bench/floor")).status == 404);
  ServiceOptions options = shipped_options();
  options.bench_floor = true;
  Service with_floor(options);
  CHECK(with_floor.handle(get("/bench/floor")).body == std::string(4096, 'x'));
  CHECK(with_floor.handle(get("/bench/floor?bytes=34210")).body.size() == 34210);
  CHECK(with_floor.handle(get("/bench/floor?bytes=0")).body.empty());
  for (const char* bad : {"/bench/floor?bytes=", "/bench/floor?bytes=-1", "/bench/floor?bytes=1e3",
                          "/bench/floor?bytes=1048577", "/bench/floor?bytes=99999999999"})
    CHECK(with_floor.handle(get(bad)).status == 400);
}

}  // namespace spdl::serve::testing
