#pragma once
// Analysing a document: load it with what it uses and amends (open documents read from the
// editor, the rest from disk), check it, and keep what the features read. Each open document
// keeps its latest analysis and its last good one (the latest that checked without errors), so
// figures and types stay at hand while the writer is in the middle of an edit.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "spdl/lang/check/checked.hpp"
#include "spdl/runtime/ir/program.hpp"
#include "spdl/runtime/lsp/documents.hpp"
#include "spdl/runtime/lsp/symbol_index.hpp"
#include "spdl/runtime/lsp/text_position.hpp"

namespace spdl::lsp {

class Analysis {
 public:
  Analysis(std::string uri, std::int64_t version, std::uint64_t revision, CheckResult checked);

  const std::string& uri() const { return uri_; }
  std::int64_t version() const { return version_; }
  std::uint64_t revision() const { return revision_; }
  const CheckResult& checked() const { return checked_; }
  const Load& load() const { return *checked_.load; }
  bool good() const { return checked_.ruleset != nullptr; }
  // The checker's view: the whole ruleset when it checks, else as far as checking got (or null).
  const CheckedRuleset* semantic() const;
  // The document's own file in the load; no_file when it could not be read.
  FileId file() const { return file_; }
  // The canonical path of every file the load read, for finding the documents that depend on one.
  const std::set<std::filesystem::path>& files() const { return files_; }
  std::chrono::nanoseconds took() const { return took_; }
  void set_took(std::chrono::nanoseconds took) { took_ = took; }

  // Built on first use: diagnostics need neither.
  const SymbolIndex& index() const;
  // The lowered ruleset with every parameter computed; null unless good() and lowering works.
  std::shared_ptr<const Program> program() const;
  const LineIndex& lines(FileId file) const;
  // The canonical path of a file of the load; empty for a buffer that is not a file.
  std::filesystem::path path_of(FileId file) const;
  // The module (in Load::modules) whose file this is.
  std::optional<std::uint32_t> module_of(FileId file) const;

 private:
  std::string uri_;
  std::int64_t version_;
  std::uint64_t revision_;
  CheckResult checked_;
  FileId file_ = no_file;
  std::set<std::filesystem::path> files_;
  std::chrono::nanoseconds took_{};
  mutable std::unique_ptr<SymbolIndex> index_;
  mutable std::optional<std::shared_ptr<const Program>> program_;
  mutable std::map<FileId, LineIndex> lines_;
};

class Workspace {
 public:
  explicit Workspace(std::filesystem::path home) : home_(std::move(home)) {}

  DocumentStore& documents() { return documents_; }
  const DocumentStore& documents() const { return documents_; }
  // The folder the editor opened, if it said: its stdlib/ and rulesets/ hold the project.
  void set_root(std::optional<std::filesystem::path> root) { root_ = std::move(root); }

  // The analysis of an open document's current text: analysed now if the text (or a file it
  // reads) changed since. Null for a document that is not open.
  std::shared_ptr<const Analysis> current(const std::string& uri);
  std::shared_ptr<const Analysis> latest(const std::string& uri) const;
  std::shared_ptr<const Analysis> last_good(const std::string& uri) const;
  bool stale(const std::string& uri) const;
  // The document must be analysed again before it is next read (a file it reads changed).
  void invalidate(const std::string& uri) { stale_.insert(uri); }
  void forget(const std::string& uri);
  // Open documents whose latest analysis read the file at `canonical`.
  std::vector<std::string> dependents(const std::filesystem::path& canonical) const;

  // The stdlib/ and rulesets/ a file's `use` and `amends` read.
  ModuleRoots roots_for(const std::optional<std::filesystem::path>& path) const;
  // Every ruleset and module of the project a document belongs to, analysed (open ones from
  // the editor's text): for references and renames across files.
  std::vector<std::shared_ptr<const Analysis>> project(const Analysis& from);
  // The same for a project's roots: every open document, then every file under the roots.
  std::vector<std::shared_ptr<const Analysis>> project(const ModuleRoots& roots);
  // The .spd files under the roots (at most a few thousand).
  std::vector<std::filesystem::path> project_files(const ModuleRoots& roots) const;
  // How to name a file of a load to the editor: its open document's URI, else a file: URI.
  std::string uri_of(const Analysis& analysis, FileId file) const;

 private:
  std::shared_ptr<const Analysis> analyse(const Document& document);
  std::shared_ptr<const Analysis> analyse_file(const std::filesystem::path& path);

  std::filesystem::path home_;
  std::optional<std::filesystem::path> root_;
  DocumentStore documents_;
  std::map<std::string, std::shared_ptr<const Analysis>> latest_;
  std::map<std::string, std::shared_ptr<const Analysis>> good_;
  std::set<std::string> stale_;
  // Files on disk analysed for project(): by path, with the file's time and the open texts they
  // were analysed with.
  struct Cached {
    std::filesystem::file_time_type modified;
    std::uint64_t overlay_generation = 0;
    std::shared_ptr<const Analysis> analysis;
  };
  std::map<std::filesystem::path, Cached> files_;
  std::uint64_t overlay_generation_ = 0;
};

}  // namespace spdl::lsp
