#include "core/message.h"

#include <cmath>

#include "core/json/encode.h"
#include "core/json/go_value.h"
#include "core/json/internal.h"
#include "core/json/path.h"

namespace sub {
namespace {

constexpr std::string_view kMetaPrefix = "meta ";

// Length of the Unicode white space (Go's unicode.IsSpace) that starts `s`, 0 if none.
size_t leading_space(std::string_view s) {
  if (s.empty()) return 0;
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(0);
  if (c == ' ' || (c >= '\t' && c <= '\r')) return 1;
  if (c == 0xC2 && s.size() >= 2 && (b(1) == 0x85 || b(1) == 0xA0)) return 2;
  if (s.size() >= 3) {
    if (c == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;  // U+1680
    if (c == 0xE2 && b(1) == 0x80 &&
        (b(2) <= 0x8A || b(2) == 0xA8 || b(2) == 0xA9 || b(2) == 0xAF) && b(2) >= 0x80) {
      return 3;  // U+2000..U+200A, U+2028, U+2029, U+202F
    }
    if (c == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
    if (c == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  }
  return 0;
}

// Length of the Unicode white space that ends `s`, 0 if none.
size_t trailing_space(std::string_view s) {
  for (size_t len : {size_t{1}, size_t{2}, size_t{3}}) {
    if (s.size() >= len && leading_space(s.substr(s.size() - len)) == len) return len;
  }
  return 0;
}

// True for an ASCII byte that is not white space: no Unicode space starts or ends with it.
bool plain_ascii(char c) {
  const auto b = static_cast<unsigned char>(c);
  return b > ' ' && b < 0x80;
}

// strings.TrimSpace.
std::string_view trim_space(std::string_view s) {
  // Keys nearly always start and end with a plain character: nothing to trim.
  if (!s.empty() && plain_ascii(s.front()) && plain_ascii(s.back())) return s;
  while (size_t n = leading_space(s)) s.remove_prefix(n);
  while (size_t n = trailing_space(s)) s.remove_suffix(n);
  return s;
}

// strings.Trim(s, `"`): every leading and trailing double quote.
std::string_view trim_quotes(std::string_view s) {
  while (!s.empty() && s.front() == '"') s.remove_prefix(1);
  while (!s.empty() && s.back() == '"') s.remove_suffix(1);
  return s;
}

// The reference's validJSON: text that opens an object or array and parses as JSON.
bool is_container_json(std::string_view s) {
  return !s.empty() && (s[0] == '{' || s[0] == '[') && json::valid(s);
}

// The JSON text the []byte rules produce for `b`.
std::string encode_bytes(std::string_view b) {
  if (is_container_json(b)) return std::string(b);
  std::string out;
  if (json::is_valid_utf8(b)) {
    json::append_sjson_string(out, b);
  } else {
    json::append_sjson_string(out, json::base64_encode(b));
  }
  return out;
}

// Which document a key addresses, and the path inside it.
struct Target {
  bool meta;
  std::string_view path;
};

Target resolve(std::string_view key, bool trim_data) {
  if (key.substr(0, kMetaPrefix.size()) == kMetaPrefix) {
    return {true, trim_space(key.substr(kMetaPrefix.size()))};
  }
  return {false, trim_data ? trim_space(key) : key};
}

}  // namespace

Value Message::get(std::string_view key) const {
  Target t = resolve(key, true);
  if (t.meta) return json::get(meta_, t.path);
  json::SkipMemo::Scope scope(&memo_, data_);
  return json::get(data_, t.path);
}

void Message::set_raw(std::string_view key, std::string_view raw_json) {
  put(key, raw_json, false);
}

void Message::put(std::string_view key, std::string_view raw_json, bool valid_json) {
  if (ctrl_) return;
  Target t = resolve(key, true);
  std::string& doc = t.meta ? meta_ : data_;
  json::SkipMemo* memo = t.meta ? nullptr : &memo_;
  {
    json::SkipMemo::Scope scope(memo, doc);
    if (json::internal::set_raw_in_place(doc, t.path, raw_json, {memo, valid_json})) return;
  }
  std::string out;
  json::set_raw(doc, t.path, raw_json, out);
  doc = std::move(out);
  if (memo) memo->clear();
}

void Message::set_bytes(std::string_view key, std::string_view b) {
  if (ctrl_) return;
  put(key, encode_bytes(b), true);
}

void Message::set_string(std::string_view key, std::string_view s) {
  if (ctrl_) return;
  if (is_container_json(s)) {
    put(key, s, true);
    return;
  }
  // A quoted string whose inside is JSON text is stored without the quotes.
  std::string_view trimmed = trim_quotes(s);
  std::string raw;
  json::append_sjson_string(raw, json::valid(trimmed) ? trimmed : s);
  put(key, raw, true);
}

void Message::set_value(std::string_view key, const Value& v) {
  if (ctrl_) return;
  // The reference tests String() for an object or array. Only strings and JSON can give
  // one (numbers and literals never start with '{' or '['), and for those String() is the
  // unescaped string or the raw text, which are viewed here rather than copied.
  if (v.type() == Value::Type::kString || v.type() == Value::Type::kJson) {
    std::string_view text = v.type() == Value::Type::kString ? v.str() : v.raw();
    if (is_container_json(text)) {
      put(key, text, true);
      return;
    }
  }
  std::string raw;
  bool valid_json = true;  // what the encoders below write, but for NaN, ±Inf and Go values
  switch (v.type()) {
    case Value::Type::kNumber: {
      // Whole numbers go through int64 so that big integers keep every digit.
      double f = v.to_float();
      valid_json = std::isfinite(f);
      if (f == std::trunc(f)) {
        json::append_int(raw, v.to_int());
      } else {
        json::append_float_f(raw, f);
      }
      break;
    }
    case Value::Type::kString:
      json::append_sjson_string(raw, v.str());
      break;
    case Value::Type::kTrue:
      put(key, "true", true);
      return;
    case Value::Type::kFalse:
      put(key, "false", true);
      return;
    case Value::Type::kNull:
      put(key, "null", true);
      return;
    case Value::Type::kJson:
      // Not valid JSON text (valid objects and arrays were handled above): Go's value of
      // it, marshalled.
      json::append_go_value(raw, v);
      valid_json = false;
      break;
  }
  put(key, raw, valid_json);
}

void Message::set_int(std::string_view key, int64_t v) {
  std::string raw;
  json::append_int(raw, v);
  put(key, raw, true);
}

void Message::set_uint(std::string_view key, uint64_t v) {
  std::string raw;
  json::append_uint(raw, v);
  put(key, raw, true);
}

void Message::set_float(std::string_view key, double v) {
  std::string raw;
  json::append_float_f(raw, v);
  put(key, raw, std::isfinite(v));
}

void Message::set_bool(std::string_view key, bool v) { put(key, v ? "true" : "false", true); }

void Message::set_null(std::string_view key) { put(key, "null", true); }

void Message::del(std::string_view key) {
  if (ctrl_) return;
  // Unlike get and set, a data key is used exactly as given.
  Target t = resolve(key, false);
  std::string& doc = t.meta ? meta_ : data_;
  json::SkipMemo* memo = t.meta ? nullptr : &memo_;
  {
    json::SkipMemo::Scope scope(memo, doc);
    if (json::internal::del_in_place(doc, t.path, memo)) return;
  }
  std::string out;
  json::del(doc, t.path, out);
  doc = std::move(out);
  if (memo) memo->clear();
}

Value bytes_to_value(std::string_view b) {
  // Setting under a temporary key and reading it back yields exactly the encoded value.
  return Value::own_raw(encode_bytes(b));
}

}  // namespace sub
