// Encoding of strings and numbers exactly as the reference (Go) prints them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sub::json {

// Go encoding/json string: quotes, escapes `"` `\\` and control characters, HTML-safe
// (`<` `>` `&` as \u003c \u003e \u0026), U+2028/U+2029 escaped, invalid UTF-8 as \ufffd.
void append_go_string(std::string& out, std::string_view s);

// How sjson writes a Go string value: plain quoted when every byte is printable ASCII
// other than `"` and `\\`, otherwise as Go encoding/json would.
void append_sjson_string(std::string& out, std::string_view s);

// strconv.FormatFloat(f, 'f', -1, 64): shortest round-trip digits, never an exponent.
void append_float_f(std::string& out, double f);

// encoding/json of a float64: like 'f' but with an exponent below 1e-6 and from 1e21,
// in Go's style (1e+21, 1e-07 is printed as 1e-7).
void append_float_json(std::string& out, double f);

void append_int(std::string& out, int64_t v);
void append_uint(std::string& out, uint64_t v);

bool is_valid_utf8(std::string_view s);

// Standard base64 with padding.
std::string base64_encode(std::string_view in);
// Decodes standard padded base64; returns false on invalid input.
bool base64_decode(std::string_view in, std::string& out);

// json.Compact / gjson @ugly: removes insignificant whitespace. Input need not be valid.
void append_compact(std::string& out, std::string_view json);

}  // namespace sub::json
