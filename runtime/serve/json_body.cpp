#include "spdl/runtime/serve/json_body.hpp"

#include <fmt/format.h>

#include <set>
#include <vector>

#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"

namespace spdl::serve {

namespace {

using nlohmann::json;

// nlohmann's own DOM builder, less forgiving: it refuses a key given twice and deep nesting.
class StrictBuilder : public nlohmann::json_sax<json> {
 public:
  // `build` false: only check (keys, depth), building nothing.
  explicit StrictBuilder(bool build) : build_(build) {}
  json root;
  std::string problem;  // why building stopped, when it was this builder that stopped it
  std::size_t problem_at = 0;
  bool parse_failed = false;
  std::string duplicate;  // the key given twice

  bool null() override { return put(json(nullptr)); }
  bool boolean(bool v) override { return put(json(v)); }
  bool number_integer(number_integer_t v) override { return put(json(v)); }
  bool number_unsigned(number_unsigned_t v) override { return put(json(v)); }
  bool number_float(number_float_t v, const string_t&) override { return put(json(v)); }
  bool string(string_t& v) override { return put(json(std::move(v))); }
  bool binary(binary_t&) override { return false; }  // never produced by the text parser
  bool start_object(std::size_t) override { return open(json::object()); }
  bool key(string_t& k) override {
    if (!keys_.back().insert(k).second) {
      problem = fmt::format("the key \"{}\" is given twice in one object", k);
      duplicate = k;
      return false;
    }
    key_ = std::move(k);
    return true;
  }
  bool end_object() override { return close(); }
  bool start_array(std::size_t) override { return open(json::array()); }
  bool end_array() override { return close(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& e) override {
    parse_failed = true;
    problem_at = position == 0 ? 0 : position - 1;
    // "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
    // parsing value - invalid literal; last read: 'tru,'": the part after " - " says what.
    std::string what = e.what();
    if (const auto dash = what.find(" - "); dash != std::string::npos) what = what.substr(dash + 3);
    problem = "this is not valid JSON: " + what;
    return false;
  }

 private:
  bool put(json&& value) {
    if (!build_) return true;
    if (stack_.empty()) {
      root = std::move(value);
      return true;
    }
    json& top = *stack_.back();
    if (top.is_object()) {
      top[key_] = std::move(value);
    } else {
      top.push_back(std::move(value));
    }
    return true;
  }
  bool open(json&& container) {
    if (stack_.size() >= limits::max_yaml_depth) {
      problem = fmt::format("this JSON is nested more than {} deep", limits::max_yaml_depth);
      return false;
    }
    if (!build_) {
      stack_.push_back(nullptr);
      objects_.push_back(container.is_object());
      if (container.is_object()) keys_.emplace_back();
      return true;
    }
    json* placed = nullptr;
    if (stack_.empty()) {
      root = std::move(container);
      placed = &root;
    } else {
      json& top = *stack_.back();
      if (top.is_object()) {
        placed = &(top[key_] = std::move(container));
      } else {
        top.push_back(std::move(container));
        placed = &top.back();
      }
    }
    stack_.push_back(placed);
    objects_.push_back(placed->is_object());
    if (placed->is_object()) keys_.emplace_back();
    return true;
  }
  bool close() {
    if (objects_.back()) keys_.pop_back();
    objects_.pop_back();
    stack_.pop_back();
    return true;
  }

  bool build_;
  std::vector<json*> stack_;                 // the containers open (null when not building)
  std::vector<bool> objects_;                // whether each is an object
  std::vector<std::set<std::string>> keys_;  // the keys of each object open
  std::string key_;
};

JsonBody read_json(const std::string& body, bool build);

}  // namespace

JsonBody read_json_body(const std::string& body) {
  return read_json(body, true);
}

JsonBody check_json_body(const std::string& body) {
  return read_json(body, false);
}

namespace {

JsonBody read_json(const std::string& body, bool build) {
  JsonBody out;
  const FileId file = out.sources.add("request body", body);
  const auto at = [&](std::size_t offset) {
    return Span{file, static_cast<std::uint32_t>(offset), static_cast<std::uint32_t>(offset)};
  };
  if (const auto bad = utf8::first_invalid(body)) {
    out.diagnostics.error("invalid-utf8", at(*bad), "the request body is not valid UTF-8");
    return out;
  }
  StrictBuilder builder(build);
  const bool parsed = json::sax_parse(body, &builder, json::input_format_t::json, true, false);
  if (!parsed) {
    // A duplicate key or deep nesting stops the builder at no position of the parser's; the
    // parser's own errors carry one.
    std::size_t offset = builder.parse_failed ? builder.problem_at : 0;
    if (!builder.parse_failed && !builder.duplicate.empty()) {
      // The key's second appearance (its text, quoted as written; close enough to point at).
      const std::string quoted = "\"" + builder.duplicate + "\"";
      const auto first = body.find(quoted);
      const auto second = first == std::string::npos ? first : body.find(quoted, first + 1);
      if (second != std::string::npos) offset = second;
    }
    out.diagnostics.error("invalid-json", at(std::min(offset, body.size())),
                          builder.problem.empty() ? "this is not valid JSON" : builder.problem);
    return out;
  }
  out.value = std::move(builder.root);
  return out;
}

}  // namespace

namespace {

void skip_space(std::string_view s, std::size_t& i) {
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
}

// Past a string that starts at s[i] == '"'; returns its raw text between the quotes.
std::string_view skip_string(std::string_view s, std::size_t& i) {
  const std::size_t start = ++i;
  while (i < s.size() && s[i] != '"') i += s[i] == '\\' ? 2 : 1;
  const std::string_view raw = s.substr(start, std::min(i, s.size()) - start);
  ++i;
  return raw;
}

// Past one value of valid JSON.
void skip_value(std::string_view s, std::size_t& i) {
  std::size_t depth = 0;
  do {
    skip_space(s, i);
    if (i >= s.size()) return;
    const char c = s[i];
    if (c == '"') {
      skip_string(s, i);
    } else if (c == '{' || c == '[') {
      ++depth;
      ++i;
    } else if (c == '}' || c == ']') {
      --depth;
      ++i;
    } else if (c == ',' || c == ':') {
      ++i;
    } else {
      while (i < s.size() && s[i] != ',' && s[i] != '}' && s[i] != ']' && s[i] != ' ' &&
             s[i] != '\n' && s[i] != '\r' && s[i] != '\t')
        ++i;
    }
  } while (depth > 0 && i < s.size());
}

}  // namespace

std::optional<ByteRange> member_range(std::string_view body, std::string_view key) {
  std::size_t i = 0;
  skip_space(body, i);
  if (i >= body.size() || body[i] != '{') return std::nullopt;
  ++i;
  while (i < body.size()) {
    skip_space(body, i);
    if (i >= body.size() || body[i] != '"') return std::nullopt;
    // A key written with escapes is compared as written; the service's keys need none.
    const std::string_view name = skip_string(body, i);
    skip_space(body, i);
    if (i >= body.size() || body[i] != ':') return std::nullopt;
    ++i;
    skip_space(body, i);
    const std::size_t begin = i;
    skip_value(body, i);
    if (name == key) return ByteRange{begin, i};
    skip_space(body, i);
    if (i < body.size() && body[i] == ',')
      ++i;
    else
      return std::nullopt;
  }
  return std::nullopt;
}

std::string only_range(std::string_view body, ByteRange range) {
  std::string out(body);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if ((i < range.begin || i >= range.end) && out[i] != '\n') out[i] = ' ';
  }
  return out;
}

}  // namespace spdl::serve
