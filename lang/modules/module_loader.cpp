#include "spdl/lang/modules/module_loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <system_error>

#include "spdl/lang/base/did_you_mean.hpp"
#include "spdl/lang/base/file_io.hpp"
#include "spdl/lang/base/limits.hpp"
#include "spdl/lang/syntax/parser.hpp"

namespace spdl {

namespace fs = std::filesystem;

ModuleRoots find_roots(const fs::path& file, const fs::path& home) {
  ModuleRoots roots;
  std::error_code ec;
  const fs::path folder = fs::absolute(file, ec).parent_path();
  fs::path project;
  for (fs::path dir = folder; !dir.empty(); dir = dir.parent_path()) {
    if (fs::is_directory(dir / "stdlib", ec)) {
      project = dir;
      break;
    }
    if (dir == dir.root_path()) break;
  }
  if (!project.empty()) {
    roots.dirs = {project / "stdlib", project / "rulesets"};
    roots.trees = {project};
  } else {
    roots.trees = {folder};
  }
  // spdl's home after the project's own folders, each folder once (the build tree's home links to
  // the source tree's stdlib/ and rulesets/).
  const auto add = [&](std::vector<fs::path>& list, const fs::path& dir) {
    const fs::path canonical = fs::weakly_canonical(dir, ec);
    for (const auto& d : list) {
      if (fs::weakly_canonical(d, ec) == canonical) return;
    }
    list.push_back(dir);
  };
  add(roots.dirs, home / "stdlib");
  add(roots.dirs, home / "rulesets");
  add(roots.trees, home);
  return roots;
}

namespace {

bool within(const fs::path& path, const fs::path& root) {
  auto p = path.begin();
  for (auto r = root.begin(); r != root.end(); ++r, ++p) {
    if (r->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *r) return false;
  }
  return true;
}

// "vale/first_draft_2004.spd" -> "vale.first_draft_2004"
std::string dotted_from_relative(const fs::path& relative) {
  std::string out;
  fs::path stem = relative;
  stem.replace_extension();
  for (const auto& part : stem) {
    if (!out.empty()) out += '.';
    out += part.string();
  }
  return out;
}

struct Resolution {
  fs::path path;      // canonical
  std::string name;   // dotted
  std::string error;  // set when resolution failed
  std::string hint;
};

class Loader {
 public:
  Loader(const ModuleRoots& roots, const SourceOverlay* overlay)
      : load_(std::make_shared<Load>()), overlay_(overlay) {
    std::error_code ec;
    const auto canonical = [&](const fs::path& p) {
      const fs::path c = fs::weakly_canonical(fs::absolute(p, ec), ec);
      return ec ? p : c;
    };
    for (const auto& r : roots.dirs) roots_.push_back(canonical(r));
    for (const auto& t : roots.trees) trees_.push_back(canonical(t));
    if (trees_.empty()) {
      for (const auto& r : roots_) {
        if (std::find(trees_.begin(), trees_.end(), r.parent_path()) == trees_.end())
          trees_.push_back(r.parent_path());
      }
    }
  }

  std::shared_ptr<Load> load_file(const fs::path& file) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    auto text = read_source(ec ? file : canonical);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      load_->diagnostics.add(
          {.severity = Severity::error,
           .code = "cannot-read",
           .message = fmt::format("cannot read {}: it {}", file.string(), failure->message),
           .path = file.string()});
      return load_;
    }
    load_->main = add_module(file.string(), std::move(std::get<std::string>(text)),
                             ec ? file : canonical, name_of_path(ec ? file : canonical));
    return finish();
  }

  std::shared_ptr<Load> load_text(const std::string& display_path, std::string text) {
    load_->main = add_module(display_path, std::move(text), fs::path(display_path), "");
    return finish();
  }

 private:
  std::variant<std::string, ReadFailure> read_source(const fs::path& canonical) const {
    if (overlay_ != nullptr) {
      if (const std::string* text = overlay_->find(canonical)) return *text;
    }
    return read_text_file(canonical, limits::max_source_bytes);
  }

  bool in_overlay(const fs::path& candidate) const {
    if (overlay_ == nullptr || overlay_->texts.empty()) return false;
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(candidate, ec);
    return !ec && overlay_->find(canonical) != nullptr;
  }

  std::shared_ptr<Load> finish() {
    resolve_dependencies(load_->main);
    // The tree lives as long as the ruleset is loaded: give back what growing it left over (up to
    // half of each array), before the checker takes pointers into it.
    auto& ast = load_->ast;
    ast.exprs.shrink_to_fit();
    ast.args.shrink_to_fit();
    ast.numbers.shrink_to_fit();
    ast.strings.shrink_to_fit();
    ast.names.shrink_to_fit();
    for (auto& m : load_->modules) {
      m.syntax.decls.shrink_to_fit();
      m.syntax.comments.shrink_to_fit();
      m.syntax.uses.shrink_to_fit();
    }
    return load_;
  }

  // The dotted name a file would have if it lies under a root, else "".
  std::string name_of_path(const fs::path& canonical) const {
    for (const auto& root : roots_) {
      if (within(canonical, root)) return dotted_from_relative(canonical.lexically_relative(root));
    }
    return "";
  }

  std::uint32_t add_module(const std::string& display_path, std::string text, const fs::path& path,
                           const std::string& name) {
    const FileId file = load_->sources.add(display_path, std::move(text));
    ParseResult parsed = parse_module(load_->ast, load_->sources, file);
    load_->diagnostics.append(parsed.diagnostics);
    LoadedModule m;
    m.syntax = std::move(parsed.module);
    m.path = path;
    m.name = name;
    load_->modules.push_back(std::move(m));
    const auto index = static_cast<std::uint32_t>(load_->modules.size() - 1);
    if (!path.empty()) by_path_[path] = index;
    check_id(index);
    return index;
  }

  // A module's declared id must match where it lives, so `amends` and `use` mean one thing.
  void check_id(std::uint32_t index) {
    const auto& m = load_->modules[index];
    const auto& header = m.syntax.header;
    if (m.name.empty() || header.id.empty() || header.id == m.name) return;
    load_->diagnostics
        .error("id-mismatch", header.id_span,
               fmt::format("this file declares `{}`, but its place under {} makes it `{}`",
                           header.id, roots_description(), m.name))
        .hint = fmt::format("rename the id to `{}` or move the file", m.name);
  }

  std::string roots_description() const {
    std::string out;
    for (const auto& r : roots_) {
      if (!out.empty()) out += " or ";
      out += r.filename().string() + "/";
    }
    return out;
  }

  // A folder as messages name it: within the project's tree, from there ("stdlib/"); elsewhere
  // (spdl's home) in full.
  std::string shown(const fs::path& dir, bool folder = true) const {
    const std::string tail = folder ? "/" : "";
    if (!trees_.empty() && within(dir, trees_.front()) && dir != trees_.front())
      return dir.lexically_relative(trees_.front()).string() + tail;
    return dir.string() + tail;
  }

  // "stdlib/, rulesets/, /opt/spdl/share/spdl/stdlib/ or /opt/spdl/share/spdl/rulesets/"
  std::string searched(const std::vector<fs::path>& dirs, const char* last) const {
    std::string out;
    for (std::size_t i = 0; i < dirs.size(); ++i) {
      if (i > 0) out += i + 1 == dirs.size() ? last : ", ";
      out += shown(dirs[i]);
    }
    return out;
  }

  bool in_trees(const fs::path& path) const {
    for (const auto& t : trees_) {
      if (within(path, t)) return true;
    }
    return false;
  }

  // `"../adopted_2024.spd"`: relative to the folder of the file that names it, and within the
  // project's folder tree or spdl's home.
  Resolution resolve_path(const std::string& target, std::uint32_t from) {
    Resolution r;
    const fs::path relative(target);
    const std::string places = trees_.size() > 1 ? "this project's folder tree and spdl's home"
                                                 : "this project's folder tree";
    if (relative.empty()) {
      r.error =
          "`use \"\"` names no module: give a file's path from the one that names it, or a "
          "module's dotted name";
      return r;
    }
    if (relative.is_absolute()) {
      r.error = fmt::format(
          "`{}` is an absolute path; a file is named by its path from the one that names it",
          target);
      return r;
    }
    std::error_code ec;
    const fs::path here = fs::absolute(load_->modules[from].path, ec).parent_path();
    const fs::path normal = (here / relative).lexically_normal();
    // Leaving the tree is refused whether or not anything exists there.
    if (!in_trees(normal)) {
      r.error =
          fmt::format("`{}` leads outside {}; a module may only come from there", target, places);
      return r;
    }
    if (!fs::exists(fs::symlink_status(normal, ec))) {
      r.error = fmt::format("there is no file `{}`: looked for {}", target, shown(normal, false));
      return r;
    }
    const fs::path canonical = fs::weakly_canonical(normal, ec);
    if (ec || !in_trees(canonical)) {
      r.error =
          fmt::format("`{}` leads outside {}; a module may only come from there", target, places);
      return r;
    }
    r.path = canonical;
    r.name = name_of_path(canonical);
    return r;
  }

  Resolution resolve(const std::string& target, bool quoted, std::uint32_t from) {
    if (quoted) return resolve_path(target, from);
    Resolution r;
    fs::path relative;
    for (char c : target) relative += c == '.' ? std::string(1, '/') : std::string(1, c);
    relative += ".spd";
    std::error_code ec;
    for (const auto& root : roots_) {
      const fs::path candidate = root / relative;
      if (!fs::exists(fs::symlink_status(candidate, ec)) && !in_overlay(candidate)) continue;
      const fs::path canonical = fs::weakly_canonical(candidate, ec);
      if (ec || !within(canonical, root)) {
        r.error = fmt::format("`{}` leads outside {}; modules may only come from there", target,
                              searched(roots_, " or "));
        return r;
      }
      r.path = canonical;
      r.name = dotted_from_relative(canonical.lexically_relative(root));
      return r;
    }
    r.error = fmt::format("there is no module `{}` in {}", target, searched(roots_, " or "));
    const std::string suggestion = closest_match(target, known_module_names());
    if (!suggestion.empty()) r.hint = fmt::format("did you mean `{}`?", suggestion);
    return r;
  }

  const std::vector<std::string>& known_module_names() {
    if (!known_names_) {
      known_names_.emplace();
      std::error_code ec;
      for (const auto& root : roots_) {
        std::size_t seen = 0;
        for (auto it = fs::recursive_directory_iterator(
                 root, fs::directory_options::skip_permission_denied, ec);
             !ec && it != fs::recursive_directory_iterator() && seen < 2000;
             it.increment(ec), ++seen) {
          if (it->path().extension() == ".spd") {
            known_names_->push_back(dotted_from_relative(it->path().lexically_relative(root)));
          }
        }
      }
    }
    return *known_names_;
  }

  // Depth-first over `use` and `amends`; `active_` is the current path, for naming cycles.
  void resolve_dependencies(std::uint32_t index) {
    active_.push_back(index);
    state_[index] = State::active;
    const auto uses = load_->modules[index].syntax.uses;  // copy: modules_ may grow
    for (const auto& use : uses) {
      if (auto dep = follow(use.module, use.quoted, use.span, "use", index)) {
        load_->modules[index].uses.push_back(*dep);
      }
    }
    const auto& header = load_->modules[index].syntax.header;
    if (!header.amends.empty()) {
      const Span span = header.amends_span;
      const std::string target = header.amends;
      const bool is_module = header.is_module;
      const bool quoted = header.amends_quoted;
      if (is_module) {
        load_->diagnostics.error("module-amends", span,
                                 "a `module` cannot amend anything; only a `ruleset` can");
      } else if (auto dep = follow(target, quoted, span, "amends", index)) {
        load_->modules[index].base = *dep;
        if (load_->modules[*dep].syntax.header.is_module) {
          load_->diagnostics.error(
              "amends-module", span,
              fmt::format("`{}` is a module of shared definitions; `amends` names a ruleset",
                          target));
        }
      }
    }
    active_.pop_back();
    state_[index] = State::done;
  }

  std::optional<std::uint32_t> follow(const std::string& target, bool quoted, Span span,
                                      const char* how, std::uint32_t from) {
    Resolution r = resolve(target, quoted, from);
    if (!r.error.empty()) {
      load_->diagnostics.error("module-not-found", span, r.error).hint = r.hint;
      return std::nullopt;
    }
    if (auto it = by_path_.find(r.path); it != by_path_.end()) {
      if (state_[it->second] == State::active) report_cycle(it->second, span, how);
      return state_[it->second] == State::active ? std::nullopt : std::optional(it->second);
    }
    if (load_->modules.size() >= limits::max_modules) {
      load_->diagnostics.error(
          "too-many-modules", span,
          fmt::format("this ruleset reaches more than {} modules", limits::max_modules));
      return std::nullopt;
    }
    auto text = read_source(r.path);
    if (auto* failure = std::get_if<ReadFailure>(&text)) {
      load_->diagnostics.error(
          "cannot-read", span,
          fmt::format("cannot read module `{}`: it {}", target, failure->message));
      return std::nullopt;
    }
    const auto index =
        add_module(r.path.string(), std::move(std::get<std::string>(text)), r.path, r.name);
    resolve_dependencies(index);
    return index;
  }

  void report_cycle(std::uint32_t again, Span span, const char* how) {
    std::string chain;
    bool in_cycle = false;
    for (const auto m : active_) {
      in_cycle |= m == again;
      if (!in_cycle) continue;
      chain += display_name(m) + " → ";
    }
    chain += display_name(again);
    load_->diagnostics
        .error("module-cycle", span, fmt::format("`{}` forms a cycle: {}", how, chain))
        .hint = "modules must form a tree: move the shared declarations into a module both can use";
  }

  std::string display_name(std::uint32_t m) const {
    const auto& mod = load_->modules[m];
    if (!mod.syntax.header.id.empty()) return mod.syntax.header.id;
    return mod.name.empty() ? mod.path.filename().string() : mod.name;
  }

  enum class State { active, done };
  std::shared_ptr<Load> load_;
  const SourceOverlay* overlay_;
  std::vector<fs::path> roots_;
  std::vector<fs::path> trees_;
  std::map<fs::path, std::uint32_t> by_path_;
  std::map<std::uint32_t, State> state_;
  std::vector<std::uint32_t> active_;
  std::optional<std::vector<std::string>> known_names_;
};

}  // namespace

const std::string* SourceOverlay::find(const fs::path& canonical) const {
  const auto it = texts.find(canonical);
  return it == texts.end() ? nullptr : &it->second;
}

std::shared_ptr<Load> load_ruleset(const fs::path& file, const ModuleRoots& roots,
                                   const SourceOverlay* overlay) {
  return Loader(roots, overlay).load_file(file);
}

std::shared_ptr<Load> load_ruleset_text(const std::string& display_path, std::string text,
                                        const ModuleRoots& roots, const SourceOverlay* overlay) {
  return Loader(roots, overlay).load_text(display_path, std::move(text));
}

}  // namespace spdl
