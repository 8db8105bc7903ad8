// The `object` settings block shared by most transforms and conditions: where a component
// reads and writes in the message (gjson paths to read, sjson paths to write).
#pragma once

#include <string>

#include "config/settings.h"

namespace sub::config {

struct ObjectSettings {
  std::string source_key;
  std::string target_key;
  std::string batch_key;
  std::string ttl_key;   // kv set / set_add / lock only
  std::string body_key;  // enrich_http_post only

  static ObjectSettings read(const config::Settings& settings);

  bool has_source() const { return !source_key.empty(); }
  bool has_target() const { return !target_key.empty(); }
  // Data mode: neither key set. Object mode: both set.
  bool data_mode() const { return source_key.empty() && target_key.empty(); }

  // The rule of most transforms: both keys or neither. Exactly one set is a config error
  // naming the missing key.
  void require_both_or_neither(const config::Settings& settings) const;
};

}  // namespace sub::config
