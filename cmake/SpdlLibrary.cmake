# One static library per stage folder, named after it (spdl_base, spdl_syntax, ...), each linking
# only the stages before it, so the link graph is the pipeline (spec/architecture.md).
#
# Headers are included as "spdl/lang/..." and "spdl/runtime/...", in the build as in an install:
# the build's include root links spdl/lang and spdl/runtime to the source folders, and
# `cmake --install` copies the public headers to the same places under include/.

set(SPDL_INCLUDE_ROOT "${PROJECT_BINARY_DIR}/include")
file(MAKE_DIRECTORY "${SPDL_INCLUDE_ROOT}/spdl")
foreach(top lang runtime)
  if(IS_SYMLINK "${SPDL_INCLUDE_ROOT}/spdl/${top}" OR EXISTS "${SPDL_INCLUDE_ROOT}/spdl/${top}")
    file(REMOVE "${SPDL_INCLUDE_ROOT}/spdl/${top}")
  endif()
  file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${top}" "${SPDL_INCLUDE_ROOT}/spdl/${top}" SYMBOLIC)
endforeach()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version.hpp.in" "${SPDL_INCLUDE_ROOT}/spdl/version.hpp" @ONLY)

# spdl_library(NAME SOURCES file... [DEPENDS spdl_x...] [PRIVATE target...])
#   DEPENDS: earlier stages whose headers this stage's headers use (PUBLIC);
#   PRIVATE: third-party libraries used only in its .cpp files.
function(spdl_library name)
  cmake_parse_arguments(arg "" "" "SOURCES;DEPENDS;PRIVATE" ${ARGN})
  set(target spdl_${name})
  add_library(${target} STATIC ${arg_SOURCES})
  add_library(spdl::${name} ALIAS ${target})
  target_include_directories(${target} PUBLIC
    "$<BUILD_INTERFACE:${SPDL_INCLUDE_ROOT}>" "$<INSTALL_INTERFACE:include>")
  # Warnings and sanitizer flags are spdl's own business: never passed on to a consumer.
  target_link_libraries(${target} PUBLIC ${arg_DEPENDS} PRIVATE $<BUILD_INTERFACE:spdl_options> ${arg_PRIVATE})
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${name} POSITION_INDEPENDENT_CODE ON)
  set_property(GLOBAL APPEND PROPERTY SPDL_LIBRARIES ${target})
endfunction()

# spdl_compile_alone(file...): in a unity build (SPDL_UNITY, CI), these files of the current
# folder's target are compiled on their own, outside the batches: each defines a file-local helper
# with the same name as one in another file of its target (or a member of such a type), which in one
# batch would be a redefinition. No effect on the ordinary build.
function(spdl_compile_alone)
  set_source_files_properties(${ARGN} DIRECTORY "${CMAKE_CURRENT_SOURCE_DIR}"
    PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()
