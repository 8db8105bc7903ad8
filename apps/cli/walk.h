// Finding the files a verb works on, shared by build, fmt, vet and test.
#pragma once

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>

namespace sub::cli {

// Whether the last component of `path` ends in one of `exts` (".jsonnet", ...), compared
// as filepath.Ext does: from the last dot of the last component.
bool has_extension(const std::string& path, std::initializer_list<std::string_view> exts);

// Calls `visit` with every file in directory `dir`, in lexical order of names, as
// filepath.WalkDir does: paths are `dir` joined with the names (`a.json` for `.`), and
// subdirectories are entered only when `recursive`. Symbolic links are not followed inside
// the tree (so -R cannot loop); nesting deeper than 256 levels is an error. Errors:
// `open <dir>: <reason>`.
void walk_files(const std::string& dir, bool recursive,
                const std::function<void(const std::string&)>& visit);

// The verbs' common start: `path` is a directory (walked as above) or a file (visited
// itself). Errors: `lstat <path>: no such file or directory` when it does not exist.
void visit_path(const std::string& path, bool recursive,
                const std::function<void(const std::string&)>& visit);

}  // namespace sub::cli
