#pragma once
// The rulesets a server serves: every .spd under its root and the national stdlib, found by id
// (never by a path from a request). Each is opened (loaded, checked, lowered) on first use and
// kept; a request that needs it again stats the files it was read from, and opens it again when
// one changed. The stats are skipped while the kernel reports no change in the files' folders
// (file_watch.hpp), but not for more than a second: a folder on a network drive is not
// reported on. A version with errors never replaces the last good one: it is kept beside it, and
// its errors are what the service answers until the file is mended.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "spdl/lang/modules/module_loader.hpp"
#include "spdl/runtime/engine/catalogue.hpp"
#include "spdl/runtime/engine/engine.hpp"
#include "spdl/runtime/serve/file_watch.hpp"

namespace spdl::serve {

// What the store knows of one ruleset when asked.
struct StoredRuleset {
  std::shared_ptr<const CatalogueEntry> entry;
  // The last version that opened without errors (null until one has).
  std::shared_ptr<const OpenedRuleset> good;
  // The version on disk now, when it has errors (null when the version on disk is `good`).
  std::shared_ptr<const OpenedRuleset> broken;
};

class RulesetStore {
 public:
  // `root`: the folder of rulesets served; `home`: spdl's installation, whose stdlib/ is served
  // too and whose stdlib/ and rulesets/ resolve what a ruleset uses or amends after the root.
  RulesetStore(std::filesystem::path root, std::filesystem::path home);

  // Every ruleset and module, read afresh from the files' headers (by authority, then id).
  std::vector<CatalogueEntry> catalogue();
  // The entry of an id; the folders are read again when it is not known (a new file). Null for
  // an unknown id.
  std::shared_ptr<const CatalogueEntry> find(const std::string& id);
  // The ruleset of an id, opened or reopened as its files require; nothing for an unknown id.
  std::optional<StoredRuleset> open(const std::string& id);

  // Where `use` and `amends` in a ruleset given as text (the workbench's) are resolved: the
  // root, then the stdlib and rulesets of spdl's home (plus `extra_trees` for quoted paths).
  ModuleRoots roots(const std::vector<std::filesystem::path>& extra_trees = {}) const;
  const std::filesystem::path& root() const { return root_; }
  const std::filesystem::path& home() const { return home_; }

 private:
  // What one stat(2) says of a file (checked on every request that opens the ruleset): an
  // edit changes its modification time or its size, a replacement its inode.
  struct FileStat {
    std::int64_t modified_ns = 0;
    std::int64_t size = -1;  // -1: it could not be read
    std::uint64_t inode = 0;
    bool operator==(const FileStat&) const = default;
  };
  struct FileStamp {
    std::filesystem::path path;
    FileStat stat;
  };
  static FileStat stat_of(const std::filesystem::path& path);
  // A slot is replaced whole, never changed: a request takes it under the lock and stats its
  // files outside it, so two requests do not wait on each other's system calls.
  struct Slot {
    std::vector<FileStamp> stamps;  // of the version last opened (good or broken)
    std::shared_ptr<const OpenedRuleset> good;
    std::shared_ptr<const OpenedRuleset> broken;
    bool watched = false;  // every file's folder is watched
    // When the stamps were last found true: the watch's count of changes then, and the time.
    mutable std::atomic<std::uint64_t> changes_then{0};
    mutable std::atomic<std::int64_t> checked_ns{0};
  };
  // Whether a slot is still what is on disk: by the watch when it can say, else by stat(2).
  bool current(const Slot& slot);
  std::shared_ptr<const Slot> slot_of(const std::string& id);

  void rescan_locked();
  static std::vector<FileStamp> stamps_of(const OpenedRuleset& opened,
                                          const std::filesystem::path& main);
  static bool unchanged(const std::vector<FileStamp>& stamps);

  std::filesystem::path root_;
  std::filesystem::path home_;
  std::mutex mutex_;
  std::vector<std::shared_ptr<const CatalogueEntry>> entries_;
  std::map<std::string, std::size_t> by_id_;
  std::chrono::steady_clock::time_point scanned_;
  std::map<std::string, std::shared_ptr<const Slot>> slots_;
  std::mutex open_mutex_;  // one (re)opening at a time: a burst of requests opens a file once
  FileWatch watch_;
};

}  // namespace spdl::serve
