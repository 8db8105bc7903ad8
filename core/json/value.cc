#include "core/json/value.h"

#include <cmath>
#include <string>

#include "core/json/encode.h"
#include "core/json/internal.h"
#include "core/json/path.h"
#include "core/json/scan.h"

namespace sub::json {
namespace {

using Type = Value::Type;

// gjson's tonum / tolit / tostr: the raw text of the number, literal or string that starts at
// s[0] (a string's says whether it has escapes). An unclosed string takes the rest.
std::string_view token(std::string_view s, scan::ValueKind kind, bool& esc) {
  bool ok;
  return s.substr(0, scan::value_end(s, 0, kind, esc, ok));
}

Value make_string(std::string_view raw, bool esc, const std::shared_ptr<const std::string>& hold) {
  std::string_view inner =
      raw.size() >= 2 && raw.back() == '"' ? raw.substr(1, raw.size() - 2) : raw.substr(1);
  if (!esc) return Value::make(Type::kString, raw, inner, 0, hold);
  auto str = std::make_shared<const std::string>(scan::unescape(inner));
  return Value::make(Type::kString, raw, *str, 0, hold, str);
}

// Go's float64 -> int64 conversion as amd64 performs it (out of range gives INT64_MIN).
int64_t go_to_int64(double f) {
  if (std::isnan(f) || f >= 9223372036854775808.0 || f < -9223372036854775808.0) {
    return INT64_MIN;
  }
  return static_cast<int64_t>(f);
}

uint64_t go_to_uint64(double f) {
  if (std::isnan(f)) return uint64_t{1} << 63;
  if (f < 9223372036854775808.0) return static_cast<uint64_t>(go_to_int64(f));
  return static_cast<uint64_t>(go_to_int64(f - 9223372036854775808.0)) | (uint64_t{1} << 63);
}

bool safe_int(double f, int64_t& out) {
  if (f < -9007199254740991.0 || f > 9007199254740991.0) return false;
  out = go_to_int64(f);
  return true;
}

}  // namespace

namespace internal {

Value parse(std::string_view json, std::shared_ptr<const std::string> hold) {
  for (size_t i = 0; i < json.size(); ++i) {
    if (scan::is_space(json[i])) continue;
    const scan::ValueKind kind = scan::value_kind(json, i);
    std::string_view rest = json.substr(i);
    if (kind == scan::ValueKind::kNone) return Value();
    // An object or array takes the whole rest of the text, as in gjson.
    if (kind == scan::ValueKind::kContainer) return Value::make(Type::kJson, rest, {}, 0, hold);
    bool esc;
    const std::string_view raw = token(rest, kind, esc);
    return value_of(kind, raw, esc, hold);
  }
  return Value();
}

Value owned_json(std::string text) {
  auto hold = std::make_shared<const std::string>(std::move(text));
  return Value::make(Type::kJson, *hold, {}, 0, hold);
}

Value owned_text(std::string text) { return owned_json(std::move(text)); }

Value value_of(scan::ValueKind kind, std::string_view raw, bool esc,
               const std::shared_ptr<const std::string>& hold) {
  switch (kind) {
    case scan::ValueKind::kString:
      return make_string(raw, esc, hold);
    case scan::ValueKind::kContainer:
      return Value::make(Type::kJson, raw, {}, 0, hold);
    case scan::ValueKind::kLiteral:
      return Value::make(raw[0] == 't'   ? Type::kTrue
                         : raw[0] == 'f' ? Type::kFalse
                                         : Type::kNull,
                         raw, {}, 0, hold);
    default:
      return Value::make(Type::kNumber, raw, {}, scan::parse_float(raw), hold);
  }
}

bool parse_any(std::string_view json, size_t& i, Value& out) {
  for (; i < json.size(); ++i) {
    const scan::ValueKind kind = scan::value_kind(json, i);
    if (kind == scan::ValueKind::kNone) continue;
    const size_t s = i;
    bool esc, ok;
    i = scan::value_end(json, i, kind, esc, ok);
    if (!ok) return false;
    out = value_of(kind, json.substr(s, i - s), esc);
    return true;
  }
  return false;
}

}  // namespace internal

Value Value::make(Type type, std::string_view raw, std::string_view str, double num,
                  std::shared_ptr<const std::string> hold_raw,
                  std::shared_ptr<const std::string> hold_str) {
  Value v;
  v.type_ = type;
  v.raw_ = raw;
  v.str_ = str;
  v.num_ = num;
  v.hold_raw_ = std::move(hold_raw);
  v.hold_str_ = std::move(hold_str);
  return v;
}

Value Value::view_raw(std::string_view raw) { return internal::parse(raw); }

Value Value::own_raw(std::string raw) {
  auto hold = std::make_shared<const std::string>(std::move(raw));
  return internal::parse(*hold, hold);
}

Value Value::from_string(std::string_view s) {
  // One buffer: the JSON encoding followed by the plain text.
  std::string buf;
  append_go_string(buf, s);
  size_t raw_len = buf.size();
  buf.append(s);
  auto hold = std::make_shared<const std::string>(std::move(buf));
  std::string_view all(*hold);
  return make(Type::kString, all.substr(0, raw_len), all.substr(raw_len), 0, hold);
}

Value Value::from_number(double n) { return make(Type::kNumber, {}, {}, n); }

std::string Value::to_string() const {
  switch (type_) {
    case Type::kFalse:
      return "false";
    case Type::kTrue:
      return "true";
    case Type::kString:
      return std::string(str_);
    case Type::kJson:
      return std::string(raw_);
    case Type::kNumber: {
      if (!raw_.empty()) {
        size_t i = raw_[0] == '-' ? 1 : 0;
        bool digits = true;
        for (; i < raw_.size(); ++i) {
          if (raw_[i] < '0' || raw_[i] > '9') {
            digits = false;
            break;
          }
        }
        if (digits) return std::string(raw_);
      }
      std::string out;
      append_float_f(out, num_);
      return out;
    }
    default:
      return "";
  }
}

int64_t Value::to_int() const {
  switch (type_) {
    case Type::kTrue:
      return 1;
    case Type::kString: {
      int64_t n = 0;
      return scan::parse_int(str_, n) ? n : 0;
    }
    case Type::kNumber: {
      int64_t n;
      if (safe_int(num_, n)) return n;
      if (scan::parse_int(raw_, n)) return n;
      return go_to_int64(num_);
    }
    default:
      return 0;
  }
}

uint64_t Value::to_uint() const {
  switch (type_) {
    case Type::kTrue:
      return 1;
    case Type::kString: {
      uint64_t n = 0;
      return scan::parse_uint(str_, n) ? n : 0;
    }
    case Type::kNumber: {
      int64_t i;
      if (safe_int(num_, i) && i >= 0) return static_cast<uint64_t>(i);
      uint64_t u;
      if (scan::parse_uint(raw_, u)) return u;
      return go_to_uint64(num_);
    }
    default:
      return 0;
  }
}

double Value::to_float() const {
  switch (type_) {
    case Type::kTrue:
      return 1;
    case Type::kString:
      return scan::parse_float(str_);
    case Type::kNumber:
      return num_;
    default:
      return 0;
  }
}

bool Value::to_bool() const {
  switch (type_) {
    case Type::kTrue:
      return true;
    case Type::kString: {
      bool ok;
      return scan::parse_bool(str_, ok);
    }
    case Type::kNumber:
      return num_ != 0;
    default:
      return false;
  }
}

std::vector<Value> Value::to_array() const {
  std::vector<Value> out;
  if (type_ == Type::kNull) return out;
  if (!is_array()) {
    out.push_back(*this);
    return out;
  }
  // Mirrors gjson's arrayOrMap for arrays: unknown bytes are skipped one at a time.
  std::string_view json = raw_;
  size_t i = 0;
  while (i < json.size() && json[i] != '[') ++i;
  ++i;
  for (; i < json.size(); ++i) {
    char c = json[i];
    if (scan::is_space(c)) continue;
    if (c == ']' || c == '}') break;
    const scan::ValueKind kind = scan::element_kind(c);
    if (kind == scan::ValueKind::kNone) continue;
    std::string_view rest = json.substr(i);
    bool esc;
    const std::string_view raw = token(rest, kind, esc);
    Value v = internal::value_of(kind, raw, esc);
    v.hold_raw_ = hold_raw_;
    i += v.raw_.size() - 1;
    out.push_back(std::move(v));
  }
  return out;
}

void Value::for_each(const std::function<bool(const Value& key, const Value& value)>& fn) const {
  if (!exists()) return;
  if (type_ != Type::kJson) {
    fn(Value(), *this);
    return;
  }
  std::string_view json = raw_;
  size_t i = 0;
  bool obj = false;
  for (; i < json.size(); ++i) {
    if (json[i] == '{' || json[i] == '[') {
      obj = json[i] == '{';
      ++i;
      break;
    }
    if (!scan::is_space(json[i])) return;
  }
  Value key;
  while (i < json.size()) {
    if (obj) {
      if (json[i] != '"') {
        ++i;
        continue;
      }
      size_t s = i;
      bool esc = false, ok = false;
      i = scan::string_end(json, i + 1, esc, ok);
      if (!ok) return;
      key = make_string(json.substr(s, i - s), esc, nullptr);
      key.hold_raw_ = hold_raw_;
    }
    while (i < json.size() && (scan::is_space(json[i]) || json[i] == ',' || json[i] == ':')) {
      ++i;
    }
    Value value;
    if (!internal::parse_any(json, i, value)) return;
    value.hold_raw_ = hold_raw_;
    if (!fn(key, value)) return;
    ++i;  // gjson steps over the byte after each value
  }
}

Value Value::get(std::string_view path) const {
  Value r = json::get(raw_, path);
  if (!r.hold_raw_ && hold_raw_ && r.exists()) r.hold_raw_ = hold_raw_;
  return r;
}

}  // namespace sub::json
