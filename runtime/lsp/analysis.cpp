#include "spdl/runtime/lsp/analysis.hpp"

#include <system_error>

#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/lsp/uri.hpp"

namespace spdl::lsp {

namespace fs = std::filesystem;

Analysis::Analysis(std::string uri, std::int64_t version, std::uint64_t revision,
                   CheckResult checked)
    : uri_(std::move(uri)), version_(version), revision_(revision), checked_(std::move(checked)) {
  const Load& load = *checked_.load;
  if (load.main < load.modules.size()) file_ = load.modules[load.main].syntax.file;
  for (const auto& m : load.modules) {
    if (m.path.is_absolute()) files_.insert(m.path);
  }
}

const CheckedRuleset* Analysis::semantic() const {
  if (checked_.ruleset) return checked_.ruleset.get();
  return checked_.partial.get();
}

const SymbolIndex& Analysis::index() const {
  if (!index_) index_ = std::make_unique<SymbolIndex>(load(), semantic());
  return *index_;
}

std::shared_ptr<const Program> Analysis::program() const {
  if (!program_) {
    program_.emplace();
    if (good()) *program_ = open_ruleset(checked_).program;
  }
  return *program_;
}

const LineIndex& Analysis::lines(FileId file) const {
  auto it = lines_.find(file);
  if (it == lines_.end())
    it = lines_.emplace(file, LineIndex(load().sources.file(file).text())).first;
  return it->second;
}

std::optional<std::uint32_t> Analysis::module_of(FileId file) const {
  const Load& l = load();
  for (std::uint32_t m = 0; m < l.modules.size(); ++m) {
    if (l.modules[m].syntax.file == file) return m;
  }
  return std::nullopt;
}

fs::path Analysis::path_of(FileId file) const {
  const auto m = module_of(file);
  if (!m) return {};
  const fs::path& path = load().modules[*m].path;
  return path.is_absolute() ? path : fs::path();
}

std::shared_ptr<const Analysis> Workspace::analyse(const Document& document) {
  const auto start = std::chrono::steady_clock::now();
  const ModuleRoots roots = roots_for(document.path());
  std::shared_ptr<Load> load =
      document.path()
          ? load_ruleset(*document.path(), roots, &documents_.overlay())
          : load_ruleset_text(document.uri(), document.text(), roots, &documents_.overlay());
  auto analysis = std::make_shared<Analysis>(document.uri(), document.version(),
                                             document.revision(), check(std::move(load)));
  analysis->set_took(std::chrono::steady_clock::now() - start);
  latest_[document.uri()] = analysis;
  if (analysis->good()) good_[document.uri()] = analysis;
  stale_.erase(document.uri());
  return analysis;
}

std::shared_ptr<const Analysis> Workspace::current(const std::string& uri) {
  const Document* document = documents_.find(uri);
  if (document == nullptr) return nullptr;
  if (!stale(uri)) return latest_.at(uri);
  return analyse(*document);
}

bool Workspace::stale(const std::string& uri) const {
  const Document* document = documents_.find(uri);
  if (document == nullptr) return false;
  const auto it = latest_.find(uri);
  return it == latest_.end() || it->second->revision() != document->revision() ||
         stale_.count(uri) > 0;
}

std::shared_ptr<const Analysis> Workspace::latest(const std::string& uri) const {
  const auto it = latest_.find(uri);
  return it == latest_.end() ? nullptr : it->second;
}

std::shared_ptr<const Analysis> Workspace::last_good(const std::string& uri) const {
  const auto it = good_.find(uri);
  return it == good_.end() ? nullptr : it->second;
}

void Workspace::forget(const std::string& uri) {
  latest_.erase(uri);
  good_.erase(uri);
  stale_.erase(uri);
}

std::vector<std::string> Workspace::dependents(const fs::path& canonical) const {
  std::vector<std::string> out;
  for (const auto& [uri, analysis] : latest_) {
    if (analysis->files().count(canonical) && analysis->path_of(analysis->file()) != canonical)
      out.push_back(uri);
  }
  return out;
}

ModuleRoots Workspace::roots_for(const std::optional<fs::path>& path) const {
  if (path) return find_roots(*path, home_);
  if (root_) return find_roots(*root_ / "untitled.spd", home_);
  return {{home_ / "stdlib", home_ / "rulesets"}};
}

std::vector<fs::path> Workspace::project_files(const ModuleRoots& roots) const {
  constexpr std::size_t most_entries = 5000;
  std::vector<fs::path> out;
  for (const auto& root : roots.dirs) {
    std::error_code ec;
    std::size_t seen = 0;
    for (auto it = fs::recursive_directory_iterator(
             root, fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator() && seen < most_entries;
         it.increment(ec), ++seen) {
      if (it->path().extension() != ".spd" || !it->is_regular_file(ec)) continue;
      const fs::path canonical = fs::weakly_canonical(it->path(), ec);
      out.push_back(ec ? it->path() : canonical);
      ec.clear();
    }
  }
  return out;
}

std::shared_ptr<const Analysis> Workspace::analyse_file(const fs::path& path) {
  std::error_code ec;
  const auto modified = fs::last_write_time(path, ec);
  auto& cached = files_[path];
  if (cached.analysis && cached.modified == modified &&
      cached.overlay_generation == documents_.generation())
    return cached.analysis;
  const ModuleRoots roots = roots_for(path);
  cached.analysis = std::make_shared<Analysis>(
      uri_from_path(path), 0, 0, check(load_ruleset(path, roots, &documents_.overlay())));
  cached.modified = modified;
  cached.overlay_generation = documents_.generation();
  return cached.analysis;
}

std::vector<std::shared_ptr<const Analysis>> Workspace::project(const Analysis& from) {
  const fs::path own = from.path_of(from.file());
  return project(roots_for(own.empty() ? std::nullopt : std::optional<fs::path>(own)));
}

std::vector<std::shared_ptr<const Analysis>> Workspace::project(const ModuleRoots& roots) {
  std::vector<std::shared_ptr<const Analysis>> out;
  std::set<fs::path> done;
  for (const Document* document : documents_.all()) {
    if (auto analysis = current(document->uri())) {
      if (document->path()) done.insert(*document->path());
      out.push_back(std::move(analysis));
    }
  }
  for (const auto& path : project_files(roots)) {
    if (done.insert(path).second) out.push_back(analyse_file(path));
  }
  return out;
}

std::string Workspace::uri_of(const Analysis& analysis, FileId file) const {
  if (file == analysis.file()) return analysis.uri();
  const fs::path path = analysis.path_of(file);
  if (path.empty()) return analysis.load().sources.file(file).path();
  if (const Document* document = documents_.find_path(path)) return document->uri();
  return uri_from_path(path);
}

}  // namespace spdl::lsp
