// time_from_string: parses a time string with a Go layout into Unix nanoseconds.
//
// Settings:
//   format             Go reference layout, e.g. "2006-01-02T15:04:05.000Z" (required)
//   location           IANA zone the string is read in when it carries no zone; "" = UTC
//                      (zone abbreviations such as EST are then looked up in the local zone)
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the nanoseconds to, as a JSON number
// Modes:
//   data    the data (read as a value) is parsed; the data becomes the decimal digits
//   object  target := nanoseconds; a missing source leaves the message unchanged
#include "config/object_settings.h"
#include "core/error.h"
#include "core/gotime/layout.h"
#include "transform/builder.h"
#include "transform/time/common.h"

namespace sub::transform {
namespace {

class TimeFromString final : public Transform {
 public:
  TimeFromString(config::ObjectSettings obj, std::string format, std::string location)
      : obj_(std::move(obj)),
        format_(std::move(format)),
        location_(location, /*fallback_local=*/false),
        local_(std::string(), /*fallback_local=*/true) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    Value v = time::input(msg, obj_);
    if (!v.exists()) return;
    const std::string text = v.to_string();
    gotime::Instant t;
    try {
      if (location_.name().empty()) {
        t = gotime::parse(format_, text, location_.zone(), local_.zone());
      } else {
        t = gotime::parse(format_, text, location_.zone());
      }
    } catch (const Error& e) {
      std::string where = "format " + format_;
      if (!location_.name().empty()) where += " location " + location_.name();
      // A location that failed to load is reported as is.
      if (std::string_view(e.what()).starts_with("location ")) {
        throw Error(time::field(obj_) + e.what());
      }
      throw Error(time::field(obj_) + where + ": " + e.what());
    }
    time::write_int(msg, obj_, t.unix_nano());
  }

  const config::ObjectSettings obj_;
  const std::string format_;
  const time::Location location_;
  const time::Location local_;
};

}  // namespace

std::shared_ptr<Transform> new_time_from_string(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  std::string format = s.string("format");
  if (format.empty()) s.missing("format");
  return std::make_shared<TimeFromString>(std::move(obj), std::move(format), s.string("location"));
}

}  // namespace sub::transform
