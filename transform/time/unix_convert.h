// What time_from_unix(_milli) and time_to_unix(_milli) share: an integer in (the source value
// or the data, read as a value and Int()), the same integer in another unit out, written as a
// JSON number at the target or as the data's decimal digits. A missing source leaves the
// message unchanged. Settings: object.source_key and object.target_key, both or neither.
#pragma once

#include <cstdint>
#include <memory>

#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/time/common.h"

namespace sub::transform::time {

class UnixConvert final : public Transform {
 public:
  using Convert = int64_t (*)(int64_t);

  UnixConvert(config::ObjectSettings obj, Convert convert)
      : obj_(std::move(obj)), convert_(convert) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    const Value v = input(msg, obj_);
    if (!v.exists()) return;
    write_int(msg, obj_, convert_(v.to_int()));
  }

  const config::ObjectSettings obj_;
  const Convert convert_;
};

inline std::shared_ptr<Transform> make_unix_convert(const config::Settings& s,
                                                    UnixConvert::Convert convert) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<UnixConvert>(std::move(obj), convert);
}

}  // namespace sub::transform::time
