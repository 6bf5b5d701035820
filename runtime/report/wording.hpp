#pragma once
// Declared names as a committee reads them: words for identifiers, headings for policies.

#include <initializer_list>
#include <string>
#include <string_view>

namespace spdl {

// A declared name as words: "affordable_required" -> "affordable required"; a part of an
// apportioned rule, "homes_by_size.one_bed" -> "homes by size: one bed".
std::string human_name(std::string_view name);

// An expression's printed text with its names in words, quoted text left as written.
std::string human_expression(std::string_view expression);

// A policy's name as a heading reads it: "SPG_5_2" is "SPG 5.2", "HOU3" stays "HOU3".
std::string policy_label(std::string_view name);

// "H16 — Affordable housing on qualifying sites"; the title alone when it starts with the label
// ("Stage 1: current need" for the policy stage_1).
std::string policy_heading(std::string_view name, std::string_view title);

// A date as a committee reads it: "2006-06-01" -> "1 June 2006" (text that is no date as given).
std::string date_words(std::string_view iso);

// The parts one after another, made in one allocation: for the sentences a report writes for
// every scheme ("dwellings (60 dwellings) is at least urban threshold (15 dwellings)"), where
// fmt::format cost several times as much.
std::string spliced(std::initializer_list<std::string_view> parts);

}  // namespace spdl
