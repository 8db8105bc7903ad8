// Times in event metadata, printed as Go prints a time.Time in JSON (RFC3339Nano:
// fraction without trailing zeros, `Z` at UTC). Lambda runs with TZ=UTC, so times the
// reference builds with time.Unix print in UTC.
#pragma once

#include <string>
#include <string_view>

#include "core/gotime/layout.h"
#include "core/json/value.h"

namespace sub::lambda {

inline constexpr std::string_view kRfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";

// aws-lambda-go SecondsEpochTime: a JSON number of seconds read as float64, split as
// int64(epoch) and int64((epoch-sec)*1e9). A missing value is Go's zero time. Throws
// sub::Error when the value is not a number.
gotime::Instant instant_from_epoch_seconds(const json::Value& v, std::string_view field);

// aws-lambda-go MilliSecondsEpochTime: an integer of milliseconds.
gotime::Instant instant_from_epoch_millis(const json::Value& v, std::string_view field);

// RFC3339Nano in UTC.
std::string format_utc(gotime::Instant t);

// A time.Time decoded from an RFC3339 JSON string and encoded again: the offset written in
// the input is kept (`+00:00` prints as `Z`). Missing: Go's zero time.
std::string reformat_rfc3339(const json::Value& v, std::string_view field);

}  // namespace sub::lambda
