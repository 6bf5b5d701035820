#pragma once
// Files in and out. Reading: only regular files, never larger than a limit, checked before the
// read so a FIFO, a device or a directory never blocks or floods spdl. Writing: to a temporary
// file in the same folder, flushed to disk, then renamed over the target, so a crash or a full
// disk leaves the original byte for byte.

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

// Tests inject failures through this: it is called before each step ("write", "sync", "rename")
// and a false return makes that step fail as a full disk would.
using WriteFault = std::function<bool(std::string_view step)>;

// A file written in pieces the same way: into a temporary file beside `path`, which commit()
// syncs and renames over it. Destroyed without a successful commit(), it removes the temporary
// file and leaves any original as it was.
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
  std::filesystem::path path_;
  std::string temp_;
  WriteFault fault_;
  int fd_ = -1;
  bool temp_exists_ = false;
  std::string error_;
};

// Empty on success, else why the file could not be written (the original is untouched).
std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const WriteFault& fault = {});

}  // namespace spdl
