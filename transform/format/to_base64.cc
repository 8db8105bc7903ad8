// format_to_base64: encodes as standard base64 with padding.
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the encoded text to
// Modes:
//   data    the data becomes the base64 text of the data bytes
//   object  target := base64 of the source value's bytes (String()); a missing source
//           leaves the message unchanged
#include "config/object_settings.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class FormatToBase64 final : public Transform {
 public:
  explicit FormatToBase64(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      msg.set_data(json::base64_encode(msg.data()));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    msg.set_string(obj_.target_key, json::base64_encode(v.to_string()));
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_format_to_base64(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<FormatToBase64>(std::move(obj));
}

}  // namespace sub::transform
