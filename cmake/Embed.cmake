# Called by safeguard_embed: writes OUTPUT, a C++ file defining SYMBOL as the bytes of INPUT.
file(READ "${INPUT}" content HEX)
string(LENGTH "${content}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${content}")
file(WRITE "${OUTPUT}"
  "// Generated from ${INPUT} by cmake/Embed.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace { constexpr char kBytes[] = {${bytes} '\\0'}; }\n"
  "extern const std::string_view ${SYMBOL};\n"
  "const std::string_view ${SYMBOL}{kBytes, ${byte_count}};\n")
