#include "spdl/runtime/lsp/protocol.hpp"

#include <limits>

namespace spdl::lsp {

std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

const json* member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  return it == object.end() ? nullptr : &*it;
}

std::optional<std::string> string_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

std::optional<std::uint32_t> index_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (value == nullptr) return std::nullopt;
  if (value->is_number_unsigned()) {
    const auto n = value->get<std::uint64_t>();
    if (n > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
    return static_cast<std::uint32_t>(n);
  }
  if (value->is_number_integer()) {
    const auto n = value->get<std::int64_t>();
    if (n < 0 || n > std::numeric_limits<std::int32_t>::max()) return std::nullopt;
    return static_cast<std::uint32_t>(n);
  }
  return std::nullopt;
}

std::optional<bool> bool_member(const json& object, std::string_view key) {
  const json* value = member(object, key);
  if (value == nullptr || !value->is_boolean()) return std::nullopt;
  return value->get<bool>();
}

std::optional<std::string> document_uri(const json& params) {
  const json* document = member(params, "textDocument");
  if (document == nullptr) return std::nullopt;
  return string_member(*document, "uri");
}

std::optional<Position> read_position(const json& value) {
  const auto line = index_member(value, "line");
  const auto character = index_member(value, "character");
  if (!line || !character) return std::nullopt;
  return Position{*line, *character};
}

std::optional<Range> read_range(const json& value) {
  const json* start = member(value, "start");
  const json* end = member(value, "end");
  if (start == nullptr || end == nullptr) return std::nullopt;
  const auto s = read_position(*start);
  const auto e = read_position(*end);
  if (!s || !e) return std::nullopt;
  return Range{*s, *e};
}

json to_json(Position position) {
  return {{"line", position.line}, {"character", position.character}};
}

json to_json(const Range& range) {
  return {{"start", to_json(range.start)}, {"end", to_json(range.end)}};
}

json location(const std::string& uri, const Range& range) {
  return {{"uri", uri}, {"range", to_json(range)}};
}

}  // namespace spdl::lsp
