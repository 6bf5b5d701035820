# The manual page and the bash completion that the build generates from spdl's command
# definitions must mention every command, positional argument and option that `spdl --help` and
# `spdl COMMAND --help` list (read from the help, not from the generator, so a command or option
# the generator missed is caught); `spdl help [COMMAND]` must print the same as `--help`. The page
# must render without warnings and the completion must complete. Variables: SPDL (the program),
# MAN_PAGE, COMPLETION, MAN (man, or empty), BASH.

cmake_minimum_required(VERSION 3.20)

file(READ "${MAN_PAGE}" man_text)
file(READ "${COMPLETION}" completion_text)
set(problems "")

execute_process(COMMAND "${SPDL}" --help OUTPUT_VARIABLE help RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "spdl --help failed")
endif()
execute_process(COMMAND "${SPDL}" help OUTPUT_VARIABLE help_alone)
if(NOT help_alone STREQUAL help)
  string(APPEND problems "spdl help differs from spdl --help\n")
endif()
string(REGEX REPLACE ".*\nSubcommands:\n" "" listed "${help}")
string(REGEX REPLACE "\n\n.*" "" listed "${listed}")
string(REGEX MATCHALL "(^|\n)  [a-z]+ " command_lines "${listed}")
set(commands "")
foreach(line IN LISTS command_lines)
  string(STRIP "${line}" name)
  list(APPEND commands "${name}")
endforeach()
list(LENGTH commands count)
if(count LESS 9)
  message(FATAL_ERROR "expected at least 9 commands in spdl --help, found: ${commands}")
endif()

# "--format" as roff writes it: "\-\-format".
function(roff_literal text out)
  string(REPLACE "-" "\\-" escaped "${text}")
  set(${out} "${escaped}" PARENT_SCOPE)
endfunction()

foreach(command IN LISTS commands)
  string(FIND "${man_text}" ".SS \"${command}\"" at)
  if(at EQUAL -1)
    string(APPEND problems "the manual page has no section for `${command}`\n")
  endif()
  string(REGEX MATCH "[ \n]${command}\\)" in_completion "${completion_text}")
  if(NOT in_completion)
    string(APPEND problems "the completion has no case for `${command}`\n")
  endif()
  execute_process(COMMAND "${SPDL}" ${command} --help OUTPUT_VARIABLE command_help RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    string(APPEND problems "spdl ${command} --help failed\n")
    continue()
  endif()
  # `spdl help COMMAND` prints the same.
  execute_process(COMMAND "${SPDL}" help ${command} OUTPUT_VARIABLE help_command RESULT_VARIABLE code)
  if(NOT code EQUAL 0 OR NOT help_command STREQUAL command_help)
    string(APPEND problems "spdl help ${command} differs from spdl ${command} --help\n")
  endif()
  # Options: "  -o,--output TEXT", "  --format TEXT:{...}", "  --check".
  string(REGEX MATCHALL "\n  -[-a-z,]+" option_lines "${command_help}")
  foreach(line IN LISTS option_lines)
    string(STRIP "${line}" names)
    string(REPLACE "," ";" names "${names}")
    foreach(option IN LISTS names)
      roff_literal("${option}" escaped)
      string(FIND "${man_text}" "${escaped}" at)
      if(at EQUAL -1)
        string(APPEND problems "the manual page does not mention `spdl ${command} ${option}`\n")
      endif()
      string(FIND "${completion_text}" "${option}" at)
      if(at EQUAL -1 AND NOT command STREQUAL "help")
        string(APPEND problems "the completion does not offer `spdl ${command} ${option}`\n")
      endif()
    endforeach()
  endforeach()
  # Positionals: the lines under "Positionals:".
  if(command_help MATCHES "\nPositionals:\n")
    string(REGEX REPLACE ".*\nPositionals:\n" "" positionals "${command_help}")
    string(REGEX REPLACE "\n\n.*" "" positionals "${positionals}")
    string(REGEX MATCHALL "(^|\n)  [a-z_]+ " positional_lines "${positionals}")
    foreach(line IN LISTS positional_lines)
      string(STRIP "${line}" name)
      string(FIND "${man_text}" "\\fI${name}\\fR" at)
      if(at EQUAL -1)
        string(APPEND problems "the manual page does not name `${name}` of `spdl ${command}`\n")
      endif()
    endforeach()
  endif()
endforeach()

# The page renders: man-db's preprocessors and groff, warnings on.
if(MAN)
  execute_process(COMMAND "${CMAKE_COMMAND}" -E env MANWIDTH=80 "${MAN}" --warnings -l "${MAN_PAGE}"
                  OUTPUT_VARIABLE rendered ERROR_VARIABLE warnings RESULT_VARIABLE code)
  if(NOT code EQUAL 0 OR NOT warnings STREQUAL "")
    string(APPEND problems "man -l ${MAN_PAGE} failed (${code}):\n${warnings}\n")
  endif()
  string(FIND "${rendered}" "spdl - planning guidance as data" at)
  if(at EQUAL -1)
    string(APPEND problems "the rendered page has no NAME line\n")
  endif()
endif()

# The completion completes: a command from its first letters, an option's values.
if(BASH)
  foreach(case "spdl ev|eval" "spdl test --format |text json junit" "spdl eval --expl|--explain")
    string(REPLACE "|" ";" parts "${case}")
    list(GET parts 0 line)
    list(GET parts 1 want)
    execute_process(
      COMMAND "${BASH}" -c "source \"$1\"; read -ra COMP_WORDS <<< \"$2\"; [[ \"$2\" == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _spdl; echo \"\${COMPREPLY[*]}\""
              _ "${COMPLETION}" "${line}"
      OUTPUT_VARIABLE got RESULT_VARIABLE code)
    string(STRIP "${got}" got)
    if(NOT code EQUAL 0 OR NOT got STREQUAL want)
      string(APPEND problems "completing `${line}` gave `${got}`, not `${want}`\n")
    endif()
  endforeach()
endif()

if(NOT problems STREQUAL "")
  message(FATAL_ERROR "${problems}")
endif()
