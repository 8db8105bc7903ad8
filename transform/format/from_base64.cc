// format_from_base64: decodes standard (padded) base64; CR and LF are ignored.
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the decoded text to
// Modes:
//   data    the data becomes the decoded bytes (binary allowed)
//   object  target := decoded text; the decoded bytes must be UTF-8, otherwise the error is
//           `cannot write binary as object`; a missing source leaves the message unchanged
#include "config/object_settings.h"
#include "core/error.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class FormatFromBase64 final : public Transform {
 public:
  explicit FormatFromBase64(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    std::string decoded;
    if (obj_.data_mode()) {
      if (!json::base64_decode(msg.data(), decoded)) throw Error("illegal base64 data");
      msg.set_data(std::move(decoded));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    const std::string field = "object.source_key \"" + obj_.source_key + "\": ";
    if (!json::base64_decode(v.to_string(), decoded)) {
      throw Error(field + "illegal base64 data");
    }
    if (!json::is_valid_utf8(decoded)) throw Error(field + "cannot write binary as object");
    msg.set_bytes(obj_.target_key, decoded);
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_format_from_base64(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<FormatFromBase64>(std::move(obj));
}

}  // namespace sub::transform
