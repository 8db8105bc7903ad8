#include "condition/number/number.h"
#include "config/object_settings.h"

#include "condition/common/text.h"
#include "condition/number/parse.h"

namespace sub::condition {

bool NumberCompare::compare(double x, double y) const {
  switch (op_) {
    case Op::kEqual:
      return x == y;
    case Op::kLess:
      return x < y;
    case Op::kGreater:
      return x > y;
  }
  return false;
}

bool NumberCompare::test(const Message& msg, const Context&) const {
  if (msg.is_control()) return false;
  if (!obj_.has_source()) {
    double x = 0;
    try {
      x = parse_go_float(msg.data());
    } catch (const Error& e) {
      throw Error(std::string("condition ") + type_ + ": " + e.what());
    }
    return compare(x, value_);
  }

  const Value source = msg.get(obj_.source_key);
  if (source_must_exist_ && !source.exists()) return false;
  double against = value_;
  // An unset target_key is the empty path: a member "" when the data has one (v2.8).
  const Value target = msg.get(obj_.target_key);
  if (target.exists()) against = target.to_float();
  return compare(source.to_float(), against);
}

bool NumberBitwise::test(const Message& msg, const Context&) const {
  if (msg.is_control()) return false;
  int64_t x = 0;
  if (source_key_.empty()) {
    try {
      x = parse_go_int(msg.data());
    } catch (const Error& e) {
      throw Error(std::string("condition ") + type_ + ": " + e.what());
    }
  } else {
    x = msg.get(source_key_).to_int();
  }
  switch (op_) {
    case Op::kAnd:
      return (x & value_) != 0;
    case Op::kOr:
      return (x | value_) != 0;
    case Op::kXor:
      return (x ^ value_) != 0;
    case Op::kNot:
      return ~x != 0;
  }
  return false;
}

int64_t NumberLength::measure(std::string_view text) const {
  return static_cast<int64_t>(chars_ ? rune_count(text) : text.size());
}

bool NumberLength::test(const Message& msg, const Context&) const {
  if (msg.is_control()) return false;
  int64_t length = 0;
  if (source_key_.empty()) {
    length = measure(msg.data());
  } else {
    const Value v = msg.get(source_key_);
    if (v.is_array()) {
      v.for_each([&](const Value&, const Value&) {
        ++length;
        return true;
      });
    } else {
      std::string scratch;
      length = measure(value_text(v, scratch));
    }
  }
  switch (op_) {
    case Op::kEqual:
      return length == value_;
    case Op::kLess:
      return length < value_;
    case Op::kGreater:
      return length > value_;
  }
  return false;
}

ConditionPtr make_number_compare(const char* type, const config::Settings& s, NumberCompare::Op op,
                                 bool source_must_exist) {
  return std::make_shared<NumberCompare>(type, config::ObjectSettings::read(s), s.number("value"),
                                         op, source_must_exist);
}

ConditionPtr make_number_bitwise(const char* type, const config::Settings& s,
                                 NumberBitwise::Op op) {
  return std::make_shared<NumberBitwise>(type, config::ObjectSettings::read(s).source_key,
                                         s.integer("value"), op);
}

ConditionPtr make_number_length(const config::Settings& s, NumberLength::Op op) {
  const std::string measurement = s.string("measurement", "byte");
  const bool chars = measurement == "char" || measurement == "rune";
  return std::make_shared<NumberLength>(config::ObjectSettings::read(s).source_key,
                                        s.integer("value"), chars, op);
}

}  // namespace sub::condition
