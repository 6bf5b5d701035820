#pragma once
// What a fuzz target asserts. A broken invariant prints what broke and aborts, so libFuzzer keeps
// the input and the replay test fails; `assert` would vanish from release builds.

#include <cstdio>
#include <cstdlib>
#include <string>

#define SPDL_FUZZ_REQUIRE(condition, what)                                             \
  do {                                                                                 \
    if (!(condition)) {                                                                \
      std::fprintf(stderr, "fuzz invariant broken at %s:%d: %s\n", __FILE__, __LINE__, \
                   std::string(what).c_str());                                         \
      std::abort();                                                                    \
    }                                                                                  \
  } while (0)
