#pragma once
// Files in and out. Reading: only regular files, never larger than a limit, checked before the
// read so a FIFO, a device or a directory never blocks or floods spdl. Writing: to a temporary
// file in the same folder, flushed to disk, then renamed over the target, so a crash or a full
// disk leaves the original byte for byte.

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <variant>

namespace spdl {

struct ReadFailure {
  std::string
      message;  // "is a directory, not a file", "is 52428800 bytes; files may be at most ..."
};

std::variant<std::string, ReadFailure> read_text_file(const std::filesystem::path& path,
                                                      std::size_t max_bytes);

// Tests inject failures through this: it is called before each step ("write", "sync", "rename")
// and a false return makes that step fail as a full disk would.
using WriteFault = std::function<bool(std::string_view step)>;

// Empty on success, else why the file could not be written (the original is untouched).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const WriteFault& fault = {});

}  // namespace spdl
