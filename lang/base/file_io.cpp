#include "spdl/lang/base/file_io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

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

AtomicFileWriter::AtomicFileWriter(std::filesystem::path path, WriteFault fault)
    : path_(std::move(path)), fault_(std::move(fault)) {
  const std::filesystem::path dir =
      path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
  std::random_device seed;
  temp_ = (dir / fmt::format(".{}.spdl-{:08x}.tmp", path_.filename().string(), seed())).string();
  struct stat original {};
  const bool exists = ::stat(path_.c_str(), &original) == 0;
  fd_ = ::open(temp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
               exists ? (original.st_mode & 07777) : 0644);
  if (fd_ < 0) {
    error_ = fmt::format("cannot create a temporary file beside {}: {}", path_.string(),
                         std::strerror(errno));
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
      return fail(std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool AtomicFileWriter::fail(const std::string& why) {
  abandon();
  error_ = fmt::format("cannot write {}: {}; the original is unchanged", path_.string(), why);
  return false;
}

std::string AtomicFileWriter::commit() {
  if (fd_ < 0) return error_;
  if (!allowed("sync") || ::fsync(fd_) != 0) {
    fail("the data could not be flushed to disk");
    return error_;
  }
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    error_ = fmt::format("cannot write {}: {}; the original is unchanged", path_.string(),
                         std::strerror(errno));
    abandon();
    return error_;
  }
  const bool refused = !allowed("rename");
  if (refused || ::rename(temp_.c_str(), path_.c_str()) != 0) {
    const std::string why = refused ? "the file system refused the rename" : std::strerror(errno);
    error_ = fmt::format("cannot replace {}: {}; the original is unchanged", path_.string(), why);
    abandon();
    return error_;
  }
  temp_exists_ = false;
  // Make the rename itself durable.
  const std::filesystem::path dir =
      path_.has_parent_path() ? path_.parent_path() : std::filesystem::path(".");
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
