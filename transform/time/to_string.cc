// time_to_string: formats Unix nanoseconds with a Go layout.
//
// Settings:
//   format             Go reference layout, e.g. "2006-01-02T15:04:05.000Z" (required)
//   location           IANA zone to format in; "" = the process-local zone (Go's time.Local,
//                      from $TZ; UTC on Lambda)
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the string to
// Modes:
//   data    the data (read as a value, Int()) becomes the formatted string
//   object  target := formatted string; a missing source leaves the message unchanged
#include "config/object_settings.h"
#include "core/error.h"
#include "core/gotime/layout.h"
#include "transform/builder.h"
#include "transform/time/common.h"

namespace sub::transform {
namespace {

class TimeToString final : public Transform {
 public:
  TimeToString(config::ObjectSettings obj, std::string format, const std::string& location)
      : obj_(std::move(obj)),
        format_(std::move(format)),
        location_(location, /*fallback_local=*/true) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    Value v = time::input(msg, obj_);
    if (!v.exists()) return;
    const gotime::Zone* zone = nullptr;
    try {
      zone = &location_.zone();
    } catch (const Error& e) {
      throw Error(time::field(obj_) + e.what());
    }
    std::string s = gotime::format(gotime::Instant::from_unix_nano(v.to_int()), *zone, format_);
    if (obj_.has_source() && obj_.has_target()) {
      msg.set_string(obj_.target_key, s);
    } else {
      msg.set_data(std::move(s));
    }
  }

  const config::ObjectSettings obj_;
  const std::string format_;
  const time::Location location_;
};

}  // namespace

std::shared_ptr<Transform> new_time_to_string(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  std::string format = s.string("format");
  if (format.empty()) s.missing("format");
  return std::make_shared<TimeToString>(std::move(obj), std::move(format), s.string("location"));
}

}  // namespace sub::transform
