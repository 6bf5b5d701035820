#pragma once
// The guidance document as plain text: its numbered paragraphs, the figures each states, and an
// authority's list of paragraphs deliberately not encoded (cite.yaml). spec/cite.md, "The source
// document", states exactly what is recognised; this header repeats it where the code is.

#include <string>
#include <string_view>
#include <vector>

#include "spdl/runtime/analysis/cite.hpp"

namespace spdl {

// A line starts a paragraph when it begins (after an optional list marker "- ") with:
//   - a paragraph number: two or more numbers joined by dots whose last is not 0 ("4.2", "5.10";
//     not "4.0", not "4."), then a space, a tab or the end of the line: id "4.2";
//   - "POLICY", a space, letters and a number ("H16", "HOU3"), then ":", a space or the end of the
//     line: id "H16";
//   - "Appendix", "Annexe", "Annex" or "Figure" (capitalised or in capitals) and a label (a number,
//     or one or two capital letters), then ":", a space, a tab or the end of the line, unless the
//     line is a contents entry (it ends in a tab and a page number): id "Appendix 3";
//   - a heading: a line that is wholly bold ("**Decision**") or a markdown heading ("### Growth
//     Locations"): id "Decision".
// A paragraph runs to the line before the next one starts. An id seen again (a table repeated on
// each page) continues the paragraph first seen.
std::vector<SourceParagraph> find_paragraphs(std::string_view text);

// What in a paragraph's text states a figure: a number with "%" or "per cent" after it, "£"
// before it, or one of the unit words after it (optionally after "or more", "or less", "or
// fewer", "+" or a hyphen): dwellings, dws, units, homes, houses, flats, apartments, hectares, ha,
// bedrooms, beds, bed spaces, persons, people, habitable rooms, m², m2, years. A number is
// written in digits (with thousands commas and a decimal point) or as a word from "one" to
// "twenty", or "thirty", "forty", "fifty". Each distinct figure once, in the order written.
std::vector<std::string> find_figures(std::string_view text);

// One entry of an authority's cite.yaml, as read.
struct NotEncodedEntry {
  std::string paragraphs;
  std::string reason;
  std::vector<ParagraphRef> refs;
  std::uint32_t line = 0;
};

struct NotEncodedFile {
  std::vector<NotEncodedEntry> entries;
  std::vector<std::string> errors;  // "rulesets/vale/cite.yaml:4: ...", each a sentence
};

// cite.yaml: `not_encoded:`, a list of {paragraphs: "2.1-2.37", reason: "..."}; anything else is
// refused with its line.
NotEncodedFile read_not_encoded(const std::string& path);

// Fills index.source from the document's paragraphs and the entries not encoded. Refuses (an
// error naming `not_encoded_path` and the entry's line) an entry that names a paragraph the
// document does not number, or one that a declaration cites, or one already listed.
std::vector<std::string> cover_source(CitationIndex& index, const std::string& shown_source,
                                      const std::vector<SourceParagraph>& paragraphs,
                                      const std::vector<NotEncodedEntry>& not_encoded,
                                      const std::string& not_encoded_path);

}  // namespace spdl
