// Helpers shared by the time_* transforms: the input value, the `format`/`location`
// settings and how integer results are written.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "config/object_settings.h"
#include "config/settings.h"
#include "core/gotime/zone.h"
#include "core/message.h"

namespace sub::transform::time {

// The value a time transform works on: the source key in object mode, otherwise the data
// read as a typed value (bytes_to_value). Object mode needs both keys.
inline Value input(const Message& msg, const config::ObjectSettings& obj) {
  if (obj.has_source() && obj.has_target()) return msg.get(obj.source_key);
  return bytes_to_value(msg.data());
}

// Writes an integer result: a JSON number at the target key, or decimal digits as data.
inline void write_int(Message& msg, const config::ObjectSettings& obj, int64_t v) {
  if (obj.has_source() && obj.has_target()) {
    msg.set_int(obj.target_key, v);
  } else {
    msg.set_data(std::to_string(v));
  }
}

// Prefix naming the field of a data error (empty in data mode).
inline std::string field(const config::ObjectSettings& obj) {
  if (!(obj.has_source() && obj.has_target())) return {};
  return "object.source_key \"" + obj.source_key + "\": ";
}

// The `location` setting resolved once at construction. As in the reference, an unknown
// zone is reported when a message is transformed ("location X: unknown time zone X"), not
// when the pipeline is built.
class Location {
 public:
  // `name` empty means `fallback_local` ? the process-local zone : UTC.
  Location(const std::string& name, bool fallback_local);
  const std::string& name() const { return name_; }
  // The zone, or throws the deferred load error.
  const gotime::Zone& zone() const;

 private:
  std::string name_;
  std::shared_ptr<const gotime::Zone> zone_;
  std::string error_;
};

// Go's `time.Unix(0, ns)` arithmetic helpers (floor division, as Go's Unix/UnixMilli).
int64_t floor_div(int64_t a, int64_t b);

}  // namespace sub::transform::time
