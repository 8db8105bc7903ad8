// A value read from JSON by a path: the equivalent of a gjson Result.
//
// A Value either views bytes owned by someone else (the document it was read from, which
// must outlive it) or holds its own bytes in a shared, immutable buffer (results computed
// by modifiers, multipaths and queries). Copies are cheap either way.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace sub::json {

class Value {
 public:
  // The order matches gjson's Type (Null, False, Number, String, True, JSON).
  enum class Type : uint8_t { kNull, kFalse, kNumber, kString, kTrue, kJson };

  Value() = default;  // a value that does not exist

  // Classifies raw JSON text (leading/trailing whitespace is not expected) and views it.
  // The text must outlive the Value.
  static Value view_raw(std::string_view raw);
  // Same, but the Value keeps its own copy of the text.
  static Value own_raw(std::string raw);
  // A computed string (raw becomes its JSON encoding).
  static Value from_string(std::string_view s);
  // A computed number with no raw text (gjson: String() then prints it with 'f', -1).
  static Value from_number(double n);

  bool exists() const { return type_ != Type::kNull || !raw_.empty(); }
  Type type() const { return type_; }
  std::string_view raw() const { return raw_; }
  // For kString: the unescaped string; empty otherwise.
  std::string_view str() const { return str_; }
  // For kNumber: the parsed number; 0 otherwise.
  double num() const { return num_; }

  bool is_object() const { return type_ == Type::kJson && !raw_.empty() && raw_[0] == '{'; }
  bool is_array() const { return type_ == Type::kJson && !raw_.empty() && raw_[0] == '['; }
  bool is_bool() const { return type_ == Type::kTrue || type_ == Type::kFalse; }

  // gjson coercions.
  std::string to_string() const;  // String(): strings unquoted, numbers as written, JSON raw
  int64_t to_int() const;         // Int()
  uint64_t to_uint() const;       // Uint()
  double to_float() const;        // Float()
  bool to_bool() const;           // Bool()
  // Array(): elements of an array; a non-array that exists becomes a one-element array;
  // a missing value becomes empty.
  std::vector<Value> to_array() const;
  // Calls fn(key, value) for each member of an object (key is a string Value) or each
  // element of an array (key does not exist); stops when fn returns false. A non-JSON
  // value that exists is passed once, as gjson does.
  void for_each(const std::function<bool(const Value& key, const Value& value)>& fn) const;
  // Get a path relative to this value (Result.Get).
  Value get(std::string_view path) const;

  // Internal: used by the engine to build values.
  static Value make(Type type, std::string_view raw, std::string_view str, double num,
                    std::shared_ptr<const std::string> hold_raw = nullptr,
                    std::shared_ptr<const std::string> hold_str = nullptr);

 private:
  Type type_ = Type::kNull;
  double num_ = 0;
  std::string_view raw_;
  std::string_view str_;
  // Keep owned bytes alive; raw_/str_ may point into them. Shared and immutable, so copies
  // of a Value never need to re-point their views.
  std::shared_ptr<const std::string> hold_raw_;
  std::shared_ptr<const std::string> hold_str_;
};

}  // namespace sub::json
