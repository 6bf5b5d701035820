#include <limits>

#include "spdl/lang/check/types.hpp"

namespace spdl {

namespace {

std::uint64_t hash_of(const Type& t) {
  std::uint64_t h = static_cast<std::uint64_t>(t.kind) |
                    static_cast<std::uint64_t>(t.element) << 8 |
                    static_cast<std::uint64_t>(static_cast<std::uint8_t>(t.unit.scale)) << 16 |
                    static_cast<std::uint64_t>(t.ref) << 24;
  for (const auto e : t.unit.exponent) h = h * 0x100000001b3ull ^ static_cast<std::uint8_t>(e);
  return h;
}

}  // namespace

void ExprTypes::assign(std::size_t count, const Type& type) {
  types_.clear();
  index_.clear();
  wide_.clear();
  tiny_ = std::vector<std::uint8_t>();
  const auto id = intern(type);
  narrow_.assign(count, static_cast<std::uint16_t>(id));
}

void ExprTypes::set(std::uint32_t expr, const Type& type) {
  if (!tiny_.empty()) {
    narrow_.assign(tiny_.begin(), tiny_.end());
    tiny_ = std::vector<std::uint8_t>();
  }
  const auto id = intern(type);
  if (wide_.empty() && id > std::numeric_limits<std::uint16_t>::max()) {
    wide_.assign(narrow_.begin(), narrow_.end());
    narrow_ = std::vector<std::uint16_t>();  // not `= {}`, which keeps the capacity
  }
  if (wide_.empty()) {
    narrow_[expr] = static_cast<std::uint16_t>(id);
  } else {
    wide_[expr] = id;
  }
}

std::uint32_t ExprTypes::intern(const Type& type) {
  if (index_.empty()) {
    for (std::uint32_t i = 0; i < types_.size(); ++i) index_[hash_of(types_[i])].push_back(i);
  }
  auto& candidates = index_[hash_of(type)];
  for (const auto i : candidates) {
    if (types_[i] == type) return i;
  }
  types_.push_back(type);
  const auto id = static_cast<std::uint32_t>(types_.size() - 1);
  candidates.push_back(id);
  return id;
}

void ExprTypes::shrink_to_fit() {
  index_ = {};
  types_.shrink_to_fit();
  if (wide_.empty() && !narrow_.empty() &&
      types_.size() <= std::numeric_limits<std::uint8_t>::max() + 1u) {
    tiny_.assign(narrow_.begin(), narrow_.end());
    narrow_ = std::vector<std::uint16_t>();  // not `= {}`, which keeps the capacity
  }
  narrow_.shrink_to_fit();
  wide_.shrink_to_fit();
}

}  // namespace spdl
