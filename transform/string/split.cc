// string_split: splits a string into an array on a separator.
//
// Settings:
//   separator          literal separator (required)
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the array to
// Modes:
//   data    the data becomes a JSON array of the parts; each part is added with the []byte
//           rules (parts that are JSON objects/arrays are inserted raw, invalid UTF-8 as
//           base64)
//   object  target := JSON array of strings; a missing source leaves the message unchanged
#include "config/object_settings.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class StringSplit final : public Transform {
 public:
  StringSplit(config::ObjectSettings obj, std::string separator)
      : obj_(std::move(obj)), sep_(std::move(separator)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  // Calls fn for each part of s split on sep_ (Go strings.Split).
  template <typename Fn>
  void split(std::string_view s, Fn&& fn) const {
    size_t start = 0;
    while (true) {
      size_t at = s.find(sep_, start);
      if (at == std::string_view::npos) break;
      fn(s.substr(start, at - start));
      start = at + sep_.size();
    }
    fn(s.substr(start));
  }

  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      Message tmp;
      split(msg.data(), [&](std::string_view part) { tmp.set_bytes("key.-1", part); });
      msg.set_data(tmp.get("key").to_string());
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    const std::string text = v.to_string();
    std::string arr = "[";
    bool first = true;
    split(text, [&](std::string_view part) {
      if (!first) arr.push_back(',');
      first = false;
      json::append_go_string(arr, part);
    });
    arr.push_back(']');
    msg.set_raw(obj_.target_key, arr);
  }

  const config::ObjectSettings obj_;
  const std::string sep_;
};

}  // namespace

std::shared_ptr<Transform> new_string_split(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  std::string sep = s.string("separator");
  if (sep.empty()) s.missing("separator");
  return std::make_shared<StringSplit>(std::move(obj), std::move(sep));
}

}  // namespace sub::transform
