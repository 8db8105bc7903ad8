#include "condition/string/string.h"
#include "config/object_settings.h"

#include "condition/common/text.h"

namespace sub::condition {

bool StringCompare::apply(std::string_view text, std::string_view against) const {
  switch (op_) {
    case Op::kContains:
      return text.find(against) != std::string_view::npos;
    case Op::kStartsWith:
      return text.starts_with(against);
    case Op::kEndsWith:
      return text.ends_with(against);
    case Op::kEqual:
      return text == against;
    case Op::kGreater:
      return text > against;
    case Op::kLess:
      return text < against;
  }
  return false;
}

bool StringCompare::test(const Message& msg, const Context&) const {
  if (msg.is_control()) return false;
  if (!obj_.has_source()) return apply(msg.data(), value_);

  const Value source = msg.get(obj_.source_key);
  // equal_to alone answers false for a missing source; the others compare "".
  if (op_ == Op::kEqual && !source.exists()) return false;
  std::string scratch;
  const std::string_view text = value_text(source, scratch);
  if (op_ == Op::kEqual || op_ == Op::kGreater || op_ == Op::kLess) {
    // An unset target_key is the empty path: a member "" when the data has one (v2.8).
    // An unset target_key is the empty path: a member "" when the data has one (v2.8).
    const Value target = msg.get(obj_.target_key);
    if (target.exists()) {
      std::string target_scratch;
      return apply(text, value_text(target, target_scratch));
    }
  }
  return apply(text, value_);
}

ConditionPtr make_string_compare(const config::Settings& s, StringCompare::Op op) {
  return std::make_shared<StringCompare>(config::ObjectSettings::read(s), s.string("value"), op);
}

}  // namespace sub::condition
