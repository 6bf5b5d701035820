# `cmake --install`: the `spdl` program with its manual page and bash completion, the libraries
# with their public headers under include/spdl/, a CMake package (find_package(spdl) gives
# spdl::spdl), and the national stdlib and the shipped rulesets under share/spdl, where an
# installed spdl finds them (runtime/engine).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# The build tree's spdl finds its home the way an installed one does: share/spdl beside it.
file(MAKE_DIRECTORY "${PROJECT_BINARY_DIR}/share/spdl")
foreach(folder stdlib rulesets)
  set(link "${PROJECT_BINARY_DIR}/share/spdl/${folder}")
  if(IS_SYMLINK "${link}" OR EXISTS "${link}")
    file(REMOVE "${link}")
  endif()
  file(CREATE_LINK "${PROJECT_SOURCE_DIR}/${folder}" "${link}" SYMBOLIC)
endforeach()

# `spdl serve`'s pages and its OpenAPI document, where the served program finds them (spdl_home()):
# links in the build tree, copies in an installation.
foreach(item web openapi.json)
  set(link "${PROJECT_BINARY_DIR}/share/spdl/${item}")
  if(IS_SYMLINK "${link}" OR EXISTS "${link}")
    file(REMOVE "${link}")
  endif()
  file(CREATE_LINK "${PROJECT_SOURCE_DIR}/runtime/serve/${item}" "${link}" SYMBOLIC)
endforeach()

get_property(spdl_libraries GLOBAL PROPERTY SPDL_LIBRARIES)
install(TARGETS ${spdl_libraries} spdl_all EXPORT spdlTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  INCLUDES DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS spdl RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
# Generated from the command definitions at build time (runtime/cli/CMakeLists.txt).
install(FILES "${SPDL_MAN_PAGE}" DESTINATION "${CMAKE_INSTALL_MANDIR}/man1")
install(FILES "${SPDL_BASH_COMPLETION}" DESTINATION "${CMAKE_INSTALL_DATADIR}/bash-completion/completions")

# Public headers only: what PEGTL, simdjson or a stage's internals need stays out, so a consumer
# needs none of them to compile (tests/consumer includes every installed header).
foreach(top lang runtime)
  install(DIRECTORY "${PROJECT_SOURCE_DIR}/${top}/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/spdl/${top}"
    FILES_MATCHING PATTERN "*.hpp"
    PATTERN "cli" EXCLUDE
    PATTERN "parse" EXCLUDE
    PATTERN "web" EXCLUDE
    PATTERN "grammar.hpp" EXCLUDE
    PATTERN "parse_errors.hpp" EXCLUDE
    PATTERN "parse_actions.hpp" EXCLUDE
    PATTERN "checker_impl.hpp" EXCLUDE
    PATTERN "columnar_fixed.hpp" EXCLUDE
    PATTERN "batch_plan.hpp" EXCLUDE
    PATTERN "batch_worker.hpp" EXCLUDE
    PATTERN "batch_values.hpp" EXCLUDE)
endforeach()
install(FILES "${SPDL_INCLUDE_ROOT}/spdl/version.hpp"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/spdl")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/stdlib" "${PROJECT_SOURCE_DIR}/rulesets"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/spdl")
install(DIRECTORY "${PROJECT_SOURCE_DIR}/runtime/serve/web" DESTINATION "${CMAKE_INSTALL_DATADIR}/spdl"
  OPTIONAL)
install(FILES "${PROJECT_SOURCE_DIR}/runtime/serve/openapi.json"
  DESTINATION "${CMAKE_INSTALL_DATADIR}/spdl" OPTIONAL)

set(spdl_cmake_dir "${CMAKE_INSTALL_LIBDIR}/cmake/spdl")
install(EXPORT spdlTargets NAMESPACE spdl:: DESTINATION "${spdl_cmake_dir}")
set(SPDL_DATA_DIR "${CMAKE_INSTALL_DATADIR}/spdl")
configure_package_config_file("${CMAKE_CURRENT_LIST_DIR}/spdlConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/spdlConfig.cmake" INSTALL_DESTINATION "${spdl_cmake_dir}"
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR SPDL_DATA_DIR)
write_basic_package_version_file("${PROJECT_BINARY_DIR}/spdlConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/spdlConfig.cmake" "${PROJECT_BINARY_DIR}/spdlConfigVersion.cmake"
  DESTINATION "${spdl_cmake_dir}")
