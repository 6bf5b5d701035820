#pragma once
// Building the citation index from checked rulesets and what their test cases exercised.

#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/analysis/cite.hpp"

namespace spdl {

// A test case and the declarations it exercised, each by where it is written: the canonical path
// of its file and the byte offset where it begins (runtime/testing's CaseCoverage).
struct ExercisingCase {
  TestCaseRef test;
  std::vector<std::pair<std::string, std::uint32_t>> exercised;
};

struct CitationSources {
  std::vector<const CheckedRuleset*> rulesets;  // in the order named
  std::vector<std::string> test_files;          // as shown
  std::vector<ExercisingCase> cases;
  // How a file is shown, from its canonical path.
  std::function<std::string(const std::string&)> show;
};

// Every declaration of each ruleset and of the rulesets it amends (not of the modules it uses)
// that carries a citation, each once; its citation read into paragraphs; and for each paragraph
// the cases that exercised a declaration citing it.
CitationIndex build_citation_index(const CitationSources& sources);

}  // namespace spdl
