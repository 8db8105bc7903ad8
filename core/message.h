// A message: data bytes, metadata bytes and a control flag.
//
// Keys passed to get/set/del address the data, or the metadata when they start with the
// literal prefix "meta " (the rest is trimmed): "meta foo.bar", "meta @this". Control
// messages carry no data or metadata; setting either is a no-op on them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/json/skip_memo.h"
#include "core/json/value.h"

namespace sub {

using json::Value;

class Message {
 public:
  Message() = default;
  explicit Message(std::string data, std::string metadata = {})
      : data_(std::move(data)), meta_(std::move(metadata)) {}
  static Message control() {
    Message m;
    m.ctrl_ = true;
    return m;
  }

  bool is_control() const { return ctrl_; }
  const std::string& data() const { return data_; }
  const std::string& metadata() const { return meta_; }
  void set_data(std::string d) {
    if (ctrl_) return;
    data_ = std::move(d);
    memo_.clear();
  }
  void set_metadata(std::string m) {
    if (!ctrl_) meta_ = std::move(m);
  }
  std::string take_data() {
    memo_.clear();
    return std::move(data_);
  }

  // GetValue. The result may view this message's bytes: do not modify the message while
  // the Value is in use (copy it with Value::own_raw first if needed).
  Value get(std::string_view key) const;

  // SetValue, one function per Go type of the reference, each with its encoding rules.
  // Setting on empty data/metadata starts a new object. Throws sub::Error on a bad path.
  void set_value(std::string_view key, const Value& v);       // a gjson Result
  void set_bytes(std::string_view key, std::string_view b);   // a []byte
  void set_string(std::string_view key, std::string_view s);  // a string
  void set_int(std::string_view key, int64_t v);
  void set_uint(std::string_view key, uint64_t v);
  void set_float(std::string_view key, double v);
  void set_bool(std::string_view key, bool v);
  void set_null(std::string_view key);
  // Already-encoded JSON, written as is (Go: a value whose json.Marshal gives this text).
  void set_raw(std::string_view key, std::string_view raw_json);

  // DeleteValue.
  void del(std::string_view key);

 private:
  // set_raw, told whether raw_json is known to be valid JSON (so the memo need not check).
  void put(std::string_view key, std::string_view raw_json, bool valid_json);

  std::string data_;
  std::string meta_;
  // Where the data's large values end, kept across gets and edits (a cache: a const get
  // may fill it, so a Message must not be read by two threads at once).
  mutable json::SkipMemo memo_;
  bool ctrl_ = false;
};

// The reference's bytesToValue: the bytes set under a temporary key with the []byte rules
// and read back. `{"a":1}` is an object, `123` the string "123", invalid UTF-8 base64 text.
Value bytes_to_value(std::string_view b);

}  // namespace sub
