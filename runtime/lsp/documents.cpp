#include "spdl/runtime/lsp/documents.hpp"

#include <atomic>
#include <system_error>

#include "spdl/runtime/lsp/uri.hpp"

namespace spdl::lsp {

namespace {
// Revisions are unique across documents, so an analysis can never be mistaken for another's.
std::atomic<std::uint64_t> next_revision{1};
}  // namespace

std::optional<std::filesystem::path> canonical_path_of(const std::string& uri) {
  auto path = path_from_uri(uri);
  if (!path || !path->is_absolute()) return std::nullopt;
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(*path, ec);
  return ec ? *path : canonical;
}

Document::Document(std::string uri, std::optional<std::filesystem::path> path, std::int64_t version,
                   std::string text)
    : uri_(std::move(uri)), path_(std::move(path)) {
  replace(version, std::move(text));
}

void Document::replace(std::int64_t version, std::string text) {
  version_ = version;
  text_ = std::move(text);
  lines_ = LineIndex(text_);
  revision_ = next_revision++;
}

void Document::splice(std::int64_t version, const Range& range, const std::string& text) {
  std::uint32_t begin = lines_.offset_of(range.start);
  std::uint32_t end = lines_.offset_of(range.end);
  if (end < begin) std::swap(begin, end);
  std::string updated = text_.substr(0, begin);
  updated += text;
  updated += text_.substr(end);
  replace(version, std::move(updated));
}

Document& DocumentStore::open(const std::string& uri, std::int64_t version, std::string text) {
  auto document = std::make_unique<Document>(uri, canonical_path_of(uri), version, std::move(text));
  Document& out = *document;
  if (auto it = documents_.find(uri); it != documents_.end() && it->second->path())
    overlay_.texts.erase(*it->second->path());
  documents_[uri] = std::move(document);
  changed(out);
  return out;
}

void DocumentStore::close(const std::string& uri) {
  const auto it = documents_.find(uri);
  if (it == documents_.end()) return;
  if (it->second->path()) overlay_.texts.erase(*it->second->path());
  documents_.erase(it);
  ++generation_;
}

Document* DocumentStore::find(const std::string& uri) {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : it->second.get();
}

const Document* DocumentStore::find(const std::string& uri) const {
  const auto it = documents_.find(uri);
  return it == documents_.end() ? nullptr : it->second.get();
}

const Document* DocumentStore::find_path(const std::filesystem::path& canonical) const {
  for (const auto& [uri, document] : documents_) {
    if (document->path() && *document->path() == canonical) return document.get();
  }
  return nullptr;
}

std::vector<const Document*> DocumentStore::all() const {
  std::vector<const Document*> out;
  for (const auto& [uri, document] : documents_) out.push_back(document.get());
  return out;
}

void DocumentStore::changed(const Document& document) {
  if (document.path()) overlay_.texts[*document.path()] = document.text();
  ++generation_;
}

}  // namespace spdl::lsp
