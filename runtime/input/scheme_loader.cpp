#include "spdl/runtime/input/scheme_loader.hpp"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/base/utf8.hpp"
#include "spdl/runtime/input/scheme_values.hpp"

namespace spdl {

namespace {

class SchemeReader {
 public:
  SchemeReader(const CheckedRuleset& ruleset, FileId file, std::string path,
               const SuppliedInputs& supplied)
      : ruleset_(ruleset), file_(file), supplied_(supplied) {
    scheme_.path = std::move(path);
    scheme_.inputs.assign(ruleset.inputs.size(), Value{});
    scheme_.lists.resize(ruleset.inputs.size());
  }

  SchemeLoad read(const YAML::Node& root) {
    SchemeLoad out;
    if (!root.IsMap()) {
      error(root, "", "a scheme is a mapping of input names to values, such as `dwellings: 60`");
      return finish(std::move(out), root);
    }
    std::map<std::string, YAML::Mark> seen;
    std::vector<std::string> input_names;
    for (const auto& input : ruleset_.inputs) input_names.push_back(input.name);
    for (const auto& entry : root) {
      if (!count(entry.first)) return finish(std::move(out), root);
      if (!entry.first.IsScalar()) {
        error(entry.first, "", "a key must be a plain name");
        continue;
      }
      const std::string key = entry.first.Scalar();
      if (const auto [it, fresh] = seen.emplace(key, entry.first.Mark()); !fresh) {
        auto& d = error(entry.first, key, "this key is given twice");
        d.related.push_back({span_at(it->second, key.size()), "first given here"});
        continue;
      }
      if (is_scheme_metadata(key)) {
        if (entry.second.IsScalar()) {
          if (key == "name") scheme_.name = entry.second.Scalar();
          if (key == "reference") scheme_.reference = entry.second.Scalar();
        }
        continue;
      }
      const auto input = std::find(input_names.begin(), input_names.end(), key);
      if (input == input_names.end()) {
        std::vector<std::string> candidates = input_names;
        for (const char* m : scheme_metadata_keys) candidates.emplace_back(m);
        auto& d =
            diags_.warning("unknown-key", span_of(entry.first, key.size()),
                           fmt::format("`{}` is not an input of this ruleset; it is ignored", key));
        if (const auto s = closest_match(key, candidates); !s.empty())
          d.hint = fmt::format("did you mean `{}`?", s);
        continue;
      }
      read_input(static_cast<std::uint32_t>(input - input_names.begin()), entry.second);
    }
    for (std::uint32_t i = 0; i < ruleset_.inputs.size(); ++i) {
      const auto& input = ruleset_.inputs[i];
      // Only inputs the ruleset uses are demanded: a shared module declares more than any one
      // needs.
      if (seen.count(input.name) || input.decl->optional ||
          std::find(supplied_.begin(), supplied_.end(), input.name) != supplied_.end() ||
          input.decl->default_value != ast::no_expr || !input.used)
        continue;
      diags_.error("missing-input", span_of(root, 1),
                   fmt::format("the scheme does not give `{}`, which this ruleset needs ({})",
                               input.name, ruleset_.describe(input.type)));
    }
    return finish(std::move(out), root);
  }

 private:
  SchemeLoad finish(SchemeLoad out, const YAML::Node&) {
    out.diagnostics = std::move(diags_);
    if (!out.diagnostics.has_errors()) out.scheme = std::move(scheme_);
    return out;
  }

  bool count(const YAML::Node& node) {
    if (++nodes_ <= limits::max_scheme_nodes) return true;
    if (nodes_ == limits::max_scheme_nodes + 1) {
      error(node, "",
            fmt::format(
                "this scheme has more than {} values (are YAML aliases repeating a structure?)",
                limits::max_scheme_nodes));
    }
    return false;
  }

  Span span_at(const YAML::Mark& mark, std::size_t length) const {
    if (mark.is_null() || mark.pos < 0) return {file_, 0, 1};
    const auto begin = static_cast<std::uint32_t>(mark.pos);
    return {file_, begin, begin + static_cast<std::uint32_t>(std::max<std::size_t>(length, 1))};
  }
  Span span_of(const YAML::Node& node, std::size_t length) const {
    return span_at(node.Mark(), length);
  }

  Diagnostic& error(const YAML::Node& node, const std::string& path, const std::string& message) {
    const std::size_t length = node.IsScalar() ? node.Scalar().size() : 1;
    return diags_.error("scheme", span_of(node, length),
                        path.empty() ? message : fmt::format("{}: {}", path, message));
  }

  std::optional<Value> scalar(const YAML::Node& node, const Type& type, const std::string& path) {
    if (type.is_set() && node.IsSequence()) {
      // A set of members may be given as a list: `reviews: [early, late]`.
      std::string members;
      for (const auto& item : node) {
        if (!item.IsScalar()) {
          error(item, path, "expected the name of a member");
          return std::nullopt;
        }
        members += (members.empty() ? "" : ", ") + item.Scalar();
      }
      auto r = read_value(members.empty() ? "none" : members, type, ruleset_, scheme_.texts);
      if (auto* p = std::get_if<ValueProblem>(&r)) {
        error(node, path, p->message).hint = p->hint;
        return std::nullopt;
      }
      return std::get<Value>(r);
    }
    if (!node.IsScalar()) {
      error(node, path,
            fmt::format("expected {}, got a {}", ruleset_.describe(type),
                        node.IsMap() ? "mapping" : "list"));
      return std::nullopt;
    }
    auto r = read_value(node.Scalar(), type, ruleset_, scheme_.texts);
    if (auto* p = std::get_if<ValueProblem>(&r)) {
      error(node, path, p->message).hint = p->hint;
      return std::nullopt;
    }
    return std::get<Value>(r);
  }

  void read_input(std::uint32_t index, const YAML::Node& node) {
    const auto& input = ruleset_.inputs[index];
    if (node.IsNull()) return;  // `site_area: ~` says "not known", as leaving it out does
    if (input.type.kind != TypeKind::list) {
      auto v = scalar(node, input.type, input.name);
      if (!v) return;
      if (const auto problem = outside_bounds(input, *v)) {
        error(node, input.name, problem->message);
        return;
      }
      scheme_.inputs[index] = *v;
      return;
    }
    if (!node.IsSequence()) {
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
    std::vector<std::string> field_names;
    for (const auto& f : record.fields) field_names.push_back(f.name);
    for (std::size_t r = 0; r < node.size(); ++r) {
      const YAML::Node row = node[r];
      if (!count(row)) return;
      const std::string path = fmt::format("{}[{}]", input.name, r);
      if (!row.IsMap()) {
        error(row, path,
              "a row is a mapping of fields, such as `{type: house, bedrooms: 3, tenure: market, "
              "count: 10}`");
        continue;
      }
      std::vector<Value> values(record.fields.size());
      std::map<std::string, YAML::Mark> seen;
      for (const auto& cell : row) {
        if (!count(cell.second)) return;
        const std::string key = cell.first.IsScalar() ? cell.first.Scalar() : "";
        if (const auto [it, fresh] = seen.emplace(key, cell.first.Mark()); !fresh) {
          error(cell.first, path, fmt::format("`{}` is given twice", key))
              .related.push_back({span_at(it->second, key.size()), "first given here"});
          continue;
        }
        const auto f = record.field(key);
        if (!f) {
          auto& d = diags_.warning(
              "unknown-key", span_of(cell.first, key.size()),
              fmt::format("{}: `{}` is not a field of {}; it is ignored", path, key, record.name));
          if (const auto s = closest_match(key, field_names); !s.empty())
            d.hint = fmt::format("did you mean `{}`?", s);
          continue;
        }
        if (cell.second.IsNull()) continue;
        if (auto v = scalar(cell.second, record.fields[*f].type, path + "." + key)) values[*f] = *v;
      }
      for (std::size_t f = 0; f < record.fields.size(); ++f) {
        const auto& field = record.fields[f];
        // A field given with a bad value has been reported already.
        if (!values[f].known() && !field.optional && field.default_value == ast::no_expr &&
            !seen.count(field.name)) {
          error(row, path,
                fmt::format("the row has no `{}` ({})", field.name, ruleset_.describe(field.type)));
        }
      }
      rows.push_back(std::move(values));
    }
    scheme_.inputs[index] = Value::boolean(true);  // the list is given; its rows are in `lists`
  }

  const CheckedRuleset& ruleset_;
  FileId file_;
  const SuppliedInputs& supplied_;
  Scheme scheme_;
  Diagnostics diags_;
  std::size_t nodes_ = 0;
};

}  // namespace

SchemeLoad read_scheme_node(const CheckedRuleset& ruleset, const YAML::Node& node, FileId file,
                            const std::string& path, const SuppliedInputs& supplied) {
  return SchemeReader(ruleset, file, path, supplied).read(node);
}

SchemeLoad read_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::string& display_path, std::string text,
                       const SuppliedInputs& supplied) {
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
  YAML::Node root;
  try {
    root = YAML::Load(body);
  } catch (const YAML::Exception& e) {
    const auto pos =
        e.mark.is_null() || e.mark.pos < 0 ? 0u : static_cast<std::uint32_t>(e.mark.pos);
    out.diagnostics.error("yaml", {file, pos, pos + 1},
                          fmt::format("this is not valid YAML: {}", e.msg));
    return out;
  }
  if (!root.IsDefined() || root.IsNull()) {
    out.diagnostics.add({.severity = Severity::error,
                         .code = "empty-scheme",
                         .message = "this scheme file is empty; it should give the scheme's "
                                    "inputs, such as `dwellings: 60`",
                         .path = display_path});
    return out;
  }
  try {
    return read_scheme_node(ruleset, root, file, display_path, supplied);
  } catch (const YAML::Exception& e) {
    const auto pos =
        e.mark.is_null() || e.mark.pos < 0 ? 0u : static_cast<std::uint32_t>(e.mark.pos);
    out.diagnostics.error("yaml", {file, pos, pos + 1},
                          fmt::format("this YAML cannot be read: {}", e.msg));
    return out;
  }
}

SchemeLoad load_scheme(const CheckedRuleset& ruleset, SourceSet& sources,
                       const std::filesystem::path& path, const SuppliedInputs& supplied) {
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
                     supplied);
}

}  // namespace spdl
