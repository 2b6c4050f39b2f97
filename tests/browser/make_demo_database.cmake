# The browser tests' fixture: builds the demo authority once into DATABASE, which each test copies.
#   cmake -DSAFEGUARD=<safeguard> -DDATABASE=<file> -DCHROMIUM=<path> -DNODE_MODULES=<dir> -P this
# Builds nothing when the browser tests will skip (no Chromium or no npm packages): they say why.
foreach(variable SAFEGUARD DATABASE CHROMIUM NODE_MODULES)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "make_demo_database.cmake: -D${variable}=... is required")
  endif()
endforeach()
if(NOT EXISTS "${CHROMIUM}" OR NOT EXISTS "${NODE_MODULES}/playwright-core/package.json"
   OR NOT EXISTS "${NODE_MODULES}/@axe-core/playwright/package.json")
  message(STATUS "no Chromium at ${CHROMIUM} or no npm packages in ${NODE_MODULES}: the browser "
                 "tests will skip, so no demo database is built")
  return()
endif()
file(REMOVE "${DATABASE}" "${DATABASE}-wal" "${DATABASE}-shm" "${DATABASE}.partial"
     "${DATABASE}.partial-wal" "${DATABASE}.partial-shm")
# Built under another name and renamed when complete, so a test never copies half a database.
execute_process(COMMAND "${SAFEGUARD}" demo --db "${DATABASE}.partial"
                RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "safeguard demo failed (${result}):\n${output}${errors}")
endif()
if(EXISTS "${DATABASE}.partial-wal")
  message(FATAL_ERROR "safeguard demo left a write-ahead log beside ${DATABASE}.partial")
endif()
file(RENAME "${DATABASE}.partial" "${DATABASE}")
message(STATUS "built the demo authority for the browser tests: ${DATABASE}")
