// Go reference-layout time formatting and parsing (Go's Time.Format, time.Parse and
// time.ParseInLocation), byte-compatible with Go including its error texts.
//
// Layouts are written with Go's reference time, Mon Jan 2 15:04:05 MST 2006:
//   year 2006 06 | month Jan January 01 1 | weekday Mon Monday | day 2 02 _2
//   day of year 002 __2 | hour 15 3 03 | minute 4 04 | second 5 05 | PM pm
//   fraction .000 .999 ,000 ,999 (any count of 0s or 9s)
//   zone -0700 -07:00 -07 -070000 -07:00:00, the same with Z for "Z at UTC", and MST
// Anything else is literal (a bare `Z` too).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/gotime/zone.h"

namespace sub::gotime {

// An instant: Unix seconds and nanoseconds in [0, 1e9).
struct Instant {
  int64_t sec = 0;
  int32_t nsec = 0;

  // Go's time.Unix(0, ns).
  static Instant from_unix_nano(int64_t ns);
  // Go's Time.UnixNano (wraps outside the int64 range, as Go's does).
  int64_t unix_nano() const;
};

// Go's t.In(zone).Format(layout).
std::string format(Instant t, const Zone& zone, std::string_view layout);

// Go's time.ParseInLocation(layout, value, zone). Throws sub::Error with Go's message, e.g.
//   parsing time "x" as "2006-01-02": cannot parse "x" as "2006"
Instant parse(std::string_view layout, std::string_view value, const Zone& zone);

// Go's internal parse: a value without zone information is read in `dflt`; a zone
// abbreviation (MST) is looked up in `local`. time.Parse is parse(l, v, UTC, time.Local).
Instant parse(std::string_view layout, std::string_view value, const Zone& dflt, const Zone& local);

}  // namespace sub::gotime
