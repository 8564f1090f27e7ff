# The project's JSON Schemas live as lib/schemas/*.schema.json and are compiled
# into the library as text (see schemas.hpp). Included from lib/CMakeLists.txt
# it adds the generated source to intentctl_core; run with cmake -P it writes
# that source (-DSCHEMA_DIR=... -DOUTPUT=...), touching it only when the text
# changes so builds stay incremental.
if(CMAKE_SCRIPT_MODE_FILE)
  file(GLOB schema_files "${SCHEMA_DIR}/*.schema.json")
  list(SORT schema_files)
  set(text "// Generated from lib/schemas/*.schema.json by lib/schemas/embed.cmake; do not edit.\n")
  string(APPEND text "#include \"schemas/schemas.hpp\"\n\nnamespace intentctl {\n\n")
  string(APPEND text "const std::vector<EmbeddedSchema>& embedded_schemas() {\n")
  string(APPEND text "  static const std::vector<EmbeddedSchema> schemas = {\n")
  foreach(file ${schema_files})
    get_filename_component(name "${file}" NAME)
    string(REGEX REPLACE "\\.schema\\.json$" "" name "${name}")
    file(READ "${file}" content)
    string(FIND "${content}" ")schema\"" clash)
    if(NOT clash EQUAL -1)
      message(FATAL_ERROR "${file} contains the raw string delimiter )schema\"")
    endif()
    string(APPEND text "      {\"${name}\", R\"schema(${content})schema\"},\n")
  endforeach()
  string(APPEND text "  };\n  return schemas;\n}\n\n} // namespace intentctl\n")
  if(EXISTS "${OUTPUT}")
    file(READ "${OUTPUT}" old)
  endif()
  if(NOT old STREQUAL text)
    file(WRITE "${OUTPUT}" "${text}")
  endif()
  return()
endif()

file(GLOB INTENTCTL_SCHEMA_FILES CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/*.schema.json)
set(INTENTCTL_SCHEMAS_CPP ${CMAKE_BINARY_DIR}/generated/schemas_data.cpp)
add_custom_command(
  OUTPUT ${INTENTCTL_SCHEMAS_CPP}
  COMMAND ${CMAKE_COMMAND} -DSCHEMA_DIR=${CMAKE_CURRENT_LIST_DIR} -DOUTPUT=${INTENTCTL_SCHEMAS_CPP}
          -P ${CMAKE_CURRENT_LIST_DIR}/embed.cmake
  DEPENDS ${INTENTCTL_SCHEMA_FILES} ${CMAKE_CURRENT_LIST_DIR}/embed.cmake
  COMMENT "Embedding the JSON Schemas")
target_sources(intentctl_core PRIVATE ${INTENTCTL_SCHEMAS_CPP})
