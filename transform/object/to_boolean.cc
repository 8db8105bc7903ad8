// object_to_boolean: converts a value to a boolean (gjson Bool(): true, "true"/"1"-style strings,
// non-zero numbers).
//
// Settings:
//   object.source_key  read from (both or neither with target_key; neither: the empty
//                      path, which names a member "", as in v2.8; there is no data mode)
//   object.target_key  write the converted value to
// A missing source leaves the message unchanged; a found one written to an unset target_key
// fails (`path cannot be empty`), as in v2.8.
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ObjectToBoolean final : public Transform {
 public:
  explicit ObjectToBoolean(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) {
      Value v = msg.get(obj_.source_key);
      if (v.exists()) msg.set_bool(obj_.target_key, v.to_bool());
    }
    out.push_back(std::move(msg));
  }

 private:
  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_object_to_boolean(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  // Unlike the other object_to_* (as in v2.8): one key alone is a config error.
  obj.require_both_or_neither(s);
  return std::make_shared<ObjectToBoolean>(std::move(obj));
}

}  // namespace sub::transform
