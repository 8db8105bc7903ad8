// string_to_snake: converts text to snake_case (iancoleman/strcase ToSnake).
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the string to
// Modes:
//   data    the data converted
//   object  target := converted String(source); a missing source leaves the message
//           unchanged
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/string/case.h"

namespace sub::transform {
namespace {

class StringToSnake final : public Transform {
 public:
  explicit StringToSnake(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      msg.set_data(strcase::to_snake(msg.data()));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::string result = strcase::to_snake(v.to_string());
    msg.set_string(obj_.target_key, result);
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_string_to_snake(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<StringToSnake>(std::move(obj));
}

}  // namespace sub::transform
