// The compact forms a loaded ruleset keeps (issue 12's memory goal): each must read back exactly
// what was put in, past the sizes where its layout changes.
#include <catch2/catch.hpp>
#include <string>

#include "spdl/lang/base/rational.hpp"
#include "spdl/lang/check/checked.hpp"
#include "spdl/lang/check/types.hpp"
#include "spdl/lang/syntax/ast.hpp"
#include "spdl/runtime/ir/program.hpp"

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

TEST_CASE("expression types read back after shrink_to_fit keeps them in a byte", "[memory]") {
  ExprTypes types;
  types.assign(1'000, Type::error());
  for (std::uint32_t e = 0; e < 1'000; e += 3) types.set(e, Type::record(e % 200));
  types.shrink_to_fit();  // 201 distinct types: one byte an expression
  CHECK(types.size() == 1'000);
  for (std::uint32_t e = 0; e < 1'000; ++e)
    CHECK(types[e] == (e % 3 == 0 ? Type::record(e % 200) : Type::error()));
  for (std::uint32_t e = 0; e < 300; ++e) types.set(e, Type::enumeration(e));  // 300 types now
  CHECK(types[299] == Type::enumeration(299));
  CHECK(types[999] == Type::record(999 % 200));
  types.shrink_to_fit();  // too many for a byte: two bytes again
  CHECK(types[0] == Type::enumeration(0));
  CHECK(types[301] == Type::error());
}

TEST_CASE("expression symbols read back after compact(), and writes expand them", "[memory]") {
  ExprSymbols symbols;
  symbols.assign(1'000);
  // Symbols on both sides of each 64-expression word, and none elsewhere.
  for (std::uint32_t e = 0; e < 1'000; e += 7) symbols[e] = {SymbolKind::parameter, e, 0};
  symbols[63] = {SymbolKind::enum_member, 5, (1u << 24) - 1};
  symbols[64] = {SymbolKind::field, 2, 3};
  symbols.compact();
  const ExprSymbols& read = symbols;
  CHECK(read.size() == 1'000);
  for (std::uint32_t e = 0; e < 1'000; ++e) {
    const Symbol& s = read[e];
    if (e == 63) {
      CHECK((s.kind == SymbolKind::enum_member && s.index == 5 && s.sub == (1u << 24) - 1));
    } else if (e == 64) {
      CHECK((s.kind == SymbolKind::field && s.index == 2 && s.sub == 3));
    } else if (e % 7 == 0) {
      CHECK((s.kind == SymbolKind::parameter && s.index == e));
    } else {
      CHECK(s.kind == SymbolKind::none);
    }
  }
  symbols[1] = {SymbolKind::rule, 9, 0};  // a write after compact(): the table is whole again
  CHECK(read[1].kind == SymbolKind::rule);
  CHECK(read[7].index == 7);
  CHECK(read[2].kind == SymbolKind::none);
}

TEST_CASE("initial slots read back the setup's run, the scattered literals and Value{} else",
          "[memory]") {
  InitialSlots slots;
  slots.assign({Value::of(Rational(1)), Value::boolean(true)},
               {{5, Value::of(Rational(7))}, {9, Value::member(3)}}, 12);
  CHECK(slots.size() == 12);
  CHECK(slots[0].number == Rational(1));
  CHECK(slots[1].truthy());
  CHECK(slots[5].number == Rational(7));
  CHECK(slots[9].aux == 3);
  for (const SlotId s : {2u, 4u, 6u, 8u, 10u, 11u}) {
    CHECK(slots[s].state == ValueState::unknown);
    CHECK(slots[s].kind == ValueKind::none);
  }
  std::vector<Value> all;
  slots.copy_to(all);
  REQUIRE(all.size() == 12);
  CHECK(all[5].number == Rational(7));
  CHECK(all[9].kind == ValueKind::enumeration);
  CHECK(all[3].kind == ValueKind::none);
}

TEST_CASE("a rule without exceptions keeps no lists, and its default has no children", "[memory]") {
  RuleStep plain;
  CHECK(plain.exceptions.empty());
  CHECK(plain.children_of(-1).empty());
  RuleStep refined;
  refined.exceptions.push_back({1, 2, -1});
  refined.exceptions.push_back({3, 4, 0});
  refined.children.resize(3);
  refined.children[2].push_back(0);  // the default's: exception 0
  refined.children[0].push_back(1);  // exception 0's: exception 1
  const RuleStep copy = refined;     // copies are deep
  refined.children[0].clear();
  CHECK(copy.exceptions.size() == 2);
  CHECK(copy.exceptions[1].parent == 0);
  CHECK(copy.children_of(-1) == std::vector<std::uint32_t>{0});
  CHECK(copy.children_of(0) == std::vector<std::uint32_t>{1});
  CHECK(copy.children_of(1).empty());
}
