#include "lang/file_io.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>

namespace spdl {

std::variant<std::string, ReadFailure> read_text_file(const std::filesystem::path& path,
                                                      std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; we refuse it below anyway.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return ReadFailure{"no such file"};
    if (errno == EACCES) return ReadFailure{"permission denied"};
    if (errno == EISDIR) return ReadFailure{"is a directory, not a file"};
    return ReadFailure{fmt::format("cannot open: {}", std::strerror(errno))};
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};

  struct stat info {};
  if (::fstat(fd, &info) != 0)
    return ReadFailure{fmt::format("cannot read: {}", std::strerror(errno))};
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
      return ReadFailure{fmt::format("cannot read: {}", std::strerror(errno))};
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  text.resize(done);  // reads stop at the size fstat saw, so a growing file stays bounded
  return text;
}

std::string write_file_atomically(const std::filesystem::path& path, std::string_view content,
                                  const WriteFault& fault) {
  auto allowed = [&](std::string_view step) { return !fault || fault(step); };
  const std::filesystem::path dir =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  std::random_device seed;
  const std::string temp =
      (dir / fmt::format(".{}.spdl-{:08x}.tmp", path.filename().string(), seed())).string();

  struct stat original {};
  const bool exists = ::stat(path.c_str(), &original) == 0;
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                        exists ? (original.st_mode & 07777) : 0644);
  if (fd < 0)
    return fmt::format("cannot create a temporary file beside {}: {}", path.string(),
                       std::strerror(errno));
  auto fail = [&](const std::string& why) {
    ::close(fd);
    ::unlink(temp.c_str());
    return fmt::format("cannot write {}: {}; the original is unchanged", path.string(), why);
  };

  std::size_t done = 0;
  while (done < content.size()) {
    if (!allowed("write")) return fail("no space left on device");
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(std::strerror(errno));
    }
    done += static_cast<std::size_t>(n);
  }
  if (!allowed("sync") || ::fsync(fd) != 0) return fail("the data could not be flushed to disk");
  if (::close(fd) != 0) {
    ::unlink(temp.c_str());
    return fmt::format("cannot write {}: {}; the original is unchanged", path.string(),
                       std::strerror(errno));
  }
  const bool refused = !allowed("rename");
  if (refused || ::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = refused ? "the file system refused the rename" : std::strerror(errno);
    ::unlink(temp.c_str());
    return fmt::format("cannot replace {}: {}; the original is unchanged", path.string(), why);
  }
  // Make the rename itself durable.
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return {};
}

}  // namespace spdl
