// Shared implementation of the number_math_* transforms: a left fold of an arithmetic
// operation over the numbers of an array.
//
// Settings (all four types):
//   object.source_key  read the array from (both or neither with target_key)
//   object.target_key  write the result to
// Modes:
//   data    the data (read as a JSON value) must be an array; the data becomes the result
//           as the shortest decimal text without exponent (1100000000, 1.1, 3)
//   object  target := the result as a JSON number
// Elements are read as numbers with gjson's Float() (strings parsed, others 0). A value that
// is not an array, or is missing, leaves the message unchanged. An empty array gives 0.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/object_settings.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {

template <typename Op>
class NumberMath final : public Transform {
 public:
  explicit NumberMath(config::ObjectSettings obj) : obj_(std::move(obj)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

  static std::shared_ptr<Transform> make(const config::Settings& s) {
    config::ObjectSettings obj = config::ObjectSettings::read(s);
    obj.require_both_or_neither(s);
    return std::make_shared<NumberMath>(std::move(obj));
  }

 private:
  void apply(Message& msg) const {
    Value v = obj_.data_mode() ? bytes_to_value(msg.data()) : msg.get(obj_.source_key);
    if (!v.is_array()) return;
    double acc = 0;
    bool first = true;
    v.for_each([&](const Value&, const Value& item) {
      double x = item.to_float();
      acc = first ? x : Op{}(acc, x);
      first = false;
      return true;
    });
    if (obj_.data_mode()) {
      std::string text;
      json::append_float_f(text, acc);
      msg.set_data(std::move(text));
    } else {
      msg.set_float(obj_.target_key, acc);
    }
  }

  const config::ObjectSettings obj_;
};

}  // namespace sub::transform
