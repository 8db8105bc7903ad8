// How the reference writes a gjson value that is JSON text but not valid JSON (an unclosed
// bracket, a trailing comma): SetValue stores Go's value of it, gjson's Result.Value() (a
// lenient read into maps, slices, strings, float64s, bools and nils), as encoding/json
// marshals it: object keys sorted and each kept once (the first one read wins), numbers as
// float64, strings HTML-escaped with invalid UTF-8 as U+FFFD.
#pragma once

#include <string>

#include "core/json/value.h"

namespace sub::json {

// Appends json.Marshal(v.Value()). Throws sub::Error `json: unsupported value: +Inf` for a
// number out of float64's range, as Marshal fails. Text nested deeper than the reader's limit
// is written compacted.
void append_go_value(std::string& out, const Value& v);

}  // namespace sub::json
