#include "spdl/lang/syntax/ast.hpp"

#include <algorithm>
#include <functional>
#include <type_traits>
#include <utility>

#include "spdl/lang/base/date.hpp"

namespace spdl::ast {

NameId NameTable::intern(std::string_view name) {
  if (2 * (names_.size() + 1) > slots_.size()) grow();
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = std::hash<std::string_view>{}(name)&mask;; i = (i + 1) & mask) {
    if (slots_[i] == 0) {
      const auto id = static_cast<NameId>(names_.size());
      names_.emplace_back(name);
      slots_[i] = id + 1;
      return id;
    }
    if (names_[slots_[i] - 1] == name) return slots_[i] - 1;
  }
}

void NameTable::grow() {
  rehash(std::max<std::size_t>(64, 2 * slots_.size()));
}

void NameTable::shrink_to_fit() {
  names_.shrink_to_fit();
  std::size_t slots = 64;
  while (4 * names_.size() > 3 * slots) slots *= 2;
  if (slots < slots_.size()) rehash(slots);  // 10,005 names: 16,384 slots, not 32,768
}

void NameTable::rehash(std::size_t slot_count) {
  std::vector<NameId> slots(slot_count, 0);
  const std::size_t mask = slots.size() - 1;
  for (NameId id = 0; id < names_.size(); ++id) {
    std::size_t i = std::hash<std::string_view>{}(names_[id]) & mask;
    while (slots[i] != 0) i = (i + 1) & mask;
    slots[i] = id + 1;
  }
  slots_ = std::move(slots);
}

namespace {

// Every kind of declaration is a DeclCommon. A test of the index per kind, not std::visit: past
// eleven alternatives libstdc++ visits through a table of function pointers, which the checker's
// walks over every declaration feel.
template <typename Variant, std::size_t... I>
auto* common_of(Variant& d, std::index_sequence<I...>) {
  using Common = std::conditional_t<std::is_const_v<Variant>, const DeclCommon, DeclCommon>;
  Common* out = nullptr;
  (void)((d.index() == I ? (out = std::get_if<I>(&d), true) : false) || ...);
  return out;
}

}  // namespace

const DeclCommon& common(const Decl& d) {
  return *common_of(d, std::make_index_sequence<std::variant_size_v<Decl>>());
}

DeclCommon& common(Decl& d) {
  return *common_of(d, std::make_index_sequence<std::variant_size_v<Decl>>());
}

DeclKind kind_of(const Decl& d) {
  return static_cast<DeclKind>(d.index());
}

const char* kind_name(DeclKind k) {
  switch (k) {
    case DeclKind::input:
      return "input";
    case DeclKind::parameter:
      return "parameter";
    case DeclKind::rule:
      return "rule";
    case DeclKind::exception:
      return "exception";
    case DeclKind::check:
      return "check";
    case DeclKind::condition:
      return "condition";
    case DeclKind::table:
      return "table";
    case DeclKind::enumeration:
      return "enum";
    case DeclKind::record:
      return "record";
    case DeclKind::shares:
      return "shares";
    case DeclKind::policy:
      return "policy";
    case DeclKind::remove:
      return "remove";
  }
  return "declaration";
}

// In words, as a committee reads a date ("adopted 4 May 2006", "published June 2004").
std::string event_text(const DatedEvent& event) {
  if (event.until) {
    return event.kind + " " + date_in_words(event.date) + " to " + date_in_words(*event.until);
  }
  const std::string when = date_in_words(event.date, event.month_only);
  if (event.kind == "material") return "a material consideration from " + when;
  return event.kind + " " + when;
}

const char* status_name(Status s) {
  switch (s) {
    case Status::draft:
      return "draft";
    case Status::consultation:
      return "consultation";
    case Status::adopted:
      return "adopted";
    case Status::superseded:
      return "superseded";
    case Status::withdrawn:
      return "withdrawn";
  }
  return "draft";
}

}  // namespace spdl::ast
