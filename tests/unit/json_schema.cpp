#include "json_schema.hpp"

namespace spdl::testing {

namespace {

bool has_type(const nlohmann::json& value, const std::string& type) {
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "string") return value.is_string();
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  return false;
}

void check(const nlohmann::json& value, const nlohmann::json& schema, const nlohmann::json& root,
           const std::string& path, std::vector<std::string>& problems) {
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/definitions/";
    check(value, root["definitions"][ref.substr(prefix.size())], root, path, problems);
    return;
  }
  if (schema.contains("type")) {
    bool ok = false;
    if (schema["type"].is_array()) {
      for (const auto& t : schema["type"]) ok |= has_type(value, t);
    } else {
      ok = has_type(value, schema["type"]);
    }
    if (!ok) {
      problems.push_back(path + ": expected " + schema["type"].dump() + ", got " +
                         value.type_name());
      return;
    }
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end()) {
    problems.push_back(path + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  }
  if (value.is_object()) {
    if (schema.contains("required")) {
      for (const auto& key : schema["required"]) {
        if (!value.contains(key.get<std::string>()))
          problems.push_back(path + ": missing " + key.get<std::string>());
      }
    }
    if (schema.contains("properties")) {
      for (const auto& [key, sub] : schema["properties"].items()) {
        if (value.contains(key)) check(value[key], sub, root, path + "." + key, problems);
      }
      for (const auto& [key, sub] : value.items()) {
        if (!schema["properties"].contains(key))
          problems.push_back(path + ": undocumented field " + key);
      }
    }
  }
  if (value.is_array() && schema.contains("items")) {
    for (std::size_t i = 0; i < value.size(); ++i)
      check(value[i], schema["items"], root, path + "[" + std::to_string(i) + "]", problems);
  }
}

}  // namespace

std::vector<std::string> validate_json(const nlohmann::json& document,
                                       const nlohmann::json& schema) {
  std::vector<std::string> problems;
  check(document, schema, schema, "$", problems);
  return problems;
}

}  // namespace spdl::testing
