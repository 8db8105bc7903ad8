// Encodings the reference's Go runtime produces for the Lambda's metadata and responses.
#pragma once

#include <string>
#include <string_view>

#include "core/json/value.h"

namespace sub::lambda {

// Go's json.Marshal of a map[string]string decoded from `obj`: keys sorted, strings
// HTML-escaped; an absent or null value is `null`, a non-string member value is "".
void append_string_map(std::string& out, const json::Value& obj);

// Go's json.Compact with HTML escaping (what json.Marshal does to a json.RawMessage):
// whitespace removed, `<` `>` `&` U+2028 U+2029 escaped. `raw` must be valid JSON.
void append_compact_html(std::string& out, std::string_view raw);

// Go's url.QueryUnescape: `+` is a space, %XX is a byte. Throws sub::Error
// `invalid URL escape "%zz"`.
std::string query_unescape(std::string_view s);

}  // namespace sub::lambda
