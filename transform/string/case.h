// Unicode simple case mapping with Go's strings.ToLower / strings.ToUpper semantics, and
// the iancoleman/strcase v0.3 ToSnake conversion.
#pragma once

#include <string>
#include <string_view>

namespace sub::transform::strcase {

// Go strings.ToLower / strings.ToUpper: each code point mapped by the Unicode simple case
// mapping (no context-sensitive or multi-character mappings, as Go); each byte of an
// invalid UTF-8 sequence becomes U+FFFD.
std::string to_lower(std::string_view s);
std::string to_upper(std::string_view s);

// strcase.ToSnake: surrounding Unicode white space trimmed, ASCII word boundaries (case
// changes, letter/digit changes, acronyms) marked with '_', ' ' '-' '.' '_' turned into
// '_', ASCII letters lower-cased; other bytes are copied unchanged.
std::string to_snake(std::string_view s);

}  // namespace sub::transform::strcase
