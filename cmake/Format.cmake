# `format` rewrites the C++ sources with clang-format; `check-format` fails when one differs.
find_program(CLANG_FORMAT NAMES clang-format clang-format-14)
if(CLANG_FORMAT)
  file(GLOB_RECURSE HANDOFF_FORMAT_SOURCES CONFIGURE_DEPENDS
    ${PROJECT_SOURCE_DIR}/lib/*.cpp ${PROJECT_SOURCE_DIR}/lib/*.hpp
    ${PROJECT_SOURCE_DIR}/cli/*.cpp ${PROJECT_SOURCE_DIR}/cli/*.hpp
    ${PROJECT_SOURCE_DIR}/tests/unit/*.cpp ${PROJECT_SOURCE_DIR}/tests/unit/*.hpp)
  add_custom_target(format COMMAND ${CLANG_FORMAT} -i ${HANDOFF_FORMAT_SOURCES}
    COMMENT "Formatting the sources with clang-format" VERBATIM)
  add_custom_target(check-format COMMAND ${CLANG_FORMAT} --dry-run --Werror ${HANDOFF_FORMAT_SOURCES}
    COMMENT "Checking the formatting with clang-format" VERBATIM)
else()
  add_custom_target(format COMMAND ${CMAKE_COMMAND} -E echo "clang-format not found: apt-get install clang-format")
  # CI runs check-format: without clang-format it fails rather than passing unchecked.
  add_custom_target(check-format COMMAND ${CMAKE_COMMAND} -E echo "clang-format not found: apt-get install clang-format"
    COMMAND ${CMAKE_COMMAND} -E false)
endif()
