#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "core/error.h"
#include "core/json/encode.h"
#include "tests/conformance/runner.h"

namespace sub::conformance {

std::string vector_type(const config::Node& v) {
  for (const char* key : {"type", "op", "function"}) {
    const std::string s = str_member(v, key);
    if (!s.empty()) return s;
  }
  return "?";
}

std::string str_member(const config::Node& v, std::string_view key) {
  const config::Node* n = v.find(key);
  return n != nullptr && n->is_string() ? n->text() : std::string();
}

std::string bytes_of(const config::Node& m, std::string_view field) {
  if (const config::Node* d = m.find(field)) return d->text();
  const std::string b64_key = std::string(field) + "_b64";
  if (const config::Node* b = m.find(b64_key)) {
    std::string out;
    if (!json::base64_decode(b->text(), out)) throw Error(b64_key + ": invalid base64");
    return out;
  }
  return {};
}

Message message_of(const config::Node& m) {
  if (const config::Node* c = m.find("control"); c != nullptr && c->boolean()) {
    return Message::control();
  }
  return Message(bytes_of(m, "data"), bytes_of(m, "metadata"));
}

std::string quote(std::string_view bytes) {
  std::string out = "\"";
  for (unsigned char c : bytes) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c < 0x20 || c >= 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

bool is_unknown_type_error(std::string_view error) {
  return error.find("unknown transform type \"") != std::string_view::npos ||
         error.find("unknown condition type \"") != std::string_view::npos;
}

ScopedTz::ScopedTz(const config::Node* env) {
  const config::Node* tz = env != nullptr ? env->find("TZ") : nullptr;
  if (tz == nullptr) return;
  active_ = true;
  if (const char* old = std::getenv("TZ")) {
    had_old_ = true;
    old_ = old;
  }
  setenv("TZ", tz->text().c_str(), 1);
  tzset();
}

ScopedTz::~ScopedTz() {
  if (!active_) return;
  if (had_old_) {
    setenv("TZ", old_.c_str(), 1);
  } else {
    unsetenv("TZ");
  }
  tzset();
}

}  // namespace sub::conformance
