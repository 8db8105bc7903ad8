// object_to_float: converts a value to a float (gjson Float(): strings parsed, others 0).
//
// Settings:
//   object.source_key  read from (unset: the empty path, which names a member "", as in
//                      v2.8; there is no data mode)
//   object.target_key  write the converted value to
// A missing source leaves the message unchanged; a found one written to an unset target_key
// fails (`path cannot be empty`), as in v2.8.
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ObjectToFloat final : public Transform {
 public:
  explicit ObjectToFloat(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) {
      Value v = msg.get(obj_.source_key);
      if (v.exists()) msg.set_float(obj_.target_key, v.to_float());
    }
    out.push_back(std::move(msg));
  }

 private:
  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_object_to_float(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  return std::make_shared<ObjectToFloat>(std::move(obj));
}

}  // namespace sub::transform
