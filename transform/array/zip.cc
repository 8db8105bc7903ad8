// array_zip: transposes an array of arrays: [[a,b],[1,2]] becomes [[a,1],[b,2]].
//
// Settings:
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to
// Modes:
//   data    the data (read as a JSON value) must be an array; the data becomes the result
//   object  target := result
// Element i of the result collects element i of every inner array (an inner value that is
// not an array counts as a one-element array). Values are re-encoded as Go marshals
// decoded JSON: object keys sorted, numbers as float64, strings HTML-escaped. No inner
// elements at all gives null in object mode and empty data in data mode, as in v2.8. A value that
// is not an array, or is missing, leaves the message unchanged.
#include <vector>

#include "config/node.h"
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

// Go's json.Marshal of gjson's Value() for one element.
void append_marshalled(std::string& out, const Value& v) {
  switch (v.type()) {
    case Value::Type::kNull:
      out += "null";
      return;
    case Value::Type::kTrue:
      out += "true";
      return;
    case Value::Type::kFalse:
      out += "false";
      return;
    default:
      config::Node::parse(v.raw()).append_json(out);
  }
}

class ArrayZip final : public Transform {
 public:
  explicit ArrayZip(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg) const {
    Value v = obj_.data_mode() ? bytes_to_value(msg.data()) : msg.get(obj_.source_key);
    if (!v.is_array()) return;
    // columns[i] holds the encoded elements at index i of each inner array.
    std::vector<std::string> columns;
    v.for_each([&](const Value&, const Value& inner) {
      std::vector<Value> items = inner.to_array();
      if (items.size() > columns.size()) columns.resize(items.size());
      for (size_t i = 0; i < items.size(); ++i) {
        std::string& col = columns[i];
        col.push_back(col.empty() ? '[' : ',');
        append_marshalled(col, items[i]);
      }
      return true;
    });
    std::string result;
    if (columns.empty()) {
      result = "null";
    } else {
      result.push_back('[');
      for (size_t i = 0; i < columns.size(); ++i) {
        if (i > 0) result.push_back(',');
        result += columns[i];
        result.push_back(']');
      }
      result.push_back(']');
    }
    if (obj_.data_mode()) {
      // v2.8 leaves the data empty when there is nothing to zip (object mode writes null).
      msg.set_data(columns.empty() ? std::string() : std::move(result));
    } else {
      msg.set_raw(obj_.target_key, result);
    }
  }

  const config::ObjectSettings obj_;
};

}  // namespace

std::shared_ptr<Transform> new_array_zip(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  obj.require_both_or_neither(s);
  return std::make_shared<ArrayZip>(std::move(obj));
}

}  // namespace sub::transform
