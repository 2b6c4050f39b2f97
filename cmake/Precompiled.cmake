# Precompiled headers. Most files include the same heavy third-party headers (nlohmann/json alone takes
# about 3 s to parse, CLI11 about 8 s); compiling them once per build and reusing the result roughly
# halves a clean build, which keeps CI on two cores inside its time budget.
#
# safeguard_pch holds the headers every module uses; safeguard_test_pch adds GoogleTest for the tests.
# A target can reuse a precompiled header only when it is compiled with the same options and the same
# macros that those headers look at (FMT_SHARED from fmt, the date library's HAS_STRING_VIEW, ...), so
# both PCH targets and every user link the same libraries (safeguard_use_pch adds them).
# Configure with -DSAFEGUARD_PCH=OFF to build without them (for example to check include hygiene).
option(SAFEGUARD_PCH "Precompile the common third-party headers" ON)

set(SAFEGUARD_PCH_LIBS fmt::fmt date::date nlohmann_json::nlohmann_json)
set(SAFEGUARD_COMMON_HEADERS
    <algorithm> <chrono> <cstdint> <filesystem> <functional> <map> <memory> <optional> <set>
    <sstream> <string> <string_view> <unordered_map> <utility> <variant> <vector>
    <fmt/format.h> <nlohmann/json.hpp>)

if(SAFEGUARD_PCH)
  set(pch_source "${CMAKE_BINARY_DIR}/safeguard_pch.cc")
  file(WRITE "${pch_source}" "// The precompiled headers' own translation unit: nothing else.\n")
  add_library(safeguard_pch STATIC "${pch_source}")
  target_link_libraries(safeguard_pch PUBLIC ${SAFEGUARD_PCH_LIBS})
  target_precompile_headers(safeguard_pch PRIVATE ${SAFEGUARD_COMMON_HEADERS})
  safeguard_warnings(safeguard_pch)

  if(SAFEGUARD_BUILD_TESTS)
    add_library(safeguard_test_pch STATIC "${pch_source}")
    target_link_libraries(safeguard_test_pch PUBLIC ${SAFEGUARD_PCH_LIBS} GTest::gtest_main
                                                    GTest::gmock)
    target_precompile_headers(safeguard_test_pch PRIVATE ${SAFEGUARD_COMMON_HEADERS}
                              <gtest/gtest.h> <gmock/gmock.h>)
    safeguard_warnings(safeguard_test_pch)
  endif()
endif()

# safeguard_use_pch(TARGET [TEST | HEADERS header ...]): TARGET reuses the common precompiled headers (the tests' set with
# TEST); with HEADERS, TARGET compiles its own precompiled header of the common headers plus
# these (for a module that alone uses a heavy library, like the command line's CLI11). Call it after safeguard_warnings(TARGET): the options must match the PCH target's.
function(safeguard_use_pch target)
  target_link_libraries(${target} PRIVATE ${SAFEGUARD_PCH_LIBS})
  if(NOT SAFEGUARD_PCH)
    return()
  endif()
  cmake_parse_arguments(USE "TEST" "" "HEADERS" ${ARGN})
  if(USE_HEADERS)
    target_precompile_headers(${target} PRIVATE ${SAFEGUARD_COMMON_HEADERS} ${USE_HEADERS})
  elseif(USE_TEST)
    target_precompile_headers(${target} REUSE_FROM safeguard_test_pch)
  else()
    target_precompile_headers(${target} REUSE_FROM safeguard_pch)
  endif()
endfunction()
