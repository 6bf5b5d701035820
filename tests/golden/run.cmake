# Runs one golden case: a command whose stdout, stderr and exit code must equal EXPECTED.
# Variables: COMMAND (a ;-list), EXPECTED (file), WORKDIR, and STDIN (a file given to the command
# as its standard input; empty input when there is no such file).
# Refresh every expectation with: SPDL_UPDATE_GOLDEN=1 ctest -R <pattern>   (then review the diff)

if(NOT STDIN OR NOT EXISTS "${STDIN}")
  set(STDIN /dev/null)
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} -E env NO_COLOR=1 ${COMMAND}
  WORKING_DIRECTORY "${WORKDIR}"
  INPUT_FILE "${STDIN}"
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err
  RESULT_VARIABLE code
  TIMEOUT 60)

set(actual "--- stdout\n${out}--- stderr\n${err}--- exit ${code}\n")

if(DEFINED ENV{SPDL_UPDATE_GOLDEN})
  file(WRITE "${EXPECTED}" "${actual}")
  message(STATUS "updated ${EXPECTED}")
  return()
endif()

if(NOT EXISTS "${EXPECTED}")
  file(WRITE "${EXPECTED}.actual" "${actual}")
  message(FATAL_ERROR "no expectation ${EXPECTED}; the output is in ${EXPECTED}.actual.\n"
                      "Review it, then create the expectation with SPDL_UPDATE_GOLDEN=1 ctest -R <case>")
endif()

file(READ "${EXPECTED}" expected)
if(NOT actual STREQUAL expected)
  file(WRITE "${EXPECTED}.actual" "${actual}")
  execute_process(COMMAND diff -u "${EXPECTED}" "${EXPECTED}.actual")
  message(FATAL_ERROR "output differs from ${EXPECTED} (actual output in ${EXPECTED}.actual)")
endif()
file(REMOVE "${EXPECTED}.actual")
