#pragma once
// The renderings of a citation index (runtime/analysis/cite.hpp): text for a terminal, markdown
// for an authority's README, JSON (`spdl-cite/1`, spec/cite.md) for programs.

#include <string>

#include "spdl/runtime/analysis/cite.hpp"

namespace spdl {

struct CiteRenderOptions {
  // Name every case that exercised a paragraph's declarations, not only how many in each file.
  // JSON always names them.
  bool cases = false;
};

std::string render_cite_text(const CitationIndex& index, CiteRenderOptions options = {});
std::string render_cite_markdown(const CitationIndex& index, CiteRenderOptions options = {});
std::string render_cite_json(const CitationIndex& index);

// "1.1, 1.3-1.6, 2.1": paragraph ids, each run of consecutive numbers in one section as a range.
std::string compact_paragraphs(const std::vector<std::string>& ids);

}  // namespace spdl
