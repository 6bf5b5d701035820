#pragma once
// file: URIs and paths. An editor names documents by URI; spdl reads files by path. Only
// `file:` URIs with an empty or `localhost` authority name files; any other (`untitled:`) names
// a buffer that exists only in the editor.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace spdl::lsp {

// "file:///home/a/r%C3%A9gle.spd" -> "/home/a/règle.spd"; nullopt for any other kind of URI, a
// relative path or a bad escape.
std::optional<std::filesystem::path> path_from_uri(std::string_view uri);

// The reverse, escaping every byte outside A-Z a-z 0-9 - . _ ~ /, as VS Code does.
std::string uri_from_path(const std::filesystem::path& path);

}  // namespace spdl::lsp
