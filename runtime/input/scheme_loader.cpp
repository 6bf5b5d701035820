#include "spdl/runtime/input/scheme_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/input/scheme_values.hpp"

namespace spdl {

namespace {

constexpr std::uint32_t not_given = std::numeric_limits<std::uint32_t>::max();

// Where each key of a mapping was first given, for "given twice": the keys the reader knows (a
// ruleset's inputs, a record's fields) by their position, any other key by its text.
class FirstGiven {
 public:
  explicit FirstGiven(std::size_t known) : known_(known, not_given) {}
  void clear() {
    std::fill(known_.begin(), known_.end(), not_given);
    others_.clear();
  }
  // The offset at which the key was first given (not_given before it is set).
  std::uint32_t& at(std::optional<std::uint32_t> position, std::string_view key) {
    return position ? known_[*position] : others_.emplace(key, not_given).first->second;
  }
  bool given(std::uint32_t position) const { return known_[position] != not_given; }

 private:
  std::vector<std::uint32_t> known_;
  std::map<std::string_view, std::uint32_t> others_;
};

class SchemeReader {
 public:
  SchemeReader(const CheckedRuleset& ruleset, FileId file, std::string path,
               const SuppliedInputs& supplied, const SchemeReadOptions& options)
      : ruleset_(ruleset), file_(file), supplied_(supplied), options_(options) {
    scheme_.path = std::move(path);
    scheme_.inputs.assign(ruleset.inputs.size(), Value{});
    scheme_.lists.resize(ruleset.inputs.size());
  }

  SchemeLoad read(const yaml::Node& root) {
    SchemeLoad out;
    if (!root.is_map()) {
      error(root, "", "a scheme is a mapping of input names to values, such as `dwellings: 60`");
      return finish(std::move(out));
    }
    FirstGiven first_given(ruleset_.inputs.size());
    std::vector<std::uint32_t> null_at(ruleset_.inputs.size(), not_given);  // inputs given as null
    for (std::size_t e = 0; e < root.size(); ++e) {
      const yaml::Node key_node = root.key(e);
      const yaml::Node value = root.value(e);
      if (!key_node.is_scalar()) {
        error(key_node, "", "a key must be a plain name");
        continue;
      }
      const std::string_view key = key_node.scalar();
      // The scheme's own keys (name, reference) come first, as they always have.
      const bool metadata = is_scheme_metadata(key);
      const auto input = metadata
                             ? ruleset_.inputs.end()
                             : std::find_if(ruleset_.inputs.begin(), ruleset_.inputs.end(),
                                            [&](const CheckedInput& i) { return i.name == key; });
      const auto index = static_cast<std::uint32_t>(input - ruleset_.inputs.begin());
      std::uint32_t& first =
          first_given.at(input != ruleset_.inputs.end() ? std::optional(index) : std::nullopt, key);
      if (first != not_given) {
        auto& d = error(key_node, std::string(key), "this key is given twice");
        d.related.push_back({span_at(first, key.size()), "first given here"});
        continue;
      }
      first = key_node.offset();
      if (key == "<<") {
        // yaml-cpp does not merge `<<: *base`: the values would be dropped without a word.
        error(key_node, "",
              "a YAML merge key (`<<`) is not read; write the scheme's values out in full");
        continue;
      }
      if (metadata) {
        if (value.is_scalar()) {
          if (key == "name") scheme_.name = value.scalar();
          if (key == "reference") scheme_.reference = value.scalar();
        } else if ((key == "name" || key == "reference") && !value.is_null()) {
          error(value, std::string(key),
                fmt::format("expected text, got a {}", value.is_map() ? "mapping" : "list"));
        }
        continue;
      }
      if (input == ruleset_.inputs.end()) {
        std::vector<std::string> candidates;
        for (const auto& i : ruleset_.inputs) candidates.push_back(i.name);
        for (const char* m : scheme_metadata_keys) candidates.emplace_back(m);
        unknown_key(span_of(key_node, key.size()),
                    fmt::format("`{}` is not an input of this ruleset", key),
                    closest_match(std::string(key), candidates));
        continue;
      }
      // `site_area: ~` (or null) says "not known": for an input the ruleset needs, that is no
      // more an answer than leaving the key out.
      if (value.is_null()) {
        null_at[index] = key_node.offset();
        continue;
      }
      read_input(index, value);
    }
    for (std::uint32_t i = 0; i < ruleset_.inputs.size(); ++i) {
      const auto& input = ruleset_.inputs[i];
      // Only inputs the ruleset uses are demanded: a shared module declares more than any one
      // needs.
      const bool null = null_at[i] != not_given;
      if ((first_given.given(i) && !null) || input.decl->optional ||
          std::find(supplied_.begin(), supplied_.end(), input.name) != supplied_.end() ||
          input.decl->default_value != ast::no_expr || !input.used)
        continue;
      if (null) {
        diags_.error("missing-input", span_at(null_at[i], input.name.size()),
                     fmt::format("`{}` is given as null, which this ruleset cannot do without "
                                 "({}); give its value",
                                 input.name, ruleset_.describe(input.type)));
        continue;
      }
      diags_.error("missing-input", span_of(root, 1),
                   fmt::format("the scheme does not give `{}`, which this ruleset needs ({})",
                               input.name, ruleset_.describe(input.type)));
    }
    return finish(std::move(out));
  }

 private:
  SchemeLoad finish(SchemeLoad out) {
    out.diagnostics = std::move(diags_);
    if (!out.diagnostics.has_errors()) out.scheme = std::move(scheme_);
    return out;
  }

  Span span_at(std::uint32_t begin, std::size_t length) const {
    return {file_, begin, begin + static_cast<std::uint32_t>(std::max<std::size_t>(length, 1))};
  }
  Span span_of(const yaml::Node& node, std::size_t length) const {
    return span_at(node.offset(), length);
  }

  Diagnostic& error(const yaml::Node& node, const std::string& path, const std::string& message) {
    const std::size_t length = node.is_scalar() ? node.scalar().size() : 1;
    return diags_.error("scheme", span_of(node, length),
                        path.empty() ? message : fmt::format("{}: {}", path, message));
  }

  // `path` words where the value is ("dwellings", "units[2].count"), called only for an error.
  template <class PathWords>
  std::optional<Value> scalar(const yaml::Node& node, const Type& type, const PathWords& path) {
    if (type.is_set() && node.is_sequence()) {
      // A set of members may be given as a list: `reviews: [early, late]`.
      std::string members;
      for (std::size_t i = 0; i < node.size(); ++i) {
        const yaml::Node item = node.item(i);
        if (!item.is_scalar()) {
          error(item, path(), "expected the name of a member");
          return std::nullopt;
        }
        members += (members.empty() ? "" : ", ") + std::string(item.scalar());
      }
      auto r = read_value(members.empty() ? "none" : members, type, ruleset_, scheme_.texts);
      if (auto* p = std::get_if<ValueProblem>(&r)) {
        error(node, path(), p->message).hint = p->hint;
        return std::nullopt;
      }
      return std::get<Value>(r);
    }
    if (!node.is_scalar()) {
      error(node, path(),
            fmt::format("expected {}, got a {}", ruleset_.describe(type),
                        node.is_map() ? "mapping" : "list"));
      return std::nullopt;
    }
    auto r = read_value(node.scalar(), type, ruleset_, scheme_.texts);
    if (auto* p = std::get_if<ValueProblem>(&r)) {
      error(node, path(), p->message).hint = p->hint;
      return std::nullopt;
    }
    return std::get<Value>(r);
  }

  void read_input(std::uint32_t index, const yaml::Node& node) {
    const auto& input = ruleset_.inputs[index];
    if (input.type.kind != TypeKind::list) {
      auto v = scalar(node, input.type, [&] { return input.name; });
      if (!v) return;
      if (const auto problem = outside_bounds(input, *v)) {
        error(node, input.name, problem->message);
        return;
      }
      scheme_.inputs[index] = *v;
      return;
    }
    if (!node.is_sequence()) {
      error(node, input.name, "expected a list of rows, each a mapping of fields");
      return;
    }
    if (node.size() > limits::max_list_rows) {
      error(node, input.name,
            fmt::format("this list has {} rows; at most {} are allowed", node.size(),
                        limits::max_list_rows));
      return;
    }
    const auto& record = ruleset_.records[input.type.ref];
    auto& rows = scheme_.lists[index];
    rows.reserve(node.size());
    FirstGiven first_given(record.fields.size());
    std::vector<bool> null_given(record.fields.size());
    for (std::size_t r = 0; r < node.size(); ++r) {
      const yaml::Node row = node.item(r);
      // Worded only for an error: a service reads thousands of rows a second.
      const auto path = [&] { return fmt::format("{}[{}]", input.name, r); };
      if (!row.is_map()) {
        error(row, path(),
              "a row is a mapping of fields, such as `{type: house, bedrooms: 3, tenure: market, "
              "count: 10}`");
        continue;
      }
      std::vector<Value> values(record.fields.size());
      first_given.clear();
      std::fill(null_given.begin(), null_given.end(), false);
      for (std::size_t k = 0; k < row.size(); ++k) {
        const yaml::Node key_node = row.key(k);
        const yaml::Node cell = row.value(k);
        if (!key_node.is_scalar()) {
          error(key_node, path(), "a field's name must be a plain name");
          continue;
        }
        const std::string_view key = key_node.scalar();
        const auto f = record.field(key);
        std::uint32_t& first = first_given.at(f, key);
        if (first != not_given) {
          error(key_node, path(), fmt::format("`{}` is given twice", key))
              .related.push_back({span_at(first, key.size()), "first given here"});
          continue;
        }
        first = key_node.offset();
        if (!f) {
          std::vector<std::string> field_names;
          for (const auto& field : record.fields) field_names.push_back(field.name);
          unknown_key(span_of(key_node, key.size()),
                      fmt::format("{}: `{}` is not a field of {}", path(), key, record.name),
                      closest_match(std::string(key), field_names));
          continue;
        }
        if (cell.is_null()) {
          null_given[*f] = true;
          continue;
        }
        if (auto v = scalar(cell, record.fields[*f].type,
                            [&] { return fmt::format("{}.{}", path(), key); }))
          values[*f] = *v;
      }
      for (std::size_t f = 0; f < record.fields.size(); ++f) {
        const auto& field = record.fields[f];
        // A field given with a bad value has been reported already; one given as null has not.
        if (!values[f].known() && !field.optional && field.default_value == ast::no_expr &&
            (!first_given.given(static_cast<std::uint32_t>(f)) || null_given[f])) {
          error(row, path(),
                fmt::format("the row has no `{}` ({}){}", field.name, ruleset_.describe(field.type),
                            null_given[f] ? ": it is null" : ""));
        }
      }
      rows.push_back(std::move(values));
    }
    scheme_.inputs[index] = Value::boolean(true);  // the list is given; its rows are in `lists`
  }

  const CheckedRuleset& ruleset_;
  // A key the ruleset does not read: an error, so that a misspelling cannot pass for a default;
  // unless the caller allows them, when it is a warning that the key is ignored.
  void unknown_key(Span span, const std::string& what, const std::string& suggestion) {
    Diagnostic& d = options_.allow_unknown_keys
                        ? diags_.warning("unknown-key", span, what + "; it is ignored")
                        : diags_.error("unknown-key", span, what);
    if (!suggestion.empty()) d.hint = fmt::format("did you mean `{}`?", suggestion);
  }

  FileId file_;
  const SuppliedInputs& supplied_;
  SchemeReadOptions options_;
  Scheme scheme_;
  Diagnostics diags_;
};

}  // namespace

SchemeLoad read_scheme_node(const CheckedRuleset& ruleset, const yaml::Node& node, FileId file,
                            const std::string& path, const SuppliedInputs& supplied,
                            const SchemeReadOptions& options) {
  return SchemeReader(ruleset, file, path, supplied, options).read(node);
}

yaml::TreeLimits scheme_tree_limits() {
  return {.max_nodes = limits::max_scheme_nodes, .max_depth = limits::max_yaml_depth};
}

namespace {

enum class SchemeSyntax { yaml, json };

SchemeLoad read_scheme_as(SchemeSyntax syntax, const CheckedRuleset& ruleset, SourceSet& sources,
                          const std::string& display_path, std::string text,
                          const SuppliedInputs& supplied, const SchemeReadOptions& options) {
  SchemeLoad out;
  const FileId file = sources.add(display_path, std::move(text));
  const std::string& body = sources.file(file).text();
  if (const auto bad = utf8::first_invalid(body)) {
    out.diagnostics.error(
        "invalid-utf8",
        {file, static_cast<std::uint32_t>(*bad), static_cast<std::uint32_t>(*bad + 1)},
        "this scheme file is not valid UTF-8");
    return out;
  }
  if (const auto nul = body.find('\0'); nul != std::string::npos) {
    out.diagnostics.error(
        "nul-byte", {file, static_cast<std::uint32_t>(nul), static_cast<std::uint32_t>(nul + 1)},
        "this scheme file contains a NUL byte; a scheme is plain text");
    return out;
  }
  auto tree = syntax == SchemeSyntax::json ? yaml::read_json(body, scheme_tree_limits())
                                           : yaml::read_yaml(body, scheme_tree_limits());
  if (const auto* problem = std::get_if<yaml::TreeProblem>(&tree)) {
    const std::uint32_t at = std::min<std::uint32_t>(
        problem->offset, static_cast<std::uint32_t>(body.empty() ? 0 : body.size() - 1));
    out.diagnostics.error(syntax == SchemeSyntax::json ? "json" : "yaml", {file, at, at + 1},
                          problem->message);
    return out;
  }
  const yaml::Node root = std::get<std::unique_ptr<yaml::Tree>>(tree)->root();
  if (!root || root.is_null()) {
    out.diagnostics.add({.severity = Severity::error,
                         .code = "empty-scheme",
                         .message = "this scheme file is empty; it should give the scheme's "
                                    "inputs, such as `dwellings: 60`",
                         .path = display_path});
    return out;
  }
  return read_scheme_node(ruleset, root, file, display_path, supplied, options);
}

}  // namespace

SchemeLoad read_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::string& display_path, std::string text,
                       const SuppliedInputs& supplied, const SchemeReadOptions& options) {
  return read_scheme_as(SchemeSyntax::yaml, ruleset, sources, display_path, std::move(text),
                        supplied, options);
}

SchemeLoad read_json_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                            const std::string& display_path, std::string text,
                            const SuppliedInputs& supplied, const SchemeReadOptions& options) {
  return read_scheme_as(SchemeSyntax::json, ruleset, sources, display_path, std::move(text),
                        supplied, options);
}

SchemeLoad load_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::filesystem::path& path, const SuppliedInputs& supplied,
                       const SchemeReadOptions& options) {
  auto text = read_text_file(path, limits::max_scheme_bytes);
  if (auto* failure = std::get_if<ReadFailure>(&text)) {
    SchemeLoad out;
    out.diagnostics.add(
        {.severity = Severity::error,
         .code = "cannot-read",
         .message = fmt::format("cannot read scheme {}: it {}", path.string(), failure->message),
         .path = path.string()});
    return out;
  }
  return read_scheme(ruleset, sources, path.string(), std::move(std::get<std::string>(text)),
                     supplied, options);
}

}  // namespace spdl
