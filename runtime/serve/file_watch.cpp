#include "spdl/runtime/serve/file_watch.hpp"

#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>

namespace spdl::serve {

FileWatch::FileWatch() : fd_(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) {}

FileWatch::~FileWatch() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileWatch::watch_folder_of(const std::filesystem::path& file) {
  if (fd_ < 0) return false;
  const std::string folder = file.parent_path().empty() ? "." : file.parent_path().string();
  std::lock_guard lock(mutex_);
  if (folders_.count(folder)) return true;
  // Every way an editor saves: written in place, or written beside and renamed over, or the
  // file removed and made again; and a change of its mode or times (IN_ATTRIB).
  const std::uint32_t events = IN_MODIFY | IN_CLOSE_WRITE | IN_ATTRIB | IN_CREATE | IN_DELETE |
                               IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF;
  if (::inotify_add_watch(fd_, folder.c_str(), events) < 0) return false;
  folders_.insert(folder);
  return true;
}

std::uint64_t FileWatch::changes() {
  if (fd_ < 0) return changes_.load();
  // The events themselves do not matter: any of them means "look at the files again". Read and
  // counted under the lock: a thread that finds the queue empty while another has read an
  // event but not yet counted it would take the files to be unchanged.
  std::lock_guard lock(mutex_);
  alignas(struct inotify_event) char events[4096];
  while (true) {
    const ssize_t n = ::read(fd_, events, sizeof events);
    if (n > 0) {
      changes_.fetch_add(1);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;  // EAGAIN: nothing more is queued
  }
  return changes_.load();
}

}  // namespace spdl::serve
