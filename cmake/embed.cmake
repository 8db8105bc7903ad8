# Turns a file into a C++ header holding its bytes as a std::string_view constant.
file(READ ${INPUT} hex HEX)
string(LENGTH "${hex}" hex_len)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${hex}")
file(WRITE ${OUTPUT} "// Generated from ${INPUT}; do not edit.\n#pragma once\n#include <string_view>\nnamespace sub::embedded {\ninline constexpr char ${NAME}_bytes[] = {${body} 0};\ninline constexpr std::string_view ${NAME}(${NAME}_bytes, sizeof(${NAME}_bytes) - 1);\n}\n")
