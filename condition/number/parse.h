// Number parsing with Go's strconv rules and error texts, for the number_* conditions
// that read the whole message data as a number.
#pragma once

#include <cstdint>
#include <string_view>

namespace sub::condition {

// strconv.ParseFloat(s, 64): decimal or hexadecimal (0x1.8p3) floats with optional
// underscores between digits, "inf"/"infinity"/"nan" in any case; no surrounding spaces.
// Throws sub::Error with Go's text, e.g. `strconv.ParseFloat: parsing "abc": invalid
// syntax` or `... value out of range`.
double parse_go_float(std::string_view s);

// strconv.ParseInt(s, 10, 64). Throws sub::Error with Go's text.
int64_t parse_go_int(std::string_view s);

// UTF-8 code points in `s` as Go's utf8.RuneCount counts them: every byte that does not
// start a valid sequence counts as one.
size_t rune_count(std::string_view s);

}  // namespace sub::condition
