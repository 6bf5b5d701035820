#include "spdl/runtime/serve/ruleset_store.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "spdl/lang/check/checked.hpp"

namespace spdl::serve {

namespace fs = std::filesystem;

RulesetStore::RulesetStore(fs::path root, fs::path home)
    : root_(std::move(root)), home_(std::move(home)) {
  std::lock_guard lock(mutex_);
  rescan_locked();
}

void RulesetStore::rescan_locked() {
  scanned_ = std::chrono::steady_clock::now();
  auto entries = list_rulesets(root_);
  const fs::path stdlib = home_ / "stdlib";
  std::error_code ec;
  if (fs::weakly_canonical(stdlib, ec) != fs::weakly_canonical(root_ / "stdlib", ec)) {
    auto modules = list_rulesets(stdlib);
    entries.insert(entries.end(), modules.begin(), modules.end());
  }
  entries_.clear();
  by_id_.clear();
  for (auto& e : entries) {
    if (!e.id.empty()) by_id_.emplace(e.id, entries_.size());  // the first of an id wins
    entries_.push_back(std::make_shared<const CatalogueEntry>(std::move(e)));
  }
}

std::vector<CatalogueEntry> RulesetStore::catalogue() {
  std::lock_guard lock(mutex_);
  rescan_locked();
  std::vector<CatalogueEntry> out;
  for (const auto& e : entries_) out.push_back(*e);
  return out;
}

std::shared_ptr<const CatalogueEntry> RulesetStore::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = by_id_.find(id);
  if (it == by_id_.end()) {
    // A new file is found by reading the folders again, but at most once a second: a stream of
    // requests for ids that do not exist must not make the server read every header each time.
    const auto now = std::chrono::steady_clock::now();
    if (now - scanned_ < std::chrono::seconds(1)) return nullptr;
    rescan_locked();
    it = by_id_.find(id);
    if (it == by_id_.end()) return nullptr;
  }
  return entries_[it->second];
}

ModuleRoots RulesetStore::roots(const std::vector<fs::path>& extra_trees) const {
  ModuleRoots roots;
  roots.dirs = {root_, home_ / "stdlib", home_ / "rulesets"};
  roots.trees = {root_, home_};
  roots.trees.insert(roots.trees.end(), extra_trees.begin(), extra_trees.end());
  return roots;
}

std::vector<RulesetStore::FileStamp> RulesetStore::stamps_of(const OpenedRuleset& opened,
                                                             const fs::path& main) {
  std::vector<FileStamp> stamps;
  std::vector<fs::path> paths{main};
  if (opened.load) {
    for (const auto& m : opened.load->modules) {
      if (!m.path.empty() && m.path != main) paths.push_back(m.path);
    }
  }
  for (auto& p : paths) {
    const FileStat stat = stat_of(p);
    stamps.push_back({std::move(p), stat});
  }
  return stamps;
}

RulesetStore::FileStat RulesetStore::stat_of(const fs::path& path) {
  FileStat s;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    s.modified_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 +
                    static_cast<std::int64_t>(st.st_mtim.tv_nsec);
    s.size = static_cast<std::int64_t>(st.st_size);
    s.inode = static_cast<std::uint64_t>(st.st_ino);
  }
  return s;
}

bool RulesetStore::unchanged(const std::vector<FileStamp>& stamps) {
  if (stamps.empty()) return false;
  return std::all_of(stamps.begin(), stamps.end(),
                     [](const FileStamp& s) { return stat_of(s.path) == s.stat; });
}

std::shared_ptr<const RulesetStore::Slot> RulesetStore::slot_of(const std::string& id) {
  std::lock_guard lock(mutex_);
  const auto it = slots_.find(id);
  return it != slots_.end() ? it->second : nullptr;
}

namespace {

std::int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

bool RulesetStore::current(const Slot& slot) {
  // The count is read before the files are: a change made while they are stat'ed moves it on,
  // and the next request looks again.
  const std::uint64_t changes = watch_.changes();
  const std::int64_t now = now_ns();
  if (slot.watched && changes == slot.changes_then.load() &&
      now - slot.checked_ns.load() < 1'000'000'000)
    return true;
  if (!unchanged(slot.stamps)) return false;
  slot.changes_then.store(changes);
  slot.checked_ns.store(now);
  return true;
}

std::optional<StoredRuleset> RulesetStore::open(const std::string& id) {
  auto entry = find(id);
  if (!entry) return std::nullopt;
  if (const auto slot = slot_of(id); slot && current(*slot))
    return StoredRuleset{std::move(entry), slot->good, slot->broken};
  std::lock_guard opening(open_mutex_);
  // Another request may have opened it while this one waited.
  const auto last = slot_of(id);
  if (last && current(*last)) return StoredRuleset{std::move(entry), last->good, last->broken};
  const fs::path path = entry->path;
  // Stamped after reading (the files it reads are known only then): an edit made while it was
  // read is seen at the edit after it.
  const std::uint64_t changes = watch_.changes();
  auto opened = std::make_shared<OpenedRuleset>(open_ruleset(check(load_ruleset(path, roots()))));
  auto slot = std::make_shared<Slot>();
  slot->stamps = stamps_of(*opened, path);
  slot->watched = std::all_of(slot->stamps.begin(), slot->stamps.end(),
                              [&](const FileStamp& s) { return watch_.watch_folder_of(s.path); });
  // An edit made while the files were read, or before their folders were watched, raised no
  // notification: the next request stats them (a time of 0 is long past).
  slot->changes_then.store(changes);
  slot->checked_ns.store(0);
  if (opened->program) {
    slot->good = std::move(opened);
  } else {
    slot->good = last ? last->good : nullptr;
    slot->broken = std::move(opened);
  }
  {
    std::lock_guard lock(mutex_);
    slots_[id] = slot;
  }
  return StoredRuleset{std::move(entry), slot->good, slot->broken};
}

}  // namespace spdl::serve
