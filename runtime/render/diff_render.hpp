#pragma once
// A ruleset diff in each format people read: text, Markdown, JSON, HTML.

#include <string>

#include "spdl/runtime/analysis/diff.hpp"

namespace spdl {

// A side as people read it: its value, else as written; a note in
// words: "measures ha instead of dwellings".
std::string side_text(const DeclarationSide& side);
std::string note_text(const ChangeNote& note);
std::string render_diff_text(const RulesetDiff& diff);
std::string render_diff_markdown(const RulesetDiff& diff);
std::string render_diff_json(const RulesetDiff& diff);
std::string render_diff_html(const RulesetDiff& diff);
// The table of changes alone, for pages that show a diff beside other things.
std::string render_diff_html_section(const RulesetDiff& diff);

}  // namespace spdl
