// The JSON path engine: gjson-compatible reads, sjson-compatible writes and deletes, over
// raw bytes. Reads never build a DOM. Writes splice: every byte outside the edited value
// (key order, whitespace, even malformed neighbours) is kept exactly as it was.
//
// Read syntax (gjson): dots, `\` escapes, array indexes, `#` (count), `a.#.b` projections,
// `#(...)` / `#(...)#` queries with == != < <= > >= % !% and nested paths, wildcards `*` `?`,
// multipaths `[a,b]` / `{a,b}`, `..` JSON lines, `!true`-style literals, `|` pipes, and the
// modifiers @reverse @ugly @pretty @this @valid @flatten @join @keys @values @tostr @fromstr
// @group @dig, plus Substation's @dedupe, each with optional `:arg` JSON arguments.
//
// Write syntax (sjson): dots, escapes, numeric components, `-1` append, missing
// intermediates created (objects, or arrays for numeric components as sjson does).
#pragma once

#include <string>
#include <string_view>

#include "core/json/value.h"

namespace sub::json {

// Reads `path` from `json`. The returned Value may view `json`: keep `json` alive.
Value get(std::string_view json, std::string_view path);

// The deepest nesting of objects and arrays that Go's encoding/json accepts: a document with
// more open containers than this is not valid, and every walk that builds or prints nested
// values stops with an error there instead of running out of stack.
inline constexpr size_t kMaxNestingDepth = 10000;

// True if `json` is one valid JSON value (surrounding whitespace allowed), nested at most
// kMaxNestingDepth deep.
bool valid(std::string_view json);

// One past the valid JSON value that starts at `i` of `json` (whitespace before it
// skipped), read as valid() reads a whole document, with `enclosing` containers already
// open around it (they count toward kMaxNestingDepth); std::string_view::npos when no
// valid value starts there. What follows the value is not looked at.
size_t valid_value_end(std::string_view json, size_t i, size_t enclosing = 0);

// valid_value_end for a string whose opening quote is at json[i] (no white space before it).
size_t valid_string_end(std::string_view json, size_t i);

// Writes `raw_value` (already-encoded JSON text) at `path` of `json`, result in `out`
// (cleared first). Throws sub::Error for a path sjson rejects (empty path, a query or
// modifier in a write path, ...), with sjson's message.
void set_raw(std::string_view json, std::string_view path, std::string_view raw_value,
             std::string& out);

// Deletes `path` from `json`, result in `out` (cleared first). A missing path leaves the
// document unchanged. Throws sub::Error for a path sjson rejects.
void del(std::string_view json, std::string_view path, std::string& out);

}  // namespace sub::json
