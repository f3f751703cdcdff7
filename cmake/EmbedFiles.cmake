# embed_files(OUTPUT <cpp> NAMESPACE <ns> BASE <dir> FILES <files...>)
# Generates a C++ source that defines
#   const std::vector<handoff::EmbeddedFile>& <ns>::embedded_files();
# holding each file's path relative to BASE and its bytes.
function(embed_files)
  cmake_parse_arguments(E "" "OUTPUT;BASE" "FILES" ${ARGN})
  add_custom_command(
    OUTPUT ${E_OUTPUT}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${E_OUTPUT} -DBASE=${E_BASE}
            "-DFILES=${E_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding templates"
    VERBATIM)
endfunction()
