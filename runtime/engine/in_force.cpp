#include "spdl/runtime/engine/in_force.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "spdl/lang/base/date.hpp"

namespace spdl {

namespace {

// A version's dates as the rule reads them: when it began to count, how, and when it stopped.
struct Dated {
  const CatalogueEntry* entry = nullptr;
  std::optional<std::int32_t> start;
  bool start_month_only = false;
  std::string how;                  // "adopted", "a material consideration from", "published"
  std::optional<std::int32_t> end;  // superseded or withdrawn on this date
  std::string ended;                // "superseded", "withdrawn"
  bool never = false;               // withdrawn without a date: it never counted
};

const ast::DatedEvent* event(const CatalogueEntry& e, const char* kind) {
  for (const auto& d : e.events) {
    if (d.kind == kind) return &d;
  }
  return nullptr;
}

Dated dated(const CatalogueEntry& e) {
  Dated d;
  d.entry = &e;
  // What gives a version its weight, strongest first: adoption (or approval), then the date the
  // document says it is a material consideration from, then publication, then consultation.
  static const std::vector<std::pair<const char*, const char*>> starts = {
      {"adopted", "adopted"},
      {"approved", "approved"},
      {"material", "a material consideration from"},
      {"published", "published"},
      {"consultation", "consulted on from"}};
  for (const auto& [kind, how] : starts) {
    if (const auto* ev = event(e, kind)) {
      d.start = ev->date;
      d.start_month_only = ev->month_only;
      d.how = how;
      break;
    }
  }
  for (const char* kind : {"superseded", "withdrawn"}) {
    if (const auto* ev = event(e, kind); ev && (!d.end || ev->date < *d.end)) {
      d.end = ev->date;
      d.ended = kind;
    }
  }
  d.never = e.status == "withdrawn" && !d.end;
  return d;
}

// The last day of the month `day` is in.
std::int32_t month_end(std::int32_t day) {
  std::int32_t last = day;
  const std::string month = format_date(day).substr(0, 7);
  while (format_date(last + 1).substr(0, 7) == month) ++last;
  return last;
}

std::string described(const Dated& d) {
  if (!d.start) return d.entry->id;
  return fmt::format("{} ({} {})", d.entry->id, d.how, date_in_words(*d.start, d.start_month_only));
}

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " and " : ", ";
    out += items[i];
  }
  return out;
}

InForce choose(const std::vector<const CatalogueEntry*>& versions, std::int32_t on) {
  InForce out;
  out.line = versions.front()->id;
  out.authority = versions.front()->authority;
  out.on = on;
  const std::string when = date_in_words(on);
  std::vector<Dated> candidates;
  std::vector<std::string> undated, withdrawn;
  for (const auto* v : versions) {
    Dated d = dated(*v);
    if (d.never) {
      withdrawn.push_back(v->id);
    } else if (!d.start) {
      undated.push_back(v->id);
    } else {
      candidates.push_back(d);
    }
  }
  std::string aside;
  if (!undated.empty() && !candidates.empty()) {
    aside += fmt::format(" {} give{} no date of {} own, so {} not chosen by date.", listed(undated),
                         undated.size() == 1 ? "s" : "", undated.size() == 1 ? "its" : "their",
                         undated.size() == 1 ? "is" : "are");
  }
  if (!withdrawn.empty()) {
    aside +=
        fmt::format(" {} {} withdrawn.", listed(withdrawn), withdrawn.size() == 1 ? "was" : "were");
  }
  if (candidates.empty()) {
    if (undated.empty()) {
      out.reason = "Every version was withdrawn: none was in force on " + when + "." + aside;
    } else {
      out.reason = fmt::format(
          "The documents give no date for {}, so which version was in force on {} cannot be "
          "said; choose the version to apply.{}",
          listed(undated), when, aside);
    }
    return out;
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Dated& a, const Dated& b) { return *a.start < *b.start; });
  std::optional<std::size_t> chosen;
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const Dated& d = candidates[i];
    if (on < *d.start) break;
    if (d.start_month_only && on <= month_end(*d.start)) {
      out.reason = fmt::format(
          "{} dates from {}, on a day the document does not give, so whether it was in force on "
          "{} cannot be said{}.{}",
          d.entry->id, date_in_words(*d.start, true), when,
          chosen ? "; before it, " + described(candidates[*chosen]) + " was" : "", aside);
      return out;
    }
    chosen = i;
  }
  if (!chosen) {
    out.reason = fmt::format("No version was in force on {}: the first, {}, came later.{}", when,
                             described(candidates.front()), aside);
    return out;
  }
  const Dated& c = candidates[*chosen];
  if (c.end && on >= *c.end) {
    out.reason = fmt::format(
        "{} was {} on {}, and no later version is dated: none was in force "
        "on {}.{}",
        described(c), c.ended, date_in_words(*c.end), when, aside);
    return out;
  }
  out.chosen = *c.entry;
  out.reason = fmt::format("{} was the version in force on {}", described(c), when);
  if (*chosen > 0) out.reason += ", in place of " + described(candidates[*chosen - 1]);
  if (*chosen + 1 < candidates.size())
    out.reason += "; " + described(candidates[*chosen + 1]) + " replaced it";
  out.reason += "." + aside;
  return out;
}

}  // namespace

std::vector<InForce> in_force_on(const std::vector<CatalogueEntry>& catalogue, std::int32_t day) {
  std::map<std::string, const CatalogueEntry*> by_id;
  for (const auto& e : catalogue) {
    if (!e.is_module && e.problem.empty()) by_id[e.id] = &e;
  }
  // Each version's line: the first version reached by following `amends`.
  const auto root_of = [&](const CatalogueEntry* e) {
    for (std::size_t hops = 0; hops < catalogue.size(); ++hops) {
      const auto it = by_id.find(e->amends);
      if (e->amends.empty() || it == by_id.end()) break;
      e = it->second;
    }
    return e;
  };
  std::vector<const CatalogueEntry*> roots;
  std::map<const CatalogueEntry*, std::vector<const CatalogueEntry*>> lines;
  for (const auto& e : catalogue) {
    if (e.is_module || !e.problem.empty()) continue;
    const auto* root = root_of(&e);
    if (!lines.count(root)) roots.push_back(root);
    lines[root].push_back(&e);
  }
  std::vector<InForce> out;
  for (const auto* root : roots) {
    auto versions = lines[root];
    std::stable_partition(versions.begin(), versions.end(),
                          [&](const CatalogueEntry* v) { return v == root; });
    out.push_back(choose(versions, day));
  }
  return out;
}

std::vector<InForce> in_force_on(const std::filesystem::path& folder_or_file, std::int32_t day) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(folder_or_file, ec))
    return in_force_on(list_rulesets(folder_or_file), day);
  // A file: the line it belongs to, among its folder's rulesets.
  const auto catalogue =
      list_rulesets(folder_or_file.parent_path().empty() ? std::filesystem::path(".")
                                                         : folder_or_file.parent_path());
  std::vector<InForce> all = in_force_on(catalogue, day);
  const auto canonical = std::filesystem::weakly_canonical(folder_or_file, ec);
  std::string id;
  for (const auto& e : catalogue) {
    if (std::filesystem::weakly_canonical(e.path, ec) == canonical) id = e.id;
  }
  std::map<std::string, std::string> amends;
  for (const auto& e : catalogue) amends[e.id] = e.amends;
  for (auto& answer : all) {
    std::string at = id;
    for (std::size_t hops = 0; hops <= catalogue.size() && !at.empty(); ++hops) {
      if (at == answer.line) return {std::move(answer)};
      at = amends.count(at) ? amends[at] : "";
    }
  }
  return {};
}

VersionChoice single_version(const std::vector<InForce>& answers, const std::string& named,
                             const std::string& on) {
  VersionChoice out;
  if (answers.empty()) {
    out.problem = fmt::format("{} holds no ruleset to choose from", named);
    return out;
  }
  if (answers.size() > 1) {
    std::string lines;
    for (const auto& a : answers) lines += (lines.empty() ? "" : ", ") + a.line;
    out.problem = fmt::format(
        "{} holds {} separate pieces of guidance ({}): name a ruleset of the one you mean, and "
        "--on chooses its version",
        named, answers.size(), lines);
    return out;
  }
  const InForce& answer = answers.front();
  if (!answer.chosen) {
    out.problem =
        fmt::format("no version of {} can be chosen for {}: {}", answer.line, on, answer.reason);
    return out;
  }
  out.chosen = answer.chosen;
  out.reason = answer.reason;
  return out;
}

}  // namespace spdl
