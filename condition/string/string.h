// The condition class shared by the string_* comparison types (everything except
// string_match). Each type's file picks the operation and documents its settings.
#pragma once

#include <string>

#include "condition/condition.h"
#include "config/object_settings.h"

namespace sub::condition {

// Compares text with `value`, bytewise.
//   value              the string compared against
//   object.source_key  compare this key's text (gjson String(): strings unquoted, numbers
//                      and JSON as written); unset: the whole data
//   object.target_key  equal_to / greater_than / less_than only: when present (unset: the
//                      empty path, a member "" of the data),
//                      compare against this key's text instead of `value`
class StringCompare final : public Condition {
 public:
  enum class Op { kContains, kStartsWith, kEndsWith, kEqual, kGreater, kLess };

  StringCompare(config::ObjectSettings obj, std::string value, Op op)
      : obj_(std::move(obj)), value_(std::move(value)), op_(op) {}

  bool test(const Message& msg, const Context& ctx) const override;

 private:
  bool apply(std::string_view text, std::string_view against) const;

  const config::ObjectSettings obj_;
  const std::string value_;
  const Op op_;
};

ConditionPtr make_string_compare(const config::Settings& s, StringCompare::Op op);

}  // namespace sub::condition
