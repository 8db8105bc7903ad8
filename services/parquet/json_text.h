// JSON printing helpers for Parquet values, matching Go's encoding/json.
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace sub::parquet {

// An error of the printing step (json.Marshal in the reference), which the reference
// reports without the field path that reading errors get.
class MarshalError : public Error {
 public:
  explicit MarshalError(const std::string& what) : Error(what) {}
};

// A float32 as encoding/json prints it: shortest digits that round-trip as a float32, in
// plain decimal, or exponent form below 1e-6 and from 1e21. Throws sub::Error for NaN and
// infinities, as json.Marshal fails on them.
void append_float32(std::string& out, float f);
// A float64, likewise.
void append_float64(std::string& out, double d);

// A JSON document parsed into Go's `any` and printed again: object keys sorted (the last
// duplicate wins), numbers as float64, strings re-escaped. Throws sub::Error if `text` is
// not valid JSON or a number does not fit a float64.
void append_reencoded_json(std::string& out, std::string_view text);

}  // namespace sub::parquet
