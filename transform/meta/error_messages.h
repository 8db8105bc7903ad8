// The `error_messages` setting of meta_err and meta_retry: RE2 patterns searched
// (unanchored, as Go's MatchString) in an error's text.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <string_view>
#include <vector>

#include "config/settings.h"

namespace sub::transform {

class ErrorMessages {
 public:
  // Compiles the list at `key` of `s`; a bad pattern is a config error naming its index.
  static ErrorMessages read(const config::Settings& s, std::string_view key);

  bool empty() const { return patterns_.empty(); }
  bool matches(std::string_view error_text) const;
  // Adds the patterns of `other` after these.
  void append(ErrorMessages other);

 private:
  std::vector<std::shared_ptr<const RE2>> patterns_;
};

}  // namespace sub::transform
