# Warnings and sanitizers applied to every spdl target through one interface library.

add_library(spdl_options INTERFACE)
target_compile_options(spdl_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  # GCC 12 warns on designated initializers that leave defaulted members out (fixed in GCC 13).
  -Wno-missing-field-initializers)
if(SPDL_WERROR)
  target_compile_options(spdl_options INTERFACE -Werror)
endif()

if(SPDL_SANITIZE)
  set(SPDL_SANITIZER_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # -O1 with line tables only: the sanitizers' own advice, and half the compile time of -O2 -g,
  # which keeps CI's second full build inside its budget. GCC's -Wmaybe-uninitialized gives false
  # positives under ASan's instrumentation (in libstdc++'s <regex>, through Catch2), so it is off
  # here; the ordinary build keeps it, with -Werror in CI.
  target_compile_options(spdl_options INTERFACE ${SPDL_SANITIZER_FLAGS} -O1 -g1 -Wno-maybe-uninitialized)
  target_link_options(spdl_options INTERFACE ${SPDL_SANITIZER_FLAGS})
endif()

if(SPDL_FUZZ)
  target_compile_options(spdl_options INTERFACE -fsanitize=fuzzer-no-link,address,undefined)
  target_link_options(spdl_options INTERFACE -fsanitize=address,undefined)
endif()
