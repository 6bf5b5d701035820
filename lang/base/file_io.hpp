#pragma once
// Files in and out. Reading: only regular files, never larger than a limit, checked before the
// read so a FIFO, a device or a directory never blocks or floods spdl. Writing a regular file:
// to a temporary file in the same folder, flushed to disk, then renamed over the target, so a
// crash or a full disk leaves the original byte for byte; the new file keeps the old one's mode
// and owner, a symlink is followed to the file it names, and a file that cannot be replaced
// without loss (read-only, hard-linked, another's that cannot be given back) is refused. A
// terminal, /dev/null or a pipe named as the output is written directly.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace spdl {

struct ReadFailure {
  std::string
      message;  // read after "it": "does not exist (no such file)", "is a directory, not a file"
};

std::variant<std::string, ReadFailure> read_text_file(const std::filesystem::path& path,
                                                      std::size_t max_bytes);

// Standard input read to its end, never more than `max_bytes`: for a command given `-` for a
// file. Messages name it as "<stdin>", as compilers do.
std::variant<std::string, ReadFailure> read_standard_input(std::size_t max_bytes);
inline constexpr const char* standard_input_name = "<stdin>";

// Why `path` cannot be read as a regular file of any size ("is a directory, not a file"), or
// nothing when it can: for input that is streamed rather than read whole.
std::optional<std::string> check_readable_file(const std::filesystem::path& path);

// Standard input read whole, refused past `max_bytes` (for `spdl eval RULESET -`).
std::variant<std::string, ReadFailure> read_standard_input(std::size_t max_bytes);

// Whether the two paths name one file (the same device and inode, symlinks followed); false when
// either does not exist.
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// Tests inject failures through this: it is called before each step ("write", "sync", "rename")
// and a false return makes that step fail as a full disk would.
using WriteFault = std::function<bool(std::string_view step)>;

// A file written in pieces the same way: into a temporary file beside `path` (beside the file a
// symlink names), which commit() syncs and renames over it. Destroyed without a successful
// commit(), it removes the temporary file and leaves any original as it was. A character device
// or a FIFO is written directly; anything else that is not a regular file is refused.
class AtomicFileWriter {
 public:
  explicit AtomicFileWriter(std::filesystem::path path, WriteFault fault = {});
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  bool write(std::string_view content);                // false once anything failed
  std::string commit();                                // empty on success
  const std::string& error() const { return error_; }  // why it failed, once it has

 private:
  bool allowed(std::string_view step) const;
  bool fail(const std::string& why);
  void abandon();
  void open_temporary();
  std::filesystem::path path_;    // as named, for messages
  std::filesystem::path target_;  // the file written: `path_` with symlinks followed
  std::string temp_;
  WriteFault fault_;
  int fd_ = -1;
  bool temp_exists_ = false;
  bool direct_ = false;  // a terminal, /dev/null or a pipe: written in place, not renamed over
  std::string error_;
};

// Empty on success, else why the file could not be written (the original is untouched).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const WriteFault& fault = {});

}  // namespace spdl
