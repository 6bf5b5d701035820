// Evaluation order: each parameter after the parameters it uses, each rule after the rules it
// uses (parameters are constants, so they never wait for rules). Kahn's algorithm, iterative; what
// it cannot order lies on or behind a cycle, and one cycle is named in full.

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "spdl/lang/check/checker_impl.hpp"

namespace spdl::checking {

namespace {

struct Graph {
  SymbolKind kind;
  const char* noun;  // "parameter", "rule"
  std::size_t size;
  const std::vector<std::vector<ValueRef>>* deps;
  std::function<std::string(std::uint32_t)> name;
  std::function<Span(std::uint32_t)> span;
};

}  // namespace

void Checker::order_values() {
  auto& out = *out_;
  const Graph graphs[] = {
      {SymbolKind::parameter, "parameter", out.parameters.size(), &parameter_deps_,
       [&](std::uint32_t i) { return out.parameters[i].name; },
       [&](std::uint32_t i) { return out.parameters[i].name_span; }},
      {SymbolKind::rule, "rule", out.rules.size(), &rule_deps_,
       [&](std::uint32_t i) { return out.rules[i].name; },
       [&](std::uint32_t i) { return out.rules[i].decl->name_span; }},
  };
  for (const auto& g : graphs) {
    std::vector<std::vector<std::uint32_t>> uses(g.size);  // distinct, same kind
    std::vector<std::vector<std::uint32_t>> used_by(g.size);
    for (std::uint32_t i = 0; i < g.size; ++i) {
      for (const auto& d : (*g.deps)[i]) {
        if (d.kind == g.kind) uses[i].push_back(d.index);
      }
      std::sort(uses[i].begin(), uses[i].end());
      uses[i].erase(std::unique(uses[i].begin(), uses[i].end()), uses[i].end());
      for (const auto u : uses[i]) used_by[u].push_back(i);
    }
    std::vector<std::size_t> waiting(g.size);
    std::vector<std::uint32_t> ready;
    for (std::uint32_t i = 0; i < g.size; ++i) {
      waiting[i] = uses[i].size();
      if (waiting[i] == 0) ready.push_back(i);
    }
    // Keep declaration order among values that are ready together: reports read more naturally.
    std::size_t next = 0;
    std::vector<bool> done(g.size, false);
    std::sort(ready.begin(), ready.end());
    while (next < ready.size()) {
      const auto v = ready[next++];
      done[v] = true;
      out.order.push_back({g.kind, v});
      for (const auto w : used_by[v]) {
        if (--waiting[w] == 0) ready.push_back(w);
      }
    }
    if (ready.size() == g.size) continue;

    // Walk from an unordered value along unordered uses until a value repeats: that is a cycle.
    std::vector<bool> reported(g.size, false);
    for (std::uint32_t start = 0; start < g.size; ++start) {
      if (done[start] || reported[start]) continue;
      std::vector<std::uint32_t> path;
      std::vector<std::int64_t> position(g.size, -1);
      std::uint32_t at = start;
      while (position[at] < 0) {
        position[at] = static_cast<std::int64_t>(path.size());
        path.push_back(at);
        std::uint32_t step = at;
        for (const auto u : uses[at]) {
          if (!done[u]) {
            step = u;
            break;
          }
        }
        at = step;
      }
      const std::vector<std::uint32_t> cycle(path.begin() + position[at], path.end());
      bool already = false;
      for (const auto c : cycle) already |= reported[c];
      for (const auto c : path) reported[c] = true;
      if (already) continue;
      if (cycle.size() == 1) {
        diags_.error("cycle", g.span(cycle[0]),
                     fmt::format("{} `{}` uses itself", g.noun, g.name(cycle[0])));
        continue;
      }
      std::string chain;
      for (const auto c : cycle) chain += g.name(c) + " → ";
      chain += g.name(cycle[0]);
      auto& d =
          diags_.error("cycle", g.span(cycle[0]),
                       fmt::format("these {}s use each other in a circle: {}", g.noun, chain));
      for (std::size_t i = 1; i < cycle.size(); ++i) {
        d.related.push_back(
            {g.span(cycle[i]), fmt::format("`{}` is part of the cycle", g.name(cycle[i]))});
      }
      d.hint = "a value cannot depend on itself; one of these must be computed without the others";
    }
  }
}

}  // namespace spdl::checking
