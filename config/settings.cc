#include "config/settings.h"

#include <cmath>
#include <limits>

#include "core/error.h"

namespace sub::config {

namespace {

const char* kind_name(Node::Kind k) {
  switch (k) {
    case Node::Kind::kNull:
      return "null";
    case Node::Kind::kBool:
      return "boolean";
    case Node::Kind::kNumber:
      return "number";
    case Node::Kind::kString:
      return "string";
    case Node::Kind::kArray:
      return "array";
    case Node::Kind::kObject:
      return "object";
  }
  return "value";
}

}  // namespace

Settings::Settings(const Node* node, std::string where, std::string prefix)
    : node_(node), where_(std::move(where)), prefix_(std::move(prefix)) {}

const Node* Settings::find(std::string_view key) const {
  return node_ ? node_->find(key) : nullptr;
}

std::string Settings::key_name(std::string_view key) const { return prefix_ + std::string(key); }

void Settings::fail(std::string_view key, std::string_view reason) const {
  throw ConfigError(where_ + ": " + key_name(key) + ": " + std::string(reason));
}
void Settings::missing(std::string_view key) const { fail(key, kMissingRequiredOption); }
void Settings::invalid(std::string_view key) const { fail(key, kInvalidOption); }

static std::string wrong_type(const char* want, const Node& n) {
  return std::string(kInvalidOption) + ": expected " + want + ", got " + kind_name(n.kind());
}

std::string Settings::string(std::string_view key, std::string_view dflt) const {
  const Node* n = find(key);
  if (!n) return std::string(dflt);
  if (!n->is_string()) fail(key, wrong_type("a string", *n));
  return n->text();
}

double Settings::number(std::string_view key, double dflt) const {
  const Node* n = find(key);
  if (!n) return dflt;
  if (!n->is_number()) fail(key, wrong_type("a number", *n));
  return n->number();
}

int64_t Settings::integer(std::string_view key, int64_t dflt) const {
  const Node* n = find(key);
  if (!n) return dflt;
  if (!n->is_number()) fail(key, wrong_type("an integer", *n));
  double d = n->number();
  if (d != std::trunc(d) || std::abs(d) > 9.2e18) {
    fail(key, std::string(kInvalidOption) + ": expected an integer, got " + n->text());
  }
  return static_cast<int64_t>(d);
}

bool Settings::boolean(std::string_view key, bool dflt) const {
  const Node* n = find(key);
  if (!n) return dflt;
  if (!n->is_bool()) fail(key, wrong_type("a boolean", *n));
  return n->boolean();
}

std::vector<std::string> Settings::strings(std::string_view key) const {
  std::vector<std::string> out;
  const Node* n = find(key);
  if (!n) return out;
  if (!n->is_array()) fail(key, wrong_type("an array of strings", *n));
  for (const Node& item : n->items()) {
    if (!item.is_string()) fail(key, wrong_type("an array of strings", item));
    out.push_back(item.text());
  }
  return out;
}

std::map<std::string, std::string> Settings::string_map(std::string_view key) const {
  std::map<std::string, std::string> out;
  const Node* n = find(key);
  if (!n) return out;
  if (!n->is_object()) fail(key, wrong_type("an object of strings", *n));
  for (const auto& [k, v] : n->members()) {
    if (v.is_null()) continue;
    if (!v.is_string()) fail(key, wrong_type("an object of strings", v));
    out[k] = v.text();
  }
  return out;
}

std::chrono::nanoseconds Settings::duration(std::string_view key,
                                            std::chrono::nanoseconds dflt) const {
  std::string s = string(key);
  if (s.empty()) return dflt;
  try {
    return parse_go_duration(s);
  } catch (const Error& e) {
    fail(key, std::string(kInvalidOption) + ": " + e.what());
  }
}

Settings Settings::child(std::string_view key) const {
  const Node* n = find(key);
  if (n && !n->is_object()) fail(key, wrong_type("an object", *n));
  return Settings(n, where_, key_name(key) + ".");
}

std::vector<const Node*> Settings::objects(std::string_view key) const {
  std::vector<const Node*> out;
  const Node* n = find(key);
  if (!n) return out;
  if (!n->is_array()) fail(key, wrong_type("an array", *n));
  for (const Node& item : n->items()) {
    if (!item.is_object()) fail(key, wrong_type("an array of objects", item));
    out.push_back(&item);
  }
  return out;
}

std::chrono::nanoseconds parse_go_duration(std::string_view s) {
  const std::string orig(s);
  auto bad = [&]() -> Error { return Error("time: invalid duration \"" + orig + "\""); };
  if (s.empty()) throw bad();
  bool neg = false;
  if (s[0] == '-' || s[0] == '+') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return std::chrono::nanoseconds(0);
  if (s.empty()) throw bad();
  long double total = 0;
  while (!s.empty()) {
    size_t i = 0;
    long double v = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      ++i;
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        v += (s[i] - '0') * scale;
        scale /= 10;
        ++i;
        digits = true;
      }
    }
    if (!digits) throw bad();
    size_t u = i;
    while (u < s.size() && !(s[u] >= '0' && s[u] <= '9') && s[u] != '.') ++u;
    std::string_view unit = s.substr(i, u - i);
    long double mult;
    if (unit == "ns") {
      mult = 1;
    } else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") {
      mult = 1e3L;
    } else if (unit == "ms") {
      mult = 1e6L;
    } else if (unit == "s") {
      mult = 1e9L;
    } else if (unit == "m") {
      mult = 60e9L;
    } else if (unit == "h") {
      mult = 3600e9L;
    } else if (unit.empty()) {
      throw Error("time: missing unit in duration \"" + orig + "\"");
    } else {
      throw Error("time: unknown unit \"" + std::string(unit) + "\" in duration \"" + orig + "\"");
    }
    total += v * mult;
    s.remove_prefix(u);
  }
  if (total > static_cast<long double>(std::numeric_limits<int64_t>::max())) throw bad();
  auto ns = static_cast<int64_t>(total);
  return std::chrono::nanoseconds(neg ? -ns : ns);
}

}  // namespace sub::config
