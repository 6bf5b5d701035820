#pragma once
// A scheme built in code, for a program that has its facts in its own records rather than in a
// file: each value is written as a scheme file writes it ("60", "2.4 ha", "yes", "social_rent"),
// and build() reads the whole through the same reader as a scheme file, so a scheme built here is
// checked exactly as a file would be (unknown inputs with their did-you-mean, units, bounds,
// required inputs, the rows of a list).
//
//   spdl::SchemeBuilder scheme(opened.program->checked);
//   scheme.name("Land off Wantage Road").set("dwellings", "60").set("site_area", "2.4 ha");
//   scheme.add_row("schedule", {{"type", "house"}, {"bedrooms", "3"}, {"count", "16"}});
//   spdl::SchemeLoad built = scheme.build(sources);  // built.scheme, or built.diagnostics

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/input/scheme_loader.hpp"

namespace spdl {

class SchemeBuilder {
 public:
  using Row = std::vector<std::pair<std::string, std::string>>;  // field, value

  explicit SchemeBuilder(std::shared_ptr<const CheckedRuleset> ruleset);

  SchemeBuilder& name(std::string_view name);
  SchemeBuilder& reference(std::string_view reference);
  // The value of an input; a later call for the same input replaces the value.
  SchemeBuilder& set(std::string_view input, std::string_view value);
  // A row of a list input, such as one line of the accommodation schedule.
  SchemeBuilder& add_row(std::string_view input, Row fields);

  // The scheme, or the diagnostics that say what is wrong. The document read is added to
  // `sources` as "scheme built in code", so diagnostics can show the line concerned.
  SchemeLoad build(SourceSet& sources) const;

 private:
  std::shared_ptr<const CheckedRuleset> ruleset_;
  std::vector<std::pair<std::string, std::string>> metadata_;
  std::vector<std::pair<std::string, std::string>> values_;
  std::vector<std::pair<std::string, std::vector<Row>>> lists_;
};

}  // namespace spdl
