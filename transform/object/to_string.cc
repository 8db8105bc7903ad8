// object_to_string: converts a value to a string.
//
// Settings:
//   object.source_key  read from (unset: the empty path, which names a member "", as in
//                      v2.8; there is no data mode)
//   object.target_key  write the string to
// The string is gjson String() (numbers and booleans as written, strings unquoted) written
// with the string rules; a JSON object becomes a string holding its exact text
// ({"a":{"b":1}} -> {"a":"{\"b\":1}"}). As in the reference, an array is still written raw
// (the string rules insert JSON array text as an array). A missing source leaves the
// message unchanged.
#include "config/object_settings.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ObjectToString final : public Transform {
 public:
  explicit ObjectToString(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    if (v.is_object()) {
      std::string encoded;
      json::append_sjson_string(encoded, v.raw());
      msg.set_raw(obj_.target_key, encoded);
      return;
    }
    std::string s = v.to_string();
    msg.set_string(obj_.target_key, s);
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_object_to_string(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  return std::make_shared<ObjectToString>(std::move(obj));
}

}  // namespace sub::transform
