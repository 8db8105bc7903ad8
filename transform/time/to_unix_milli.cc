// time_to_unix_milli: Unix nanoseconds to Unix milliseconds (rounded down, as Go's UnixMilli()).
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to, as a JSON number
// Modes:
//   data    the data (read as a value, Int()) becomes the result's decimal digits
//   object  target := result; a missing source leaves the message unchanged
#include "transform/time/unix_convert.h"

namespace sub::transform {
namespace {

int64_t convert(int64_t v) { return time::floor_div(v, 1000000); }

}  // namespace

std::shared_ptr<Transform> new_time_to_unix_milli(const config::Settings& s, Builder&) {
  return time::make_unix_convert(s, &convert);
}

}  // namespace sub::transform
