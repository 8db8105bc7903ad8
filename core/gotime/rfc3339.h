// Go's t.UTC().Format(time.RFC3339Nano) without reading a layout: the form every event
// metadata time takes (`2024-06-01T00:00:00.5Z`: fraction without trailing zeros, none when
// zero). Used per record by the Lambda handlers, where parsing the layout each time showed.
#pragma once

#include <string>

#include "core/gotime/layout.h"

namespace sub::gotime {

// Appends `t` in UTC as RFC3339Nano. Years outside 0-9999 (and a nsec outside a second) go
// through format(), which prints them as Go does.
void append_rfc3339_nano_utc(std::string& out, Instant t);

}  // namespace sub::gotime
