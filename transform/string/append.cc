// string_append: appends a suffix to the data or to a string value.
//
// Settings:
//   suffix             static text to append (used when suffix_key is empty)
//   suffix_key         read the suffix from this key of the message (needs
//                      object.source_key); a missing suffix leaves the message unchanged
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the string to
// Modes:
//   data    data + suffix
//   object  target := String(source) + suffix; a missing source leaves the message unchanged
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class StringAppend final : public Transform {
 public:
  StringAppend(config::ObjectSettings obj, std::string suffix, std::string suffix_key)
      : obj_(std::move(obj)), suffix_(std::move(suffix)), suffix_key_(std::move(suffix_key)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    std::string dynamic;
    std::string_view suffix = suffix_;
    if (!suffix_key_.empty()) {
      Value v = msg.get(suffix_key_);
      if (!v.exists()) return;
      dynamic = v.to_string();
      suffix = dynamic;
    }
    if (obj_.data_mode()) {
      std::string data = msg.take_data();
      data.append(suffix);
      msg.set_data(std::move(data));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    std::string s = v.to_string();
    s.append(suffix);
    msg.set_string(obj_.target_key, s);
  }

  const config::ObjectSettings obj_;
  const std::string suffix_;
  const std::string suffix_key_;
};

}  // namespace

std::shared_ptr<Transform> new_string_append(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  std::string suffix = s.string("suffix");
  std::string suffix_key = s.string("suffix_key");
  if (suffix.empty() && suffix_key.empty()) {
    s.fail("suffix", std::string(kMissingRequiredOption) + " (suffix or suffix_key)");
  }
  if (!suffix_key.empty() && !obj.has_source()) {
    s.fail("object.source_key", std::string(kMissingRequiredOption) + " (used with suffix_key)");
  }
  return std::make_shared<StringAppend>(std::move(obj), std::move(suffix), std::move(suffix_key));
}

}  // namespace sub::transform
