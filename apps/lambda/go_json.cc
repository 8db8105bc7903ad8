#include "apps/lambda/go_json.h"

#include <map>

#include "core/error.h"
#include "core/json/encode.h"

namespace sub::lambda {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

void append_string_map(std::string& out, const json::Value& obj) {
  if (!obj.is_object()) {
    out += "null";
    return;
  }
  std::map<std::string, std::string> sorted;
  obj.for_each([&](const json::Value& key, const json::Value& value) {
    sorted[std::string(key.str())] =
        value.type() == json::Value::Type::kString ? std::string(value.str()) : std::string();
    return true;
  });
  out += '{';
  bool first = true;
  for (const auto& [key, value] : sorted) {
    if (!first) out += ',';
    first = false;
    json::append_go_string(out, key);
    out += ':';
    json::append_go_string(out, value);
  }
  out += '}';
}

void append_compact_html(std::string& out, std::string_view raw) {
  std::string compact;
  json::append_compact(compact, raw);
  out.reserve(out.size() + compact.size());
  for (size_t i = 0; i < compact.size(); ++i) {
    const char c = compact[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < compact.size() && compact[i + 1] == '\x80' &&
               (compact[i + 2] == '\xA8' || compact[i + 2] == '\xA9')) {
      out += compact[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += c;
    }
  }
}

std::string query_unescape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      const int hi = i + 1 < s.size() ? hex_value(s[i + 1]) : -1;
      const int lo = i + 2 < s.size() ? hex_value(s[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        throw Error("invalid URL escape \"" + std::string(s.substr(i, 3)) + "\"");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace sub::lambda
