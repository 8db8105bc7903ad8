// Turns libjsonnet's error text into something people can read in a terminal:
//
//   <message>                         libjsonnet's first line, unchanged
//     <file>:<position>:              the first position in the user's files (the message's
//       2 | local f(x) = x + {a: 1};  own for a STATIC ERROR, else the first stack frame's),
//         |              ^~~~~~~~~~   its source line and a caret under the column(s)
//     stack trace:                    then every stack frame, one per line
//       rt.jsonnet:2:14-24  function <f>
//
// Frames in the Jsonnet standard library (`std.jsonnet`, `<std>`), in ext code
// (`<extvar:sub>`) and in the Substation library (`substation.libsonnet`, embedded or
// vendored) are kept in the trace but never excerpted. No excerpt when the position's source
// cannot be read or the line is not in it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace sub::config {

// The source of a file named in an error (other than the evaluated one), nullopt if unknown.
using JsonnetSourceReader = std::function<std::optional<std::string>(const std::string& file)>;

// The file that was evaluated: `name` as libjsonnet reports it, `text` as the user wrote it.
struct JsonnetSourceFile {
  std::string_view name;
  std::string_view text;
};

// `raw`: libjsonnet's error text (message, then frames `\t<position>\t<name>` one per line).
// The result has no trailing newline.
std::string format_jsonnet_error(std::string_view raw, const JsonnetSourceFile& evaluated,
                                 const JsonnetSourceReader& read_other);

// The two excerpt lines for `line` (1-based, `column` to `end_column` exclusive, 0: one
// column) of `text`, each indented by `indent` and ending in '\n', or "" when `text` has no
// such line. Long lines are cut around the column.
std::string jsonnet_source_excerpt(std::string_view text, size_t line, size_t column,
                                   size_t end_column, std::string_view indent);

}  // namespace sub::config
