// time_from_unix_milli: Unix milliseconds to Unix nanoseconds (Go's time.UnixMilli(ms).UnixNano()).
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to, as a JSON number
// Modes:
//   data    the data (read as a value, Int()) becomes the result's decimal digits
//   object  target := result; a missing source leaves the message unchanged
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/time/common.h"

namespace sub {
namespace {

class TimeFromUnixMilli final : public Transform {
 public:
  explicit TimeFromUnixMilli(ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    Value v = time_transform::input(msg, obj_);
    if (!v.exists()) return;
    time_transform::write_int(msg, obj_, convert(v.to_int()));
  }

  static int64_t convert(int64_t v) {
    return static_cast<int64_t>(static_cast<uint64_t>(v) * 1000000u);
  }

  const ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_time_from_unix_milli(const config::Settings& s, Builder&) {
  ObjectSettings obj = ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<TimeFromUnixMilli>(std::move(obj));
}

}  // namespace sub
