#include "spdl/runtime/input/scheme_builder.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace spdl {

namespace {

template <typename Entries, typename Value>
void put(Entries& entries, std::string_view key, Value value) {
  const auto it =
      std::find_if(entries.begin(), entries.end(), [&](const auto& e) { return e.first == key; });
  if (it != entries.end()) {
    it->second = std::move(value);
  } else {
    entries.emplace_back(std::string(key), std::move(value));
  }
}

}  // namespace

SchemeBuilder::SchemeBuilder(std::shared_ptr<const CheckedRuleset> ruleset)
    : ruleset_(std::move(ruleset)) {}

SchemeBuilder& SchemeBuilder::name(std::string_view name) {
  put(metadata_, "name", std::string(name));
  return *this;
}

SchemeBuilder& SchemeBuilder::reference(std::string_view reference) {
  put(metadata_, "reference", std::string(reference));
  return *this;
}

SchemeBuilder& SchemeBuilder::set(std::string_view input, std::string_view value) {
  put(values_, input, std::string(value));
  return *this;
}

SchemeBuilder& SchemeBuilder::add_row(std::string_view input, Row fields) {
  auto it =
      std::find_if(lists_.begin(), lists_.end(), [&](const auto& l) { return l.first == input; });
  if (it == lists_.end()) it = lists_.insert(lists_.end(), {std::string(input), {}});
  it->second.push_back(std::move(fields));
  return *this;
}

SchemeLoad SchemeBuilder::build(SourceSet& sources) const {
  // JSON is YAML, and nlohmann escapes every value, so no value can change the document's shape.
  // Keys keep the order they were given in, so diagnostics follow the caller's own order.
  nlohmann::ordered_json document = nlohmann::ordered_json::object();
  for (const auto& [key, value] : metadata_) document[key] = value;
  for (const auto& [key, value] : values_) document[key] = value;
  for (const auto& [key, rows] : lists_) {
    auto& list = document[key] = nlohmann::ordered_json::array();
    for (const auto& row : rows) {
      nlohmann::ordered_json object = nlohmann::ordered_json::object();
      for (const auto& [field, value] : row) object[field] = value;
      list.push_back(std::move(object));
    }
  }
  return read_scheme(*ruleset_, sources, "scheme built in code", document.dump(2) + "\n");
}

}  // namespace spdl
