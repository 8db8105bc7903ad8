// Shared implementation of number_maximum and number_minimum: compares a number with the
// configured `value` and keeps the larger (maximum) or smaller (minimum).
//
// Settings:
//   value              the number to compare with (default 0)
//   object.source_key  read from (both or neither with target_key)
//   object.target_key  write the result to
// Modes:
//   data    the data read as a number (gjson Float(): non-numbers are 0); the data becomes
//           the result as the shortest decimal text without exponent
//   object  target := the result as a JSON number; a missing source leaves the message
//           unchanged
// NaN, infinities and signed zeros follow Go's math.Max / math.Min.
#pragma once

#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include "config/object_settings.h"
#include "core/json/encode.h"
#include "transform/builder.h"

namespace sub::transform {

// Go math.Max (is_max) or math.Min.
inline double go_bound(double x, double y, bool is_max) {
  const double inf = is_max ? HUGE_VAL : -HUGE_VAL;
  if (x == inf || y == inf) return inf;
  if (std::isnan(x) || std::isnan(y)) return std::nan("");
  if (x == 0 && x == y) {
    // +0 wins for max, -0 for min.
    return (std::signbit(x) == is_max) ? y : x;
  }
  return is_max ? (x > y ? x : y) : (x < y ? x : y);
}

class NumberBound final : public Transform {
 public:
  NumberBound(config::ObjectSettings obj, double value, bool is_max)
      : obj_(std::move(obj)), value_(value), is_max_(is_max) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) apply(msg);
    out.push_back(std::move(msg));
  }

  static std::shared_ptr<Transform> make(const config::Settings& s, bool is_max) {
    config::ObjectSettings obj = config::ObjectSettings::read(s);
    obj.require_both_or_neither(s);
    return std::make_shared<NumberBound>(std::move(obj), s.number("value"), is_max);
  }

 private:
  void apply(Message& msg) const {
    if (obj_.data_mode()) {
      double r = go_bound(bytes_to_value(msg.data()).to_float(), value_, is_max_);
      std::string text;
      json::append_float_f(text, r);
      msg.set_data(std::move(text));
      return;
    }
    Value v = msg.get(obj_.source_key);
    if (!v.exists()) return;
    msg.set_float(obj_.target_key, go_bound(v.to_float(), value_, is_max_));
  }

  const config::ObjectSettings obj_;
  const double value_;
  const bool is_max_;
};

}  // namespace sub::transform
