// A position in Jsonnet source as libjsonnet writes it in error messages and stack frames:
//   file:LINE:COL              one character
//   file:LINE:COL-END          characters COL to END-1 of one line
//   file:(LINE:COL)-(L2:C2)    a range over several lines
// Lines and columns are 1-based; columns count bytes.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace sub::config {

struct JsonnetPosition {
  std::string file;
  size_t line = 0;
  size_t column = 0;
  size_t end_line = 0;    // the line of end_column
  size_t end_column = 0;  // one past the last column; 0: just `column`

  // Parses a whole token (`file:2:5-9`). The file name is what precedes the position, so it
  // may itself contain colons. nullopt for anything else.
  static std::optional<JsonnetPosition> parse(std::string_view token);
};

}  // namespace sub::config
