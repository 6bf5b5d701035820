#include "spdl/runtime/report/expression_words.hpp"

#include "spdl/lang/syntax/printer.hpp"
#include "spdl/runtime/report/wording.hpp"

namespace spdl {

const ExpressionWords::Words& ExpressionWords::words(const CheckedRuleset& ruleset, ast::ExprId e) {
  const auto [it, made] = words_.try_emplace(e);
  if (made) {
    it->second.text = print_expression(ruleset.ast(), ruleset.sources(), e);
    it->second.prose = human_expression(it->second.text);
  }
  return it->second;
}

const std::string& ExpressionWords::text(const CheckedRuleset& ruleset, ast::ExprId e) {
  return words(ruleset, e).text;
}

const std::string& ExpressionWords::prose(const CheckedRuleset& ruleset, ast::ExprId e) {
  return words(ruleset, e).prose;
}

}  // namespace spdl
