#include <catch2/catch.hpp>
#include <string>

#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/parser.hpp"

using namespace spdl;

namespace {

struct Parsed {
  SourceSet sources;
  ast::Ast ast;
  ParseResult result;

  explicit Parsed(std::string text) {
    const FileId f = sources.add("test.spd", std::move(text));
    result = parse_module(ast, sources, f);
  }
  std::string first_error() const {
    for (const auto& d : result.diagnostics.all()) {
      if (d.severity == Severity::error) return d.message;
    }
    return "";
  }
  LineColumn first_error_at() const {
    for (const auto& d : result.diagnostics.all()) {
      if (d.severity == Severity::error) return sources.file(d.span.file).position(d.span.begin);
    }
    return {};
  }
  template <typename T>
  const T& decl(std::size_t i) const {
    return std::get<T>(result.module.decls.at(i));
  }
  const ast::NumberLiteral& literal(ast::ExprId e) const { return ast.numbers[ast[e].a]; }
};

}  // namespace

TEST_CASE("the header", "[parser]") {
  Parsed p(R"(ruleset vale.revised_draft_2006
  title     "Affordable Housing: Revised Draft \"SPG\""
  authority "Vale of White Horse District Council"
  status    draft
  published 2006-03-23
  consultation 2006-03-23 to 2006-05-04
  source    "002_ea0a47e12bab0e63.txt"
  amends    vale.first_draft_2004
)");
  REQUIRE(p.result.ok());
  const auto& h = p.result.module.header;
  CHECK(h.id == "vale.revised_draft_2006");
  CHECK(h.title == "Affordable Housing: Revised Draft \"SPG\"");
  CHECK(h.status == ast::Status::draft);
  CHECK(h.amends == "vale.first_draft_2004");
  REQUIRE(h.dates.size() == 2);
  CHECK(h.dates[1].kind == "consultation");
  CHECK(h.dates[1].until.has_value());
  CHECK(ast::event_text(h.dates[0]) == "published 23 March 2006");
  CHECK(ast::event_text(h.dates[1]) == "consultation 23 March 2006 to 4 May 2006");
}

TEST_CASE("a header date may be a month, and an impossible one is reported where written",
          "[parser]") {
  // Harrow's draft SPD is dated "Working Draft, January 2006": a month, no day.
  Parsed month("ruleset harrow.draft\n  status draft\n  published 2006-01\n");
  REQUIRE(month.result.ok());
  const auto& d = month.result.module.header.dates.at(0);
  CHECK(d.month_only);
  CHECK(ast::event_text(d) == "published January 2006");

  Parsed no_month("ruleset t\n\n  published 2006-13\n");
  CHECK(no_month.first_error() == "2006-13 is not a month in the calendar");
  CHECK(no_month.first_error_at().line == 3);
  CHECK(no_month.first_error_at().column == 13);

  Parsed no_day("ruleset t\n  published 2006-01\n  adopted 2006-02-30\n");
  CHECK(no_day.first_error() == "2006-02-30 is not a date in the calendar");
  CHECK(no_day.first_error_at().line == 3);

  Parsed half("ruleset t\n  published 2006-1\n");
  CHECK(half.first_error() == "expected a date written as YYYY-MM-DD, or a month as YYYY-MM");
}

TEST_CASE("literals keep their exact value and unit", "[parser]") {
  Parsed p(R"(ruleset t
parameter a = 3,000 persons
parameter b = 0.5 ha
parameter c = £29,341 per habitable_room
parameter d = 77.17%
parameter e = 3,454 dwellings per year
parameter f = 2006-03-23
parameter g = £1,250,000.50
)");
  REQUIRE(p.result.ok());
  CHECK(p.literal(p.decl<ast::ParameterDecl>(0).value).value == Rational(3000));
  CHECK(p.literal(p.decl<ast::ParameterDecl>(0).value).unit.is(Dimension::person));
  CHECK(p.literal(p.decl<ast::ParameterDecl>(1).value).unit.scale == 4);
  const auto& rate = p.literal(p.decl<ast::ParameterDecl>(2).value);
  CHECK(rate.money);
  CHECK(rate.value == Rational(29341));
  CHECK(unit_name(rate.unit) == "£ per habitable room");
  CHECK(p.literal(p.decl<ast::ParameterDecl>(3).value).value == Rational::fraction(7717, 10000));
  CHECK(p.literal(p.decl<ast::ParameterDecl>(3).value).unit.percent);
  CHECK(unit_name(p.literal(p.decl<ast::ParameterDecl>(4).value).unit) == "dwellings per year");
  CHECK(p.ast[p.decl<ast::ParameterDecl>(5).value].kind == ast::ExprKind::date);
  CHECK(p.literal(p.decl<ast::ParameterDecl>(6).value).value ==
        *Rational::from_decimal("1250000.50"));
}

TEST_CASE("every kind of declaration", "[parser]") {
  Parsed p(R"(ruleset t
use national.scheme
## Documentation for the input.
input viability_accepted : boolean optional default false [SPG 6.6]
parameter share : percent = 40% [H16]
rule required : dwellings [SPG 4.1] =
  if policy_applies then round_half_up(dwellings * share) else 0 dwellings
  exception viability [SPG 6.6-6.9] when viability_accepted then agreed
  exception grant over viability when grant_available then agreed + 1 dwelling
exception lower for required [HOU3] when lower_share_agreed then 0 dwellings
check enough [H16]
  when policy_applies
  require proposed >= required
  else "{required} expected; {proposed} proposed"
table mix [Figure 3]
  | bedrooms   | share |
  |------------|-------|
  | 1 bedroom  | 7%    |
  | 2 bedrooms | 48%   |
enum tenure [PPS3] = social_rent "social rent", market
record row
  bedrooms : bedrooms
  rooms    : habitable_rooms optional default bedrooms * 1 habitable_room per bedroom + 1 habitable_room
shares split of share [5.2]
  social = 30%
  intermediate = 10%
policy H16 "Affordable housing" [H16] applies when policy_applies
override parameter x = 1
remove exception viability for required
)");
  REQUIRE(p.result.ok());
  REQUIRE(p.result.module.decls.size() == 12);
  CHECK(p.result.module.uses.at(0).module == "national.scheme");
  const auto& input = p.decl<ast::InputDecl>(0);
  CHECK(input.optional);
  CHECK(input.doc == "Documentation for the input.");
  CHECK(input.citation->text == "SPG 6.6");
  const auto& rule = p.decl<ast::RuleDecl>(2);
  REQUIRE(rule.exceptions.size() == 2);
  CHECK(rule.exceptions[1].over == "viability");
  CHECK(rule.exceptions[0].citation->text == "SPG 6.6-6.9");
  CHECK(p.decl<ast::ExceptionDecl>(3).clause->target == "required");
  const auto& check = p.decl<ast::CheckDecl>(4);
  REQUIRE(check.message.size() == 4);
  CHECK(check.message[1].text == " expected; ");
  CHECK(p.decl<ast::TableDecl>(5).rows.size() == 2);
  CHECK(p.decl<ast::EnumDecl>(6).members[0].label == "social rent");
  CHECK(p.decl<ast::RecordDecl>(7).fields[1].default_value != ast::no_expr);
  CHECK(p.decl<ast::SharesDecl>(8).parts.size() == 2);
  CHECK(p.decl<ast::PolicyDecl>(9).applies != ast::no_expr);
  CHECK(p.decl<ast::ParameterDecl>(10).is_override);
  CHECK(p.decl<ast::RemoveDecl>(11).rule == "required");
}

TEST_CASE("syntax errors say what was expected, where", "[parser]") {
  SECTION("an if without else points after the last token") {
    Parsed p("ruleset t\nrule a = if x then 1\nrule b = 2\n");
    CHECK(p.first_error() ==
          "expected `else`: every `if` needs one, so the value is always defined");
    CHECK(p.first_error_at().line == 2);
    CHECK(p.first_error_at().column == 21);
  }
  SECTION("an unclosed parenthesis") {
    Parsed p("ruleset t\nparameter b = (1 + 2\n");
    CHECK(p.first_error() == "expected `)` to close the `(`");
  }
  SECTION("an impossible date") {
    Parsed p("ruleset t\nparameter d = 2006-02-30\n");
    CHECK(p.first_error() == "2006-02-30 is not a date in the calendar");
  }
  SECTION("a file without a header") {
    Parsed p("rule a = 1\n");
    CHECK(p.first_error().find("a spdl file starts with `ruleset <id>`") == 0);
  }
  SECTION("a misspelt declaration keyword") {
    Parsed p("ruleset t\nrul a = 1\n");
    REQUIRE(p.result.diagnostics.all().size() == 1);
    CHECK(p.result.diagnostics.all()[0].hint == "did you mean `rule`?");
  }
  SECTION("a keyword cannot be a name") {
    Parsed p("ruleset t\nparameter rule = 1\n");
    CHECK(p.first_error() == "expected a name (letters, digits and `_`, not a keyword)");
  }
}

TEST_CASE("parsing resumes at the next declaration after an error", "[parser]") {
  Parsed p(
      "ruleset t\nrule a = if x then 1\nparameter b = (1 + 2\nrule c = 3\nrule d = * 4\nrule e = "
      "5\n");
  CHECK(p.result.diagnostics.error_count() == 3);
  REQUIRE(p.result.module.decls.size() == 2);  // c and e survive
  CHECK(ast::common(p.result.module.decls[0]).name == "c");
  CHECK(ast::common(p.result.module.decls[1]).name == "e");
}

TEST_CASE("limits on hostile input", "[parser][limits]") {
  SECTION("nesting is bounded, one parenthesis per line") {
    std::string deep = "ruleset t\nrule x = ";
    for (int i = 0; i < 100000; ++i) deep += "(\n";
    deep += "1";
    Parsed p(deep);
    CHECK(p.first_error().find("nested too deeply (more than 64 levels") != std::string::npos);
    // Reported just after the 64th `(`, which stands on line 65.
    CHECK(p.first_error_at().line == 1 + limits::max_nesting_depth);
  }
  SECTION("exactly the limit is accepted") {
    std::string ok = "ruleset t\nrule x = ";
    for (std::size_t i = 0; i + 1 < limits::max_nesting_depth; ++i) ok += "(";
    ok += "1";
    for (std::size_t i = 0; i + 1 < limits::max_nesting_depth; ++i) ok += ")";
    CHECK(Parsed(ok).result.ok());
  }
  SECTION("long operator chains are bounded") {
    std::string chain = "ruleset t\nrule x = 1";
    for (int i = 0; i < 300; ++i) chain += "\n + 1";
    CHECK(Parsed(chain).first_error().find(
              "too long or too deeply nested (more than 256 levels)") != std::string::npos);
  }
  SECTION("numbers have at most 40 digits") {
    CHECK(Parsed("ruleset t\nparameter p = " + std::string(40, '9') + "\n").result.ok());
    CHECK(Parsed("ruleset t\nparameter p = " + std::string(10000, '9') + "\n").first_error() ==
          "this number has 10000 digits; spdl allows at most 40");
  }
  SECTION("lines and files have a size limit") {
    CHECK(Parsed("ruleset t\n# " + std::string(limits::max_line_bytes, 'x') + "\n")
              .first_error()
              .find("this line is") == 0);
    std::string big = "ruleset t\n";
    while (big.size() <= limits::max_source_bytes)
      big += "# padding padding padding padding padding padding\n";
    CHECK(Parsed(big).first_error().find("this file is") == 0);
  }
  SECTION("invalid UTF-8 and NUL bytes are refused") {
    CHECK(Parsed("ruleset t\nparameter p = \xC3\x28\n").first_error() ==
          "this file is not valid UTF-8");
    CHECK(Parsed(std::string("ruleset t\n\0", 11)).first_error() ==
          "this file contains a NUL byte; a ruleset is plain text");
  }
}
