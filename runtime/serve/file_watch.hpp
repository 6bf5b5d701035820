#pragma once
// Whether anything has changed in the folders of the files a server has read, from the kernel's
// notifications (inotify): a request then needs no stat(2) of each file to know its ruleset is
// still the one on disk. Internal to runtime/serve.

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <set>
#include <string>

namespace spdl::serve {

class FileWatch {
 public:
  FileWatch();
  ~FileWatch();
  FileWatch(const FileWatch&) = delete;
  FileWatch& operator=(const FileWatch&) = delete;

  // Watches the folder `file` is in (each folder once). False when it cannot (no inotify, or
  // out of watches): the caller then has only stat(2) to go by.
  bool watch_folder_of(const std::filesystem::path& file);

  // How many times a change has been seen in a watched folder so far (a file written, created,
  // renamed or removed there, or notifications lost): a count that moves on is all it tells.
  // Takes in what the kernel has queued since the last call, without waiting.
  std::uint64_t changes();

 private:
  int fd_ = -1;
  std::mutex mutex_;
  std::set<std::string> folders_;
  std::atomic<std::uint64_t> changes_{0};
};

}  // namespace spdl::serve
