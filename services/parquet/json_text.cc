#include "services/parquet/json_text.h"

#include <charconv>
#include <cmath>
#include <map>

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/path.h"
#include "core/json/value.h"

namespace sub::parquet {
namespace {

[[noreturn]] void unsupported(double f) {
  throw MarshalError(std::string("json: unsupported value: ") + (std::isnan(f) ? "NaN"
                                                                 : f > 0       ? "+Inf"
                                                                               : "-Inf"));
}

void reencode(std::string& out, const json::Value& v, int depth) {
  if (depth > 10000) throw Error("json: exceeded max depth");
  using T = json::Value::Type;
  switch (v.type()) {
    case T::kNull:
      out += "null";
      return;
    case T::kTrue:
      out += "true";
      return;
    case T::kFalse:
      out += "false";
      return;
    case T::kString:
      json::append_go_string(out, v.str());
      return;
    case T::kNumber: {
      const std::string_view raw = v.raw();
      double d = 0;
      auto res = std::from_chars(raw.data(), raw.data() + raw.size(), d);
      if (res.ec != std::errc() || !std::isfinite(d)) {
        throw Error("json: cannot unmarshal number " + std::string(raw) +
                    " into Go value of type float64");
      }
      json::append_float_json(out, d);
      return;
    }
    case T::kJson:
      break;
  }
  if (v.is_array()) {
    out.push_back('[');
    bool first = true;
    v.for_each([&](const json::Value&, const json::Value& e) {
      if (!first) out.push_back(',');
      first = false;
      reencode(out, e, depth + 1);
      return true;
    });
    out.push_back(']');
    return;
  }
  std::map<std::string, std::string> members;
  v.for_each([&](const json::Value& k, const json::Value& e) {
    std::string text;
    reencode(text, e, depth + 1);
    members[std::string(k.str())] = std::move(text);
    return true;
  });
  out.push_back('{');
  bool first = true;
  for (const auto& [k, text] : members) {
    if (!first) out.push_back(',');
    first = false;
    json::append_go_string(out, k);
    out.push_back(':');
    out += text;
  }
  out.push_back('}');
}

}  // namespace

void append_float32(std::string& out, float f) {
  if (!std::isfinite(f)) unsupported(f);
  if (f == 0) {
    out += std::signbit(f) ? "-0" : "0";
    return;
  }
  // The shortest float32 digits, in scientific form: d[.ddd]e±XX.
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), f, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(res.ptr - buf));
  const size_t e = sci.find('e');
  int exp = 0;
  std::from_chars(sci.data() + e + 1 + (sci[e + 1] == '+'), sci.data() + sci.size(), exp);
  std::string_view mant = sci.substr(0, e);
  const bool neg = mant[0] == '-';
  if (neg) mant.remove_prefix(1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits.push_back(c);
  }
  const float a = std::fabs(f);
  if (a < 1e-6f || a >= 1e21f) {
    // Go: d.ddde-7 / d.ddde+21 (at least two exponent digits only when positive).
    if (neg) out.push_back('-');
    out.push_back(digits[0]);
    if (digits.size() > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(exp < 0 ? '-' : '+');
    const int ax = exp < 0 ? -exp : exp;
    if (ax < 10 && exp > 0) out.push_back('0');
    out += std::to_string(ax);
    return;
  }
  if (neg) out.push_back('-');
  // Plain decimal: the point goes after digit `exp` (counting from zero).
  const int point = exp + 1;
  if (point <= 0) {
    out += "0.";
    out.append(static_cast<size_t>(-point), '0');
    out += digits;
  } else if (static_cast<size_t>(point) >= digits.size()) {
    out += digits;
    out.append(static_cast<size_t>(point) - digits.size(), '0');
  } else {
    out.append(digits, 0, static_cast<size_t>(point));
    out.push_back('.');
    out.append(digits, static_cast<size_t>(point));
  }
}

void append_float64(std::string& out, double d) {
  if (!std::isfinite(d)) unsupported(d);
  json::append_float_json(out, d);
}

void append_reencoded_json(std::string& out, std::string_view text) {
  if (!json::valid(text)) {
    throw Error(text.empty() ? "unexpected end of JSON input" : "invalid JSON value");
  }
  // Trim surrounding whitespace: Value::view_raw expects the bare value.
  size_t b = 0;
  size_t e = text.size();
  auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (b < e && ws(text[b])) ++b;
  while (e > b && ws(text[e - 1])) --e;
  reencode(out, json::Value::view_raw(text.substr(b, e - b)), 0);
}

}  // namespace sub::parquet
