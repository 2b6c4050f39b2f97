# safeguard_module(NAME SOURCES ... [DEPENDS module ...] [LIBS target ...] [PRECOMPILE header ...])
#
# Each module under src/<name> becomes the static library safeguard_<name>. Its headers are reachable
# as "<name>/header.h" only by targets that link it, because the include path for a module is a
# directory holding a single link to src/<name>. So an #include across an edge the architecture does not
# allow fails to build, rather than waiting for review.
function(safeguard_module name)
  cmake_parse_arguments(MODULE "" "" "SOURCES;DEPENDS;LIBS;PRECOMPILE" ${ARGN})
  set(include_root "${CMAKE_BINARY_DIR}/module-include/${name}")
  file(MAKE_DIRECTORY "${include_root}")
  file(CREATE_LINK "${CMAKE_SOURCE_DIR}/src/${name}" "${include_root}/${name}" SYMBOLIC)
  add_library(safeguard_${name} STATIC ${MODULE_SOURCES})
  target_include_directories(safeguard_${name} PUBLIC "${include_root}")
  foreach(dependency IN LISTS MODULE_DEPENDS)
    target_link_libraries(safeguard_${name} PUBLIC safeguard_${dependency})
  endforeach()
  target_link_libraries(safeguard_${name} PUBLIC ${MODULE_LIBS})
  safeguard_warnings(safeguard_${name})
  if(MODULE_PRECOMPILE)
    safeguard_use_pch(safeguard_${name} HEADERS ${MODULE_PRECOMPILE})
  else()
    safeguard_use_pch(safeguard_${name})
  endif()
endfunction()

function(safeguard_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion)
  if(SAFEGUARD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  # GCC 12 loses the "system header" mark of the standard library's inlined code when it comes from
  # a precompiled header, and then reports its known false positives (bug 105329 and relatives:
  # std::string moves "out of bounds") in our files. Only these middle-end checks are turned off, and
  # only for that combination; a -DSAFEGUARD_PCH=OFF build keeps them.
  if(SAFEGUARD_PCH AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION
                                                                VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-array-bounds -Wno-stringop-overflow
                                             -Wno-stringop-overread -Wno-restrict)
  endif()
endfunction()

# safeguard_embed(TARGET SYMBOL FILE): compiles FILE into TARGET as
#   extern const std::string_view SYMBOL;   (declared in the module's own header)
# so the binary stands alone: reference data and migrations travel inside it.
function(safeguard_embed target symbol file)
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_${symbol}.cc")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND ${CMAKE_COMMAND} -DINPUT=${file} -DOUTPUT=${output} -DSYMBOL=${symbol}
            -P "${CMAKE_SOURCE_DIR}/cmake/Embed.cmake"
    DEPENDS "${file}" "${CMAKE_SOURCE_DIR}/cmake/Embed.cmake"
    COMMENT "Embedding ${file}")
  target_sources(${target} PRIVATE "${output}")
endfunction()
