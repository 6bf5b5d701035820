#include "spdl/runtime/input/portfolio_pair.hpp"

#include <algorithm>
#include <string_view>

namespace spdl {

PortfolioPair read_portfolio_pair(const CheckedRuleset& before, const CheckedRuleset& after,
                                  const PortfolioReading& read, bool allow_unknown_keys) {
  PortfolioPair out;
  // Each ruleset reads what it reads; what neither does is judged below.
  const SchemeReadOptions lenient{.allow_unknown_keys = true};
  out.before = read(before, lenient);
  if (out.before.diagnostics.has_errors()) {
    // A file the first reading refuses is not read again: its errors are the file's.
    for (const auto& d : out.before.diagnostics.all()) {
      if (d.severity != Severity::warning) out.diagnostics.add(d);
    }
    return out;
  }
  out.after = read(after, lenient);
  const auto in_both = [&](const Diagnostic& d) {
    const auto& others = out.after.diagnostics.all();
    return std::any_of(others.begin(), others.end(), [&](const Diagnostic& other) {
      // Each reading added the file to the sources anew: the same place is the same offsets
      // under another file id.
      return other.severity == Severity::warning && other.code == d.code &&
             other.span.begin == d.span.begin && other.span.end == d.span.end;
    });
  };
  for (const auto& d : out.before.diagnostics.all()) {
    if (d.severity == Severity::error) {
      out.diagnostics.add(d);
    } else if (in_both(d)) {
      Diagnostic both = d;
      constexpr std::string_view one = " of this ruleset";
      if (const auto at = both.message.find(one); at != std::string::npos)
        both.message.replace(at, one.size(), " of either ruleset");
      if (!allow_unknown_keys) {
        both.severity = Severity::error;
        constexpr std::string_view ignored = "; it is ignored";
        if (const auto at = both.message.find(ignored); at != std::string::npos)
          both.message.erase(at, ignored.size());
      }
      out.diagnostics.add(std::move(both));
    }
  }
  if (out.diagnostics.has_errors()) return out;
  for (const auto& d : out.after.diagnostics.all()) {
    if (d.severity == Severity::error) out.diagnostics.add(d);
  }
  return out;
}

}  // namespace spdl
