#include "spdl/lang/base/file_io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <utility>

namespace spdl {

std::optional<std::string> check_readable_file(const std::filesystem::path& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return "does not exist (no such file)";
    if (errno == EACCES) return "cannot be opened (permission denied)";
    if (errno == EISDIR) return "is a directory, not a file";
    return fmt::format("cannot be opened: {}", std::strerror(errno));
  }
  struct stat info {};
  const bool ok = ::fstat(fd, &info) == 0;
  ::close(fd);
  if (!ok) return fmt::format("cannot be read: {}", std::strerror(errno));
  if (S_ISDIR(info.st_mode)) return "is a directory, not a file";
  if (S_ISFIFO(info.st_mode)) return "is a pipe (FIFO), not a regular file";
  if (!S_ISREG(info.st_mode)) return "is not a regular file";
  return std::nullopt;
}

std::variant<std::string, ReadFailure> read_text_file(const std::filesystem::path& path,
                                                      std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it below anyway.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return ReadFailure{"does not exist (no such file)"};
    if (errno == EACCES) return ReadFailure{"cannot be opened (permission denied)"};
    if (errno == EISDIR) return ReadFailure{"is a directory, not a file"};
    return ReadFailure{fmt::format("cannot be opened: {}", std::strerror(errno))};
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  struct stat info {};
  if (::fstat(fd, &info) != 0)
    return ReadFailure{fmt::format("cannot be read: {}", std::strerror(errno))};
  if (S_ISDIR(info.st_mode)) return ReadFailure{"is a directory, not a file"};
  if (S_ISFIFO(info.st_mode)) return ReadFailure{"is a pipe (FIFO), not a regular file"};
  if (!S_ISREG(info.st_mode)) return ReadFailure{"is not a regular file"};
  if (static_cast<std::size_t>(info.st_size) > max_bytes) {
    return ReadFailure{
        fmt::format("is {} bytes; files may be at most {} bytes", info.st_size, max_bytes)};
  }

  std::string text;
  text.resize(static_cast<std::size_t>(info.st_size));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadFailure{fmt::format("cannot be read: {}", std::strerror(errno))};
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);  // reads stop at the size fstat saw, so a growing file stays bounded
  return text;
}

std::variant<std::string, ReadFailure> read_standard_input(std::size_t max_bytes) {
  std::string text;
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return ReadFailure{fmt::format("cannot be read: {}", std::strerror(errno))};
    }
    if (n == 0) break;
    // A pipe has no size to check first: stop as soon as it passes the limit.
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      return ReadFailure{fmt::format("is more than {} bytes; files may be at most {} bytes",
                                     max_bytes, max_bytes)};
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
  return text;
}

bool same_file(const std::filesystem::path& a, const std::filesystem::path& b) {
  struct stat sa {};
  struct stat sb {};
  return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

namespace {

// `path` with every symlink in its last component followed (at most 40, as the kernel allows),
// so that the file written is the one the link names and the link stays a link.
std::filesystem::path follow_links(std::filesystem::path path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec)) || ec) break;
    const std::filesystem::path target = std::filesystem::read_symlink(path, ec);
    if (ec) break;
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  return path;
}

std::string lower_first(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
  return text;
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path, WriteFault fault)
    : path_(std::move(path)), target_(follow_links(path_)), fault_(std::move(fault)) {
  struct stat original {};
  const bool exists = ::stat(target_.c_str(), &original) == 0;
  const std::string name = path_.string();
  if (exists && S_ISDIR(original.st_mode)) {
    error_ = fmt::format("cannot write {}: it is a directory, not a file", name);
    return;
  }
  if (exists && (S_ISCHR(original.st_mode) || S_ISFIFO(original.st_mode))) {
    // A terminal, /dev/null, a pipe: nothing to keep, and nothing a rename could replace.
    direct_ = true;
    fd_ = ::open(target_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0)
      error_ = fmt::format("cannot write {}: {}", name, lower_first(std::strerror(errno)));
    return;
  }
  if (exists && !S_ISREG(original.st_mode)) {
    error_ = fmt::format("cannot write {}: it is a {}; spdl writes to a file, a terminal or a pipe",
                         name,
                         S_ISBLK(original.st_mode)    ? "block device"
                         : S_ISSOCK(original.st_mode) ? "socket"
                                                      : "special file");
    return;
  }
  if (exists) {
    // The new file takes the old one's place: it must be able to take its links, mode and owner
    // too, or the old one stays.
    if (original.st_nlink > 1) {
      error_ = fmt::format(
          "cannot write {}: it has {} hard links, which writing a new file in its place would "
          "break; it is left as it is",
          name, original.st_nlink);
      return;
    }
    if ((original.st_mode & 0222) == 0 || ::access(target_.c_str(), W_OK) != 0) {
      error_ = fmt::format("cannot write {}: it is read-only; it is left as it is", name);
      return;
    }
  }
  open_temporary();
  if (fd_ < 0 || !exists) return;
  if (::fchmod(fd_, original.st_mode & 07777) != 0 ||
      ((original.st_uid != ::geteuid() || original.st_gid != ::getegid()) &&
       ::fchown(fd_, original.st_uid, original.st_gid) != 0)) {
    error_ = fmt::format(
        "cannot write {}: it belongs to another user or group, which a new file in its place "
        "could not keep; it is left as it is",
        name);
    abandon();
  }
}

void AtomicFileWriter::open_temporary() {
  const std::filesystem::path dir =
      target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  std::random_device seed;
  temp_ = (dir / fmt::format(".{}.spdl-{:08x}.tmp", target_.filename().string(), seed())).string();
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd_ < 0) {
    error_ = fmt::format("cannot create a temporary file beside {}: {}", path_.string(),
                         lower_first(std::strerror(errno)));
  }
  temp_exists_ = fd_ >= 0;
}

AtomicFileWriter::~AtomicFileWriter() {
  abandon();
}

bool AtomicFileWriter::allowed(std::string_view step) const {
  return !fault_ || fault_(step);
}

void AtomicFileWriter::abandon() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  if (temp_exists_) ::unlink(temp_.c_str());
  temp_exists_ = false;
}

bool AtomicFileWriter::write(std::string_view content) {
  if (fd_ < 0) return false;
  std::size_t done = 0;
  while (done < content.size()) {
    if (!allowed("write")) return fail("no space left on device");
    const ssize_t n = ::write(fd_, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(lower_first(std::strerror(errno)));
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool AtomicFileWriter::fail(const std::string& why) {
  abandon();
  error_ = direct_
               ? fmt::format("cannot write {}: {}", path_.string(), why)
               : fmt::format("cannot write {}: {}; the original is unchanged", path_.string(), why);
  return false;
}

std::string AtomicFileWriter::commit() {
  if (fd_ < 0) return error_;
  if (direct_) {
    const int fd = std::exchange(fd_, -1);
    if (::close(fd) != 0) {
      error_ =
          fmt::format("cannot write {}: {}", path_.string(), lower_first(std::strerror(errno)));
      return error_;
    }
    return {};
  }
  if (!allowed("sync") || ::fsync(fd_) != 0) {
    fail("the data could not be flushed to disk");
    return error_;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    error_ = fmt::format("cannot write {}: {}; the original is unchanged", path_.string(),
                         lower_first(std::strerror(errno)));
    abandon();
    return error_;
  }
  const bool refused = !allowed("rename");
  if (refused || ::rename(temp_.c_str(), target_.c_str()) != 0) {
    const std::string why =
        refused ? "the file system refused the rename" : lower_first(std::strerror(errno));
    error_ = fmt::format("cannot replace {}: {}; the original is unchanged", path_.string(), why);
    abandon();
    return error_;
  }
  temp_exists_ = false;
  // Make the rename itself durable.
  const std::filesystem::path dir =
      target_.has_parent_path() ? target_.parent_path() : std::filesystem::path(".");
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const WriteFault& fault) {
  AtomicFileWriter writer(path, fault);
  if (!writer.error().empty()) return writer.error();
  if (!writer.write(content)) return writer.error();
  return writer.commit();
}

}  // namespace spdl
