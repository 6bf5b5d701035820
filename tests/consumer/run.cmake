# The consumer test: install spdl into a fresh prefix, build tests/consumer against it with
# find_package(spdl), run the program, and compare its output with `expected`.
# Variables: SPDL_BUILD (the build tree), SOURCE (this folder), WORK (a scratch folder).
file(REMOVE_RECURSE "${WORK}")
set(prefix "${WORK}/prefix")
execute_process(COMMAND ${CMAKE_COMMAND} --install "${SPDL_BUILD}" --prefix "${prefix}"
  OUTPUT_QUIET RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "cmake --install failed")
endif()
# The project compiles each of the installed headers on its own: through ccache, when the machine
# has it, a rerun against unchanged headers costs nothing (the cache keys on the headers' text).
find_program(ccache ccache)
set(launcher "")
if(ccache)
  set(launcher "-DCMAKE_CXX_COMPILER_LAUNCHER=${ccache}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S "${SOURCE}" -B "${WORK}/build" -G Ninja
  "-DCMAKE_PREFIX_PATH=${prefix}" -DCMAKE_BUILD_TYPE=Release ${launcher} RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the consumer project does not configure against the installed package")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build "${WORK}/build" RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the consumer project does not build against the installed package")
endif()
# The program finds the rulesets where spdl was installed: SPDL_HOME says where that is, since a
# prefix made for a test is not the one the library was configured with.
execute_process(COMMAND ${CMAKE_COMMAND} -E env "SPDL_HOME=${prefix}/share/spdl" "${WORK}/build/consumer"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the consumer program failed (${code}):\n${out}${err}")
endif()
file(READ "${SOURCE}/expected" expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the consumer program printed:\n${out}\nexpected:\n${expected}")
endif()
# The installed `spdl` finds its own share/spdl, with no SPDL_HOME: a ruleset outside any project
# tree that uses the national stdlib is checked against the installed copy.
file(WRITE "${WORK}/draft/draft.spd" "ruleset draft\nuse national.scheme\nrule big = dwellings >= 15 dwellings\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=SPDL_HOME "${prefix}/bin/spdl" check "${WORK}/draft/draft.spd"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "the installed spdl did not find its stdlib:\n${out}${err}")
endif()
