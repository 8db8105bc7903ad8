// In-process Jsonnet: compiles configurations with libjsonnet and formats Jsonnet source.
//
// The Substation library (config/substation.libsonnet, embedded into the binary) is offered
// to every compiled file in the two ways the reference CLI users rely on:
//   local sub = std.extVar('sub');              // ext code, as the reference CLI injects it
//   local sub = import 'substation.libsonnet';  // any import whose last path component is
//                                               // substation.libsonnet and that names no
//                                               // file (a vendored copy is used, as the
//                                               // reference uses it)
// Every other import is resolved as a file relative to the importing file.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace sub::config {

// The import name that resolves to the embedded library when no such file exists, and the
// ext code variable that holds it.
inline constexpr std::string_view kLibraryFileName = "substation.libsonnet";
inline constexpr std::string_view kLibraryExtVar = "sub";

// A Jsonnet source that does not compile or evaluate. Unlike other errors the message spans
// several lines: libjsonnet's message, an excerpt of the source under it and the stack trace
// (config/jsonnet_error_text.h); callers print it as it is.
class JsonnetError : public Error {
 public:
  explicit JsonnetError(const std::string& what) : Error(what) {}
};

// The embedded library source.
std::string_view substation_library();

// Evaluates Jsonnet `source` and returns the resulting JSON text. `filename` names the
// source in error messages and is the base for relative imports. `ext_strs` become
// std.extVar string values (the CLI's --ext-str). Throws JsonnetError with the message
// `<filename>: <jsonnet error>` (several lines, see JsonnetError) when the source does not
// compile or evaluate.
std::string compile_jsonnet(std::string_view source, const std::string& filename,
                            const std::map<std::string, std::string>& ext_strs = {});

// What a compilation may reach beyond its source, for untrusted sources (the playground).
struct JsonnetLimits {
  // Non-empty: every import of a file (import, importstr, importbin) fails with this reason;
  // the embedded library stays importable. Error excerpts then quote `source` only.
  std::string file_imports_refused;
};
std::string compile_jsonnet(std::string_view source, const std::string& filename,
                            const std::map<std::string, std::string>& ext_strs,
                            const JsonnetLimits& limits);

// Reformats Jsonnet `source` with the standard formatter options (2-space indent, single
// quotes, `//` comments, padded objects, sorted imports). Throws JsonnetError on a parse
// error.
std::string format_jsonnet(std::string_view source, const std::string& filename);

}  // namespace sub::config
