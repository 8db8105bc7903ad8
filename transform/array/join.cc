// array_join: joins the elements of an array into a string.
//
// Settings:
//   separator          text placed between elements (default "")
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the string to
// Modes:
//   data    the data (read as a JSON value) must be an array; the data becomes the joined
//           text
//   object  target := joined text
// Elements are joined by their string values (strings unquoted, other values as JSON). A
// value that is not an array, or is missing, leaves the message unchanged.
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ArrayJoin final : public Transform {
 public:
  ArrayJoin(config::ObjectSettings obj, std::string separator)
      : obj_(std::move(obj)), sep_(std::move(separator)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    Value v = obj_.data_mode() ? bytes_to_value(msg.data()) : msg.get(obj_.source_key);
    if (!v.is_array()) return;
    std::string joined;
    bool first = true;
    v.for_each([&](const Value&, const Value& item) {
      if (!first) joined.append(sep_);
      first = false;
      joined.append(item.to_string());
      return true;
    });
    if (obj_.data_mode()) {
      msg.set_data(std::move(joined));
    } else {
      msg.set_string(obj_.target_key, joined);
    }
  }

  const config::ObjectSettings obj_;
  const std::string sep_;
};

}  // namespace

std::shared_ptr<Transform> new_array_join(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<ArrayJoin>(std::move(obj), s.string("separator"));
}

}  // namespace sub::transform
