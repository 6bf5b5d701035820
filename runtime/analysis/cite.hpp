#pragma once
// `spdl cite`: the citation index of rulesets. Which paragraphs of the guidance each declaration
// cites, and which test cases exercise those declarations; with the document's text, also the
// numbered paragraphs that nothing cites. Data only: spec/cite.md defines every reading, and the
// renderers (runtime/render/cite_render.hpp) make the words.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace spdl {

// ---- citations as references to paragraphs -----------------------------------------------------

// One paragraph (or a part of one) that a citation names: "SPG 4.2" is {SPG, 4.2, ""}, "H16 (i)"
// is {"", H16, "(i)"}, "Appendix A, Stage 1" is {"", Appendix A, Stage 1}.
struct ParagraphRef {
  std::string prefix;     // the part of the document, as written: "SPG", "SPD", "UDP", "para"
  std::string paragraph;  // "4.2", "H16", "HOU3", "Appendix 3", "Figure 5", "Decision"
  std::string part;       // "(i)", "a)", "(2)", "Stage 1"; "" for the whole paragraph

  bool operator==(const ParagraphRef&) const = default;
};

// "SPG 4.2", "H16 (i)", "Appendix A, Stage 1".
std::string ref_label(const ParagraphRef& ref);

// A citation's text read into references. Ranges are expanded ("3.2-3.7" gives 3.2, 3.3, ...,
// 3.7); `kept_whole` holds the items that could not be read as a paragraph (a range that runs
// backwards or across sections), each kept as one reference whose paragraph is the item as
// written.
struct ReadCitation {
  std::vector<ParagraphRef> refs;
  std::vector<std::string> kept_whole;
};
ReadCitation read_citation(std::string_view text);

// Orders paragraphs: policies (letters and a number: H5, H16, HOU1), then numbered paragraphs
// (1.1 ... 5.10 ... 20.7), then named parts (Annexe, Appendix, Figure, Table) and anything else,
// each in natural order (H5 before H16, 5.9 before 5.10).
bool paragraph_precedes(std::string_view a, std::string_view b);
bool ref_precedes(const ParagraphRef& a, const ParagraphRef& b);

// ---- the index ---------------------------------------------------------------------------------

// A declaration that cites the guidance: input, parameter, share, shares, rule, exception, check,
// policy, table, enumeration, record, field.
struct CitedDeclaration {
  std::string kind;
  std::string name;  // "affordable_required", "affordable_required.viability" for an exception
  std::string file;  // as shown: relative to the folder of the rulesets named
  std::uint32_t line = 0;
  std::string citation;  // as written, without the brackets
};

struct TestCaseRef {
  std::string file;  // the test file, as shown
  std::string name;
  std::uint32_t line = 0;
};

struct CitedParagraph {
  ParagraphRef ref;
  std::vector<std::size_t> declarations;  // into CitationIndex::declarations, in file order
  std::vector<std::size_t> cases;         // into CitationIndex::cases, in file order
};

// A numbered paragraph found in the source document (cite_source.hpp says what counts).
struct SourceParagraph {
  std::string id;  // "4.2", "H16", "HOU3", "Appendix 3", "Decision"
  std::uint32_t line = 0;
  std::string text;                  // from its number to the next paragraph's, lines joined
  std::vector<std::string> figures;  // what states a figure: "40%", "£29,341", "15 dwellings"
};

// A paragraph the authority's cite.yaml declares deliberately not encoded.
struct NotEncoded {
  std::string paragraphs;  // as written: "2.1-2.37"
  std::string reason;
  std::vector<std::string> ids;  // the source paragraphs it covers
  std::size_t with_figures = 0;  // how many of them state a figure
};

struct SourceCoverage {
  std::string file;  // as shown
  std::size_t paragraphs = 0;
  std::vector<SourceParagraph> uncited;      // in document order
  std::vector<NotEncoded> not_encoded;       // in the file's order
  std::vector<std::string> cited_elsewhere;  // cited paragraphs the source does not number
  std::size_t uncited_with_figures() const;
};

struct CitationIndex {
  std::vector<std::string> rulesets;    // as shown, in the order named
  std::vector<std::string> test_files;  // as shown
  std::vector<CitedDeclaration> declarations;
  std::vector<TestCaseRef> cases;
  std::vector<CitedParagraph> paragraphs;  // in paragraph order
  std::vector<std::string> kept_whole;     // citation items read as written (see ReadCitation)
  std::optional<SourceCoverage> source;
};

}  // namespace spdl
