#include "transform/string/go_regexp.h"

#include <cstdint>

#include "core/error.h"

namespace sub::transform {
namespace {

// Width of the UTF-8 sequence at text[pos], as utf8.DecodeRune counts it (1 for an
// invalid byte); 0 at the end.
size_t rune_width(std::string_view text, size_t pos) {
  if (pos >= text.size()) return 0;
  auto c = static_cast<uint8_t>(text[pos]);
  size_t want = c < 0x80 ? 1 : c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 1;
  if (want == 1 || pos + want > text.size()) return 1;
  for (size_t k = 1; k < want; ++k) {
    if ((static_cast<uint8_t>(text[pos + k]) & 0xC0) != 0x80) return 1;
  }
  return want;
}

// Letters, digits and '_' may form a template name. Every non-ASCII code point is taken as
// a letter (Go asks unicode.IsLetter/IsDigit); group names themselves are ASCII words.
bool is_name_char(unsigned char c) {
  return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         c >= 0x80;
}

}  // namespace

GoRegexp::GoRegexp(const std::string& pattern, const config::Settings& settings,
                   std::string_view key) {
  RE2::Options opts;
  opts.set_log_errors(false);
  re_ = std::make_unique<RE2>(pattern, opts);
  if (!re_->ok()) {
    settings.fail(key, std::string(kInvalidOption) + ": error parsing regexp: " + re_->error());
  }
  names_.assign(static_cast<size_t>(re_->NumberOfCapturingGroups()) + 1, std::string());
  for (const auto& [index, name] : re_->CapturingGroupNames()) {
    names_[static_cast<size_t>(index)] = name;
  }
}

bool GoRegexp::match_from(std::string_view text, size_t pos, Groups& groups) const {
  // A null data pointer would be indistinguishable from "group did not match".
  if (text.data() == nullptr) text = std::string_view("");
  const int n = static_cast<int>(names_.size());
  std::vector<re2::StringPiece> pieces(static_cast<size_t>(n));
  if (!re_->Match(text, pos, text.size(), RE2::UNANCHORED, pieces.data(), n)) return false;
  groups.resize(static_cast<size_t>(n));
  for (int i = 0; i < n; ++i) groups[static_cast<size_t>(i)] = pieces[static_cast<size_t>(i)];
  return true;
}

bool GoRegexp::find(std::string_view text, Groups& groups) const {
  return match_from(text, 0, groups);
}

void GoRegexp::find_all(std::string_view text, int64_t n,
                        const std::function<void(const Groups&)>& fn) const {
  if (text.data() == nullptr) text = std::string_view("");
  Groups groups;
  int64_t found = 0;
  size_t pos = 0;
  int64_t prev_end = -1;
  while ((n < 0 || found < n) && pos <= text.size()) {
    if (!match_from(text, pos, groups)) break;
    const auto start = static_cast<size_t>(groups[0].data() - text.data());
    const size_t end = start + groups[0].size();
    bool accept = true;
    if (end == pos) {
      // An empty match right after the previous match is not reported.
      if (static_cast<int64_t>(start) == prev_end) accept = false;
      size_t w = rune_width(text, pos);
      pos = w > 0 ? pos + w : text.size() + 1;
    } else {
      pos = end;
    }
    prev_end = static_cast<int64_t>(end);
    if (accept) {
      fn(groups);
      ++found;
    }
  }
}

std::string GoRegexp::replace_all(std::string_view text, std::string_view tmpl) const {
  if (text.data() == nullptr) text = std::string_view("");
  std::string out;
  out.reserve(text.size());
  Groups groups;
  size_t last_end = 0;
  size_t search = 0;
  while (search <= text.size()) {
    if (!match_from(text, search, groups)) break;
    const auto start = static_cast<size_t>(groups[0].data() - text.data());
    const size_t end = start + groups[0].size();
    out.append(text.substr(last_end, start - last_end));
    // An empty match right after a previous match is not replaced again.
    if (end > last_end || start == 0) expand(out, tmpl, groups);
    last_end = end;
    size_t w = rune_width(text, search);
    if (search + w > end) {
      search += w;
    } else if (search + 1 > end) {
      ++search;
    } else {
      search = end;
    }
  }
  out.append(text.substr(last_end));
  return out;
}

void GoRegexp::expand(std::string& out, std::string_view tmpl, const Groups& groups) const {
  auto append_group = [&](size_t i) {
    if (i < groups.size() && groups[i].data() != nullptr) out.append(groups[i]);
  };
  while (!tmpl.empty()) {
    size_t dollar = tmpl.find('$');
    if (dollar == std::string_view::npos) break;
    out.append(tmpl.substr(0, dollar));
    tmpl.remove_prefix(dollar + 1);
    if (!tmpl.empty() && tmpl[0] == '$') {  // "$$" is a literal '$'
      out.push_back('$');
      tmpl.remove_prefix(1);
      continue;
    }
    // A name: letters, digits and '_', optionally in braces.
    std::string_view rest = tmpl;
    const bool brace = !rest.empty() && rest[0] == '{';
    if (brace) rest.remove_prefix(1);
    size_t len = 0;
    while (len < rest.size() && is_name_char(static_cast<unsigned char>(rest[len]))) ++len;
    if (len == 0 || (brace && (len >= rest.size() || rest[len] != '}'))) {
      out.push_back('$');  // malformed: the '$' is literal text
      continue;
    }
    std::string_view name = rest.substr(0, len);
    tmpl = rest.substr(len + (brace ? 1 : 0));
    // All digits (no leading zero, below 1e8) is a group number; anything else a name.
    int64_t num = 0;
    for (char c : name) {
      if (c < '0' || c > '9' || num >= 100000000) {
        num = -1;
        break;
      }
      num = num * 10 + (c - '0');
    }
    if (name.size() > 1 && name[0] == '0') num = -1;
    if (num >= 0) {
      append_group(static_cast<size_t>(num));
    } else {
      for (size_t i = 0; i < names_.size(); ++i) {
        if (names_[i] == name && i < groups.size() && groups[i].data() != nullptr) {
          append_group(i);
          break;
        }
      }
    }
  }
  out.append(tmpl);
}

}  // namespace sub::transform
