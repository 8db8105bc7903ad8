// string_replace: replaces every match of a regular expression.
//
// Settings:
//   pattern            RE2 regular expression (required)
//   replacement        Go template text: $1, ${1}, $name, ${name}, $$ for '$' ("" deletes);
//                      `$1x` names the group "1x" (use ${1}x)
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the string to
// Modes:
//   data    the data with every match replaced
//   object  target := the replaced String(source); a missing source leaves the message
//           unchanged
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/string/go_regexp.h"

namespace sub::transform {
namespace {

class StringReplace final : public Transform {
 public:
  StringReplace(config::ObjectSettings obj, GoRegexp re, std::string replacement)
      : obj_(std::move(obj)), re_(std::move(re)), replacement_(std::move(replacement)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      msg.set_data(re_.replace_all(msg.data(), replacement_));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::string result = re_.replace_all(v.to_string(), replacement_);
    msg.set_string(obj_.target_key, result);
  }

  const config::ObjectSettings obj_;
  const GoRegexp re_;
  const std::string replacement_;
};

}  // namespace

std::shared_ptr<Transform> new_string_replace(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  std::string pattern = s.string("pattern");
  if (pattern.empty()) s.missing("pattern");
  std::string replacement = s.string("replacement");
  return std::make_shared<StringReplace>(std::move(obj), GoRegexp(pattern, s, "pattern"),
                                         std::move(replacement));
}

}  // namespace sub::transform
