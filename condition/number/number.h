// The condition classes shared by the number_* types. Each type's file picks the
// comparison and documents its settings.
#pragma once

#include <cstdint>
#include <string>

#include "condition/condition.h"
#include "config/object_settings.h"

namespace sub::condition {

// number_equal_to / less_than / greater_than.
//   value              the number compared against (float)
//   object.source_key  read the number from this key (gjson Float()); unset: the whole
//                      data parsed as a float (a parse error is an error:
//                      `condition <type>: strconv.ParseFloat: parsing "x": invalid syntax`)
//   object.target_key  when present, compare against this key's number instead (unset:
//                      the empty path, a member "" of the data)
class NumberCompare final : public Condition {
 public:
  enum class Op { kEqual, kLess, kGreater };

  // `source_must_exist`: a missing source value answers false (number_equal_to) instead
  // of counting as 0.
  NumberCompare(const char* type, config::ObjectSettings obj, double value, Op op,
                bool source_must_exist)
      : type_(type),
        obj_(std::move(obj)),
        value_(value),
        op_(op),
        source_must_exist_(source_must_exist) {}

  bool test(const Message& msg, const Context& ctx) const override;

 private:
  bool compare(double x, double y) const;

  const char* const type_;  // for data errors
  const config::ObjectSettings obj_;
  const double value_;
  const Op op_;
  const bool source_must_exist_;
};

// number_bitwise_and / or / xor / not: (x OP value) != 0.
//   value              the operand (integer; unused by not)
//   object.source_key  read the number from this key (gjson Int(), missing = 0); unset:
//                      the whole data parsed as a base-10 int64 (a parse error is an error)
class NumberBitwise final : public Condition {
 public:
  enum class Op { kAnd, kOr, kXor, kNot };

  NumberBitwise(const char* type, std::string source_key, int64_t value, Op op)
      : type_(type), source_key_(std::move(source_key)), value_(value), op_(op) {}

  bool test(const Message& msg, const Context& ctx) const override;

 private:
  const char* const type_;  // for data errors
  const std::string source_key_;
  const int64_t value_;
  const Op op_;
};

// number_length_equal_to / greater_than / less_than: compares a length with `value`.
//   value              the length compared against (integer)
//   measurement        "byte" (default) or "char" / "rune" (UTF-8 code points); anything
//                      else measures bytes, as the reference does
//   object.source_key  measure this key's value: an array's element count, otherwise its
//                      text (missing = 0); unset: the whole data
class NumberLength final : public Condition {
 public:
  enum class Op { kEqual, kLess, kGreater };

  NumberLength(std::string source_key, int64_t value, bool chars, Op op)
      : source_key_(std::move(source_key)), value_(value), chars_(chars), op_(op) {}

  bool test(const Message& msg, const Context& ctx) const override;

 private:
  int64_t measure(std::string_view text) const;

  const std::string source_key_;
  const int64_t value_;
  const bool chars_;
  const Op op_;
};

// Factory helpers: read the settings each class documents. `type` is the condition's type
// name (a string literal), used in data errors.
ConditionPtr make_number_compare(const char* type, const config::Settings& s, NumberCompare::Op op,
                                 bool source_must_exist);
ConditionPtr make_number_bitwise(const char* type, const config::Settings& s, NumberBitwise::Op op);
ConditionPtr make_number_length(const config::Settings& s, NumberLength::Op op);

}  // namespace sub::condition
