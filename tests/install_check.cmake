# Installs the build into a fresh prefix and checks that every file `cmake --install`
# promises is there, and that the installed binary runs.
# Usage: cmake -DBUILD_DIR=... -DPREFIX=... -DFILES="a|b|c" -P install_check.cmake
file(REMOVE_RECURSE "${PREFIX}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${PREFIX}"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "cmake --install failed:\n${out}")
endif()
string(REPLACE "|" ";" files "${FILES}")
foreach(f IN LISTS files)
  if(NOT EXISTS "${PREFIX}/${f}")
    message(FATAL_ERROR "cmake --install did not write ${f}; it wrote:\n${out}")
  endif()
endforeach()
execute_process(COMMAND "${PREFIX}/${BINARY}" --version OUTPUT_VARIABLE version RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT version MATCHES "^handoff [0-9]+\\.[0-9]+\\.[0-9]+\n$")
  message(FATAL_ERROR "the installed binary does not run: ${rc} ${version}")
endif()
message(STATUS "installed ${files}")
