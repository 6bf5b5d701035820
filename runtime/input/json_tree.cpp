// Strict JSON into the tree that read_yaml builds, through simdjson's On Demand parser: the
// service reads every scheme it is sent, and yaml-cpp spent most of a request on a 1.4 KB body.

#include <fmt/format.h>
#include <simdjson.h>

#include <string>
#include <unordered_set>

#include "spdl/runtime/input/yaml_tree.hpp"

namespace spdl::yaml {

namespace {

namespace od = simdjson::ondemand;

struct Stop {
  TreeProblem problem;
};

// A number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?. simdjson's
// token is taken as written (the scheme reader reads its digits exactly), so it is checked here.
bool json_number(std::string_view t) {
  std::size_t i = 0;
  const auto digits = [&] {
    const std::size_t from = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    return i > from;
  };
  if (i < t.size() && t[i] == '-') ++i;
  if (i < t.size() && t[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < t.size() && t[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == t.size();
}

// A token without the white space simdjson leaves after it.
std::string_view trimmed(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\n' ||
                            token.back() == '\r'))
    token.remove_suffix(1);
  return token;
}

}  // namespace

class JsonTreeBuilder {
 public:
  // `base`: where the parsed text starts, `skipped` bytes into the text as given.
  JsonTreeBuilder(Tree& tree, const TreeLimits& limits, const char* base, std::uint32_t skipped)
      : tree_(tree), limits_(limits), base_(base), skipped_(skipped) {}

  void document(od::document& doc) {
    od::json_type type;
    check(doc.type().get(type), 0);
    if (type == od::json_type::object || type == od::json_type::array) {
      od::value root;
      check(doc.get_value().get(root), 0);
      tree_.root_ = value(root, 0);
    } else {
      std::string_view token;
      check(doc.raw_json_token().get(token), 0);
      tree_.root_ = scalar(
          type, trimmed(token), [&](std::string_view& text) { return doc.get_string().get(text); },
          [&](bool& b) { return doc.get_bool().get(b); }, [&] { return doc.is_null(); });
    }
    // In bounds after the value is text after it (a second value on the line, say).
    if (const char* rest = nullptr; !doc.current_location().get(rest))
      throw Stop{{"this is not valid JSON: text after the value", offset_of(rest)}};
  }

 private:
  std::uint32_t value(od::value& v, std::size_t depth) {
    od::json_type type;
    check(v.type().get(type), location(v));
    const std::string_view token = v.raw_json_token();
    const std::uint32_t at = offset_of(token.data());
    if (type == od::json_type::object) return object(v, at, depth);
    if (type == od::json_type::array) return array(v, at, depth);
    return scalar(
        type, trimmed(token), [&](std::string_view& text) { return v.get_string().get(text); },
        [&](bool& b) { return v.get_bool().get(b); }, [&] { return v.is_null(); });
  }

  template <class GetString, class GetBool, class IsNull>
  std::uint32_t scalar(od::json_type type, std::string_view token, GetString get_string,
                       GetBool get_bool, IsNull is_null) {
    const std::uint32_t at = offset_of(token.data());
    count(at);
    switch (type) {
      case od::json_type::string: {
        std::string_view text;
        check(get_string(text), at);
        return add_scalar(at, text);
      }
      case od::json_type::number:
        if (!json_number(token)) throw Stop{{"this is not valid JSON: a malformed number", at}};
        return add_scalar(at, token);
      case od::json_type::boolean: {
        bool b = false;
        check(get_bool(b), at);
        return add_scalar(at, b ? "true" : "false");
      }
      case od::json_type::null: {
        bool null = false;
        if (is_null().get(null) || !null) throw Stop{{"this is not valid JSON", at}};
        return add_item(at, Kind::null);
      }
      default:
        throw Stop{{"this is not valid JSON", at}};
    }
  }

  std::uint32_t object(od::value& v, std::uint32_t at, std::size_t depth) {
    open(at, depth);
    const std::uint32_t id = add_item(at, Kind::map);
    const std::size_t first = pending_.size();
    od::object fields;
    check(v.get_object().get(fields), at);
    std::unordered_set<std::string> many_keys;  // past a few keys, a key's repeat is looked up
    for (auto field_result : fields) {
      od::field field;
      check(std::move(field_result).get(field), at);
      const std::uint32_t key_at = offset_of(field.key().raw()) - 1;
      std::string_view key;
      check(field.unescaped_key().get(key), key_at);
      count(key_at);
      if (repeated(key, first, many_keys))
        throw Stop{{fmt::format("the key \"{}\" is given twice in this object", key), key_at}};
      const std::uint32_t key_id = add_scalar(key_at, key);
      pending_.push_back(key_id);
      pending_.push_back(value(field.value(), depth + 1));
    }
    close(id, first);
    return id;
  }

  std::uint32_t array(od::value& v, std::uint32_t at, std::size_t depth) {
    open(at, depth);
    const std::uint32_t id = add_item(at, Kind::sequence);
    const std::size_t first = pending_.size();
    od::array items;
    check(v.get_array().get(items), at);
    for (auto item_result : items) {
      od::value item;
      check(std::move(item_result).get(item), at);
      pending_.push_back(value(item, depth + 1));
    }
    close(id, first);
    return id;
  }

  // Whether `key` is among the keys of the object whose children start at pending_[first].
  bool repeated(std::string_view key, std::size_t first,
                std::unordered_set<std::string>& many_keys) const {
    constexpr std::size_t few = 16;
    const std::size_t keys = (pending_.size() - first) / 2;
    if (keys < few) {
      for (std::size_t k = first; k < pending_.size(); k += 2) {
        const auto& item = tree_.items_[pending_[k]];
        if (std::string_view(tree_.text_).substr(item.first, item.count) == key) return true;
      }
      return false;
    }
    if (many_keys.empty()) {
      for (std::size_t k = first; k < pending_.size(); k += 2) {
        const auto& item = tree_.items_[pending_[k]];
        many_keys.emplace(std::string_view(tree_.text_).substr(item.first, item.count));
      }
    }
    return !many_keys.emplace(key).second;
  }

  void open(std::uint32_t at, std::size_t depth) {
    count(at);
    if (depth >= limits_.max_depth)
      throw Stop{{fmt::format("this is nested more than {} deep", limits_.max_depth), at}};
  }

  void close(std::uint32_t id, std::size_t first) {
    auto& item = tree_.items_[id];
    item.first = static_cast<std::uint32_t>(tree_.children_.size());
    item.count = static_cast<std::uint32_t>(pending_.size() - first);
    tree_.children_.insert(tree_.children_.end(),
                           pending_.begin() + static_cast<std::ptrdiff_t>(first), pending_.end());
    pending_.resize(first);
  }

  std::uint32_t add_item(std::uint32_t at, Kind kind) {
    tree_.items_.push_back({at, kind, 0, 0});
    return static_cast<std::uint32_t>(tree_.items_.size() - 1);
  }

  std::uint32_t add_scalar(std::uint32_t at, std::string_view text) {
    const std::uint32_t id = add_item(at, Kind::scalar);
    tree_.items_[id].first = static_cast<std::uint32_t>(tree_.text_.size());
    tree_.items_[id].count = static_cast<std::uint32_t>(text.size());
    tree_.text_ += text;
    return id;
  }

  void count(std::uint32_t at) {
    if (++counted_ > limits_.max_nodes)
      throw Stop{{fmt::format("more than {} values here", limits_.max_nodes), at}};
  }

  void check(simdjson::error_code error, std::uint32_t at) const {
    if (error)
      throw Stop{{fmt::format("this is not valid JSON: {}", simdjson::error_message(error)), at}};
  }

  std::uint32_t location(od::value& v) const {
    const char* at = nullptr;
    return v.current_location().get(at) ? 0 : offset_of(at);
  }

  std::uint32_t offset_of(const char* p) const {
    return static_cast<std::uint32_t>(p - base_) + skipped_;
  }

  Tree& tree_;
  const TreeLimits& limits_;
  const char* base_;
  std::uint32_t skipped_;
  std::vector<std::uint32_t> pending_;  // children of the open nodes, innermost last
  std::uint64_t counted_ = 0;
};

std::variant<std::unique_ptr<Tree>, TreeProblem> read_json(std::string_view text,
                                                           const TreeLimits& limits) {
  // One parser a thread: its buffers grow to the largest text read and are kept.
  thread_local od::parser parser;
  // A byte order mark is passed over, as RFC 8259 allows and the YAML reader does.
  const std::uint32_t skipped = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  const simdjson::padded_string padded(text.substr(skipped));
  auto tree = std::make_unique<Tree>();
  od::document doc;
  if (const auto error = parser.iterate(padded).get(doc)) {
    return TreeProblem{fmt::format("this is not valid JSON: {}", simdjson::error_message(error)),
                       0};
  }
  JsonTreeBuilder builder(*tree, limits, padded.data(), skipped);
  try {
    builder.document(doc);
  } catch (const Stop& stop) {
    TreeProblem problem = stop.problem;
    problem.offset =
        std::min<std::uint32_t>(problem.offset, static_cast<std::uint32_t>(text.size()));
    return problem;
  }
  return tree;
}

}  // namespace spdl::yaml
