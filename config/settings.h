// Typed, error-reporting access to one component's settings, with Go's decoding rules:
// case-insensitive keys, null = absent, unknown keys ignored, wrong types rejected.
// Every error names the component (`where`) and the full key:
//   transform object_copy (transforms:3): object.source_key: missing required option
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "config/node.h"

namespace sub::config {

class Settings {
 public:
  // `node` may be null (no settings). `where` names the component, e.g.
  // "transform object_copy (transforms:3)"; `prefix` is the key path of this node ("object.").
  Settings(const Node* node, std::string where, std::string prefix = "");

  const std::string& where() const { return where_; }
  const Node* node() const { return node_; }
  const Node* find(std::string_view key) const;  // null when absent or JSON null
  bool has(std::string_view key) const { return find(key) != nullptr; }

  std::string string(std::string_view key, std::string_view dflt = "") const;
  double number(std::string_view key, double dflt = 0) const;
  int64_t integer(std::string_view key, int64_t dflt = 0) const;  // rejects fractions
  bool boolean(std::string_view key, bool dflt = false) const;
  std::vector<std::string> strings(std::string_view key) const;
  std::map<std::string, std::string> string_map(std::string_view key) const;
  // A Go duration string ("1s", "1h30m"); empty/absent gives dflt.
  std::chrono::nanoseconds duration(std::string_view key, std::chrono::nanoseconds dflt = {}) const;
  // A nested object (absent gives an empty Settings). Rejects non-objects.
  Settings child(std::string_view key) const;
  // An array of objects (absent gives empty). Rejects non-arrays.
  std::vector<const Node*> objects(std::string_view key) const;

  // The full key name for messages: prefix + key.
  std::string key_name(std::string_view key) const;
  [[noreturn]] void fail(std::string_view key, std::string_view reason) const;
  [[noreturn]] void missing(std::string_view key) const;  // missing required option
  [[noreturn]] void invalid(std::string_view key) const;  // invalid option

 private:
  const Node* node_;
  std::string where_;
  std::string prefix_;
};

// Parses a Go time.ParseDuration string. Throws sub::Error on bad input.
std::chrono::nanoseconds parse_go_duration(std::string_view s);

}  // namespace sub::config
