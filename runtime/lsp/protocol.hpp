#pragma once
// JSON-RPC as the Language Server Protocol uses it: error codes, replies, and readers for the
// parameters the server takes. A reader gives nothing (never throws) when a parameter is missing
// or has the wrong shape; the handler then answers "invalid params".

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "spdl/runtime/lsp/text_position.hpp"

namespace spdl::lsp {

using json = nlohmann::json;

namespace error_code {
inline constexpr int parse_error = -32700;
inline constexpr int invalid_request = -32600;
inline constexpr int method_not_found = -32601;
inline constexpr int invalid_params = -32602;
inline constexpr int internal_error = -32603;
inline constexpr int server_not_initialized = -32002;
inline constexpr int request_failed = -32803;  // LSP 3.17: the request was valid and failed
}  // namespace error_code

struct ResponseError {
  int code = error_code::internal_error;
  std::string message;
};

// A request's answer: its result (null included), or an error.
using Reply = std::variant<json, ResponseError>;

inline ResponseError invalid_params(std::string message) {
  return {error_code::invalid_params, std::move(message)};
}
inline ResponseError request_failed(std::string message) {
  return {error_code::request_failed, std::move(message)};
}

// Text for the wire: invalid UTF-8 (which no JSON may hold) becomes U+FFFD rather than an error.
std::string dump(const json& value);

const json* member(const json& object, std::string_view key);
std::optional<std::string> string_member(const json& object, std::string_view key);
// A non-negative integer that fits 32 bits.
std::optional<std::uint32_t> index_member(const json& object, std::string_view key);
std::optional<bool> bool_member(const json& object, std::string_view key);

// params.textDocument.uri
std::optional<std::string> document_uri(const json& params);
// {"line": n, "character": n}
std::optional<Position> read_position(const json& value);
std::optional<Range> read_range(const json& value);

json to_json(Position position);
json to_json(const Range& range);
json location(const std::string& uri, const Range& range);

}  // namespace spdl::lsp
