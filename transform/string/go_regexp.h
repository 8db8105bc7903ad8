// An RE2 regular expression with the matching loops of Go's regexp package: FindSubmatch,
// FindAllSubmatch (empty matches next to a previous match skipped) and ReplaceAll with
// Go's template expansion ($1, ${1}, $name, ${name}, $$).
#pragma once

#include <re2/re2.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/settings.h"

namespace sub::transform {

class GoRegexp {
 public:
  // Compiles `pattern`; a bad pattern is a configuration error on `key` of `settings`.
  GoRegexp(const std::string& pattern, const config::Settings& settings, std::string_view key);

  // Group 0 is the whole match; a group that did not take part has data() == nullptr.
  using Groups = std::vector<std::string_view>;

  // The leftmost match in `text`; false if none.
  bool find(std::string_view text, Groups& groups) const;
  // Up to `n` successive non-overlapping matches (n < 0: all), each passed to `fn`.
  void find_all(std::string_view text, int64_t n,
                const std::function<void(const Groups&)>& fn) const;
  // Every match replaced by the expansion of `tmpl`.
  std::string replace_all(std::string_view text, std::string_view tmpl) const;

  // Group names by index ("" for unnamed groups and for group 0).
  const std::vector<std::string>& names() const { return names_; }

 private:
  bool match_from(std::string_view text, size_t pos, Groups& groups) const;
  void expand(std::string& out, std::string_view tmpl, const Groups& groups) const;

  std::unique_ptr<RE2> re_;
  std::vector<std::string> names_;
};

}  // namespace sub::transform
