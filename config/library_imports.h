// Finds the imports of the embedded library in a Jsonnet file's own text, so that such a file
// can carry the library (config/one_line_library.h) as a file that reads it by extVar does.
//
// An import counts when it is the keyword `import` in code (not in a comment or a string),
// followed by a plain single- or double-quoted path whose last component is
// substation.libsonnet and which names no file (relative to the file's folder; a vendored
// copy on disk is imported as a file, as always). A file with a text block (|||) is not
// searched at all.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sub::config {

// The file an import of `rel` from a file in folder `base` reads: `rel` itself when absolute,
// else `base` + `rel` (`base` keeps its trailing slash; "" is the working directory). The
// import callback (config/jsonnet.cc) and the search below agree on it through this.
std::string import_path(std::string_view base, std::string_view rel);

// The [begin, end) spans of `source` that are such imports. `base` is the importing file's
// folder with its trailing slash ("" for the working directory); with `files_refused` every
// library import counts, since no file may be read.
std::vector<std::pair<size_t, size_t>> library_imports(std::string_view source,
                                                       std::string_view base, bool files_refused);

}  // namespace sub::config
