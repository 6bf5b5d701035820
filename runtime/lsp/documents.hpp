#pragma once
// The documents the editor has open: their text as the editor holds it (saved or not), their
// version, and for a file the path it will be saved to. The texts of open files also form the
// overlay through which every ruleset is loaded, so a ruleset that uses or amends an unsaved
// buffer sees the buffer, not the file.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/modules/module_loader.hpp"
#include "spdl/runtime/lsp/text_position.hpp"

namespace spdl::lsp {

class Document {
 public:
  Document(std::string uri, std::optional<std::filesystem::path> path, std::int64_t version,
           std::string text);
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  const std::string& uri() const { return uri_; }
  // The canonical path of a file: URI; nullopt for a buffer that is not a file.
  const std::optional<std::filesystem::path>& path() const { return path_; }
  std::int64_t version() const { return version_; }
  const std::string& text() const { return text_; }
  const LineIndex& lines() const { return lines_; }
  // Counts every change the server has applied, whatever versions the client sends.
  std::uint64_t revision() const { return revision_; }

  void replace(std::int64_t version, std::string text);
  // An incremental change: `range` (clamped to the text) replaced by `text`.
  void splice(std::int64_t version, const Range& range, const std::string& text);

 private:
  std::string uri_;
  std::optional<std::filesystem::path> path_;
  std::int64_t version_ = 0;
  std::string text_;
  LineIndex lines_;
  std::uint64_t revision_ = 0;
};

class DocumentStore {
 public:
  Document& open(const std::string& uri, std::int64_t version, std::string text);
  void close(const std::string& uri);
  Document* find(const std::string& uri);
  const Document* find(const std::string& uri) const;
  const Document* find_path(const std::filesystem::path& canonical) const;
  std::vector<const Document*> all() const;
  // Call after a document's text changed, so the overlay holds it.
  void changed(const Document& document);

  const SourceOverlay& overlay() const { return overlay_; }
  // Changes whenever an open text changes, opens or closes.
  std::uint64_t generation() const { return generation_; }

 private:
  std::map<std::string, std::unique_ptr<Document>> documents_;
  SourceOverlay overlay_;
  std::uint64_t generation_ = 0;
};

// A file: URI's path made canonical (symlinks resolved as far as the file exists).
std::optional<std::filesystem::path> canonical_path_of(const std::string& uri);

}  // namespace spdl::lsp
