# Every dependency comes from a Debian package. A missing one stops configure with the
# package to install, so a fresh machine tells its user exactly what to do.

function(spdl_require package apt_package)
  find_package(${package} ${ARGN} QUIET)
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR
      "spdl needs ${package}, which was not found.\n"
      "Install it with:  apt-get install ${apt_package}\n"
      "(or run ./run-tests, which installs everything spdl needs)")
  endif()
endfunction()

spdl_require(pegtl tao-pegtl-dev)
spdl_require(yaml-cpp libyaml-cpp-dev)
spdl_require(fmt libfmt-dev)
spdl_require(CLI11 libcli11-dev)
spdl_require(nlohmann_json nlohmann-json3-dev)
spdl_require(simdjson libsimdjson-dev)

# GMP ships no CMake package; find its C++ header and libraries directly.
find_path(GMPXX_INCLUDE_DIR gmpxx.h)
find_library(GMP_LIBRARY gmp)
find_library(GMPXX_LIBRARY gmpxx)
if(NOT GMPXX_INCLUDE_DIR OR NOT GMP_LIBRARY OR NOT GMPXX_LIBRARY)
  message(FATAL_ERROR
    "spdl needs GMP (exact rational arithmetic), which was not found.\n"
    "Install it with:  apt-get install libgmp-dev")
endif()
add_library(spdl_gmp INTERFACE)
target_include_directories(spdl_gmp SYSTEM INTERFACE "${GMPXX_INCLUDE_DIR}")
target_link_libraries(spdl_gmp INTERFACE "${GMPXX_LIBRARY}" "${GMP_LIBRARY}")

# `spdl` itself allocates with jemalloc: under load, `spdl serve` spent a sixth of its time in
# glibc's malloc and free, and with jemalloc it took 14% less CPU a request (issue 17's closing
# note). Only the program links it, never the library an integrator links; and not the sanitized
# build, whose sanitizers bring their own allocator.
add_library(spdl_allocator INTERFACE)
if(NOT SPDL_SANITIZE)
  find_library(JEMALLOC_LIBRARY jemalloc)
  if(NOT JEMALLOC_LIBRARY)
    message(FATAL_ERROR
      "spdl needs jemalloc (the allocator of the spdl program), which was not found.\n"
      "Install it with:  apt-get install libjemalloc-dev")
  endif()
  target_link_libraries(spdl_allocator INTERFACE "${JEMALLOC_LIBRARY}")
endif()

if(BUILD_TESTING OR NOT DEFINED BUILD_TESTING)
  spdl_require(Catch2 catch2)
endif()
if(SPDL_BENCH)
  spdl_require(benchmark libbenchmark-dev)
endif()
