#pragma once
// The words of a ruleset's expressions, which are the same for every scheme: an expression's text
// as written ("dwellings >= urban_threshold") and as a sentence reads it ("dwellings >= urban
// threshold"). Why a policy applies names them for every report; printing them again for each
// scheme was most of that work. A service keeps one for each program (beside its RuleUsers) and
// passes it to each report (ReportOptions::words); each expression is printed when first asked.

#include <string>
#include <unordered_map>

#include "spdl/lang/check/checked.hpp"

namespace spdl {

class ExpressionWords {
 public:
  // For expressions of `ruleset` only: the words are kept by the expression's id.
  const std::string& text(const CheckedRuleset& ruleset, ast::ExprId e);
  const std::string& prose(const CheckedRuleset& ruleset, ast::ExprId e);

 private:
  struct Words {
    std::string text;
    std::string prose;
  };
  const Words& words(const CheckedRuleset& ruleset, ast::ExprId e);
  std::unordered_map<ast::ExprId, Words> words_;
};

}  // namespace spdl
