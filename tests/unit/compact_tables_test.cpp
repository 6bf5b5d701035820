// The compact forms a loaded ruleset keeps (issue 12's memory goal): each must read back exactly
// what was put in, past the sizes where its layout changes.
#include <catch2/catch.hpp>
#include <string>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/lang/check/types.hpp"
#include "spdl/lang/syntax/ast.hpp"

using namespace spdl;

TEST_CASE("the name table gives each name one id, across its growth", "[memory]") {
  ast::NameTable names;
  // 10,000 names: the index grows from 64 slots to 32,768 on the way.
  for (int i = 0; i < 10'000; ++i)
    CHECK(names.intern("name_" + std::to_string(i)) == ast::NameId(i));
  for (int i = 0; i < 10'000; i += 997) {
    CHECK(names.intern("name_" + std::to_string(i)) == ast::NameId(i));
    CHECK(names[ast::NameId(i)] == "name_" + std::to_string(i));
  }
  CHECK(names.size() == 10'000);
  names.shrink_to_fit();
  CHECK(names.intern("name_42") == 42);
  CHECK(names.intern("") == 10'000);  // the empty name is a name like any other
}

TEST_CASE("expression types read back as set, past 65,536 distinct types", "[memory]") {
  ExprTypes types;
  types.assign(70'000, Type::error());
  types.set(3, Type::number(Unit::percentage()));
  types.set(4, Type::number(Unit::percentage()));
  CHECK(types[3] == Type::number(Unit::percentage()));
  CHECK(types[5] == Type::error());
  // A distinct type for each expression (a record of each index): the index widens to 32 bits.
  for (std::uint32_t e = 0; e < 70'000; ++e) types.set(e, Type::record(e));
  types.shrink_to_fit();
  CHECK(types.size() == 70'000);
  for (std::uint32_t e = 0; e < 70'000; e += 6'999) CHECK(types[e] == Type::record(e));
  types.set(1, Type::boolean());  // after shrink_to_fit the index of distinct types is rebuilt
  CHECK(types[1] == Type::boolean());
  CHECK(types[2] == Type::record(2));
}

TEST_CASE("a symbol keeps its kind, index and a member of 24 bits", "[memory]") {
  const Symbol s{SymbolKind::enum_member, 0xFFFFFFFF, (1u << 24) - 1};
  CHECK(s.kind == SymbolKind::enum_member);
  CHECK(s.index == 0xFFFFFFFF);
  CHECK(s.sub == (1u << 24) - 1);
  CHECK(Symbol{}.kind == SymbolKind::none);
  CHECK(sizeof(Symbol) == 8);
}

TEST_CASE("a rational too large for 64 bits survives copies and moves", "[memory][rational]") {
  const Rational big = *Rational::from_decimal("123456789012345678901234567890.5");
  Rational copy = big;
  CHECK(copy == big);
  CHECK_FALSE(copy.is_small());
  Rational moved = std::move(copy);
  CHECK(moved == big);
  Rational small(7);
  small = big;
  CHECK(small.to_fraction() == "246913578024691357802469135781/2");
  small = Rational(7);
  CHECK(small == Rational(7));
  CHECK(big > Rational(1));
  CHECK(big - big == Rational(0));
  CHECK(sizeof(Rational) == 16);
}

TEST_CASE("a boxed clause and a declaration's doc text copy deeply", "[memory]") {
  ast::ExceptionDecl a;
  a.clause->label = "viability";
  a.doc += "Where the scheme";
  a.doc += ' ';
  a.doc += "is unviable.";
  ast::ExceptionDecl b = a;
  b.clause->label = "other";
  b.doc += " More.";
  CHECK(a.clause->label == "viability");
  CHECK(a.doc == "Where the scheme is unviable.");
  CHECK(b.doc == "Where the scheme is unviable. More.");
  CHECK(ast::DeclCommon{}.doc.empty());
}
