#pragma once
// The header: `ruleset <id>` or `module <id>`, then the document's title, authority, status,
// dates, source and what it amends.

#include <cstdint>
#include <string>
#include <string_view>

#include "spdl/lang/base/date.hpp"
#include "spdl/lang/syntax/parse/action.hpp"
#include "spdl/lang/syntax/parse/header_state.hpp"
#include "spdl/lang/syntax/parse/text.hpp"

namespace spdl::parsing {

template <>
struct action<g::header_kind> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.is_module = in.string_view() == "module";
  }
};

template <>
struct action<g::expect_header_id> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.id = in.string();
    s.header.id_span = s.source.span(in);
  }
};

template <>
struct action<g::title_field> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.title = quoted_value(in.string_view());
    s.header.title_span = s.source.span(in);
  }
};

template <>
struct action<g::authority_field> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.authority = quoted_value(in.string_view());
    s.header.authority_span = s.source.span(in);
  }
};

template <>
struct action<g::source_field> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.source = quoted_value(in.string_view());
    s.header.source_span = s.source.span(in);
  }
};

template <>
struct action<g::status_field> {
  static ast::Status status(std::string_view word) {
    if (word == "consultation") return ast::Status::consultation;
    if (word == "adopted") return ast::Status::adopted;
    if (word == "superseded") return ast::Status::superseded;
    if (word == "withdrawn") return ast::Status::withdrawn;
    return ast::Status::draft;
  }

  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.status = status(words(in.string_view()).back());
    s.header.status_span = s.source.span(in);
  }
};

// A header's date: `text` points into the source, so an impossible date is reported where it is
// written. A month (YYYY-MM) stands for its first day.
inline std::int32_t checked_date(const SourceState& s, std::string_view text) {
  const bool month_only = text.size() == 7;
  const auto parsed = parse_date(std::string(text) + (month_only ? "-01" : ""));
  if (!parsed) {
    throw SyntaxError{s.offset(text.data()),
                      std::string(text) + (month_only ? " is not a month in the calendar"
                                                      : " is not a date in the calendar")};
  }
  return *parsed;
}

// `published 2006-03-23`, `adopted 2006-01`, ...
template <>
struct action<g::date_field> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    const auto w = words(in.string_view());
    s.header.dates.push_back({std::string(w.front()), checked_date(s.source, w.back()),
                              std::nullopt, s.source.span(in), w.back().size() == 7});
  }
};

// `consultation 2006-05-19 to 2006-06-29`
template <>
struct action<g::consultation_field> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    const auto w = words(in.string_view());
    s.header.dates.push_back({"consultation", checked_date(s.source, w[1]),
                              checked_date(s.source, w[3]), s.source.span(in)});
  }
};

template <>
struct action<g::expect_amends_id> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.amends = in.string();
    s.header.amends_span = s.source.span(in);
  }
};

template <>
struct action<g::expect_header> {
  template <typename Input>
  static void apply(const Input& in, HeaderState& s) {
    s.header.span = s.source.span(in);
  }
};

}  // namespace spdl::parsing
