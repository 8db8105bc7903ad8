// The `error_messages` setting of meta_err and meta_retry: RE2 patterns searched
// (unanchored, as Go's MatchString) in an error's text, as v2.8 words it: a chain's error is
// matched without the step positions our texts add (StepError::reference_text), so
// `^transform send_http_post: ` matches `transform send_http_post (transforms[0]): ...`.
#pragma once

#include <re2/re2.h>

#include <exception>
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
  bool matches(const std::exception& error) const;
  // Adds the patterns of `other` after these.
  void append(ErrorMessages other);

 private:
  std::vector<std::shared_ptr<const RE2>> patterns_;
};

}  // namespace sub::transform
