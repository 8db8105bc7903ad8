// @pretty: a re-implementation of tidwall/pretty's formatter (the one gjson uses), including
// its habit of putting short arrays of scalars on one line and its key sorting.
#include <algorithm>
#include <string>
#include <vector>

#include "core/json/modifiers.h"
#include "core/json/scan.h"

namespace sub::json::modifiers {
namespace {

struct Pair {
  size_t kstart = 0, kend = 0;  // key, in the input
  size_t vstart = 0, vend = 0;  // whole rendered member, in the output
};

struct Step {
  size_t i;
  size_t nl;
  bool ok;
};

bool nan_or_inf(std::string_view s) {
  char c = s[0];
  return c == 'i' || c == 'I' || c == '+' || c == 'N' || (c == 'n' && s.size() > 1 && s[1] != 'u');
}

bool trim_ws(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && trim_ws(s.front())) s.remove_prefix(1);
  while (!s.empty() && trim_ws(s.back())) s.remove_suffix(1);
  return s;
}

// Kinds in the order tidwall/pretty sorts them.
int kind_of(std::string_view v) {
  if (v.empty()) return 0;
  switch (v[0]) {
    case '"':
      return 3;
    case 'f':
      return 1;
    case 't':
      return 4;
    case 'n':
      return 0;
    case '[':
    case '{':
      return 5;
    default:
      return 2;
  }
}

std::string string_contents(std::string_view s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      size_t end = s.size() >= 2 && s.back() == '"' ? s.size() - 1 : s.size();
      return scan::unescape(s.substr(1, end - 1));
    }
    if (s[i] == '"') return std::string(s.substr(1, i - 1));
  }
  return std::string();
}

class Printer {
 public:
  Printer(std::string_view json, const PrettyOptions& opts) : json_(json), opts_(opts) {}

  std::string run() {
    buf_.append(opts_.prefix);
    any(0, true, opts_.width, opts_.indent, opts_.sort_keys, 0, 0, -1);
    if (!buf_.empty()) buf_.push_back('\n');
    return std::move(buf_);
  }

 private:
  Step any(size_t i, bool pretty, int width, std::string_view indent, bool sortkeys, int tabs,
           size_t nl, long max) {
    for (; i < json_.size(); ++i) {
      char c = json_[i];
      if (scan::is_space(c)) continue;
      if (c == '"') return string(i, nl);
      if ((c >= '0' && c <= '9') || c == '-' || nan_or_inf(json_.substr(i))) return number(i, nl);
      if (c == '{') return object(i, '{', '}', pretty, width, indent, sortkeys, tabs, nl, max);
      if (c == '[') return object(i, '[', ']', pretty, width, indent, sortkeys, tabs, nl, max);
      switch (c) {
        case 't':
          buf_.append("true");
          return {i + 4, nl, true};
        case 'f':
          buf_.append("false");
          return {i + 5, nl, true};
        case 'n':
          buf_.append("null");
          return {i + 4, nl, true};
        default:
          break;
      }
    }
    return {i, nl, true};
  }

  // Starts a new line for a member: turns a trailing space into the newline.
  void newline(size_t& nl) {
    nl = buf_.size();
    if (!buf_.empty() && buf_.back() == ' ') {
      buf_.back() = '\n';
    } else {
      buf_.push_back('\n');
    }
  }

  Step object(size_t i, char open, char close, bool pretty, int width, std::string_view indent,
              bool sortkeys, int tabs, size_t nl, long max) {
    if (width > 0) {
      if (pretty && open == '[' && max == -1) {
        // Try the whole array on one line first.
        long room = width - static_cast<long>(buf_.size() - nl);
        if (room > 3) {
          size_t s1 = buf_.size(), s2 = i;
          Step st = object(i, '[', ']', false, width, "", sortkeys, 0, 0, room);
          if (st.ok && static_cast<long>(buf_.size() - s1) <= room) return {st.i, nl, true};
          buf_.resize(s1);
          i = s2;
        }
      } else if (max != -1 && open == '{') {
        return {i, nl, false};
      }
    }
    buf_.push_back(open);
    ++i;
    std::vector<Pair> pairs;
    int n = 0;
    for (; i < json_.size(); ++i) {
      char c = json_[i];
      if (scan::is_space(c)) continue;
      if (c == close) {
        if (pretty) {
          if (open == '{' && sortkeys) sort_pairs(pairs);
          if (n > 0) newline(nl);
          if (buf_.back() != open) tabs_out(indent, tabs);
        }
        buf_.push_back(close);
        return {i + 1, nl, open != '{'};
      }
      if (open != '[' && c != '"') continue;
      if (n > 0) {
        buf_.push_back(',');
        if (width != -1 && open == '[') buf_.push_back(' ');
      }
      Pair p;
      if (pretty) {
        newline(nl);
        if (open == '{' && sortkeys) {
          p.kstart = i;
          p.vstart = buf_.size();
        }
        tabs_out(indent, tabs + 1);
      }
      if (open == '{') {
        Step st = string(i, nl);
        i = st.i;
        nl = st.nl;
        if (sortkeys) p.kend = i;
        buf_.push_back(':');
        if (pretty) buf_.push_back(' ');
      }
      Step st = any(i, pretty, width, indent, sortkeys, tabs + 1, nl, max);
      i = st.i;
      nl = st.nl;
      if (max != -1 && !st.ok) return {i, nl, false};
      if (pretty && open == '{' && sortkeys) {
        p.vend = buf_.size();
        if (p.kstart > p.kend || p.vstart > p.vend) {
          sortkeys = false;  // malformed input: give up sorting
        } else {
          pairs.push_back(p);
        }
      }
      --i;
      ++n;
    }
    return {i, nl, open != '{'};
  }

  Step string(size_t i, size_t nl) {
    size_t s = i;
    for (++i; i < json_.size(); ++i) {
      if (json_[i] != '"') continue;
      size_t slashes = 0;
      for (size_t j = i - 1; j > s && json_[j] == '\\'; --j) ++slashes;
      if (slashes % 2 == 1) continue;
      ++i;
      break;
    }
    buf_.append(json_.substr(s, i - s));
    return {i, nl, true};
  }

  Step number(size_t i, size_t nl) {
    size_t s = i;
    for (++i; i < json_.size(); ++i) {
      char c = json_[i];
      if (scan::is_space(c) || c == ',' || c == ':' || c == ']' || c == '}') break;
    }
    buf_.append(json_.substr(s, i - s));
    return {i, nl, true};
  }

  void tabs_out(std::string_view indent, int tabs) {
    buf_.append(opts_.prefix);
    for (int t = 0; t < tabs; ++t) buf_.append(indent);
  }

  // Compares two members by key (kind == 0) or by rendered value (kind == 1).
  bool less(const Pair& a, const Pair& b, int kind) const {
    std::string_view k1 = json_.substr(a.kstart, a.kend - a.kstart);
    std::string_view k2 = json_.substr(b.kstart, b.kend - b.kstart);
    std::string_view v1 = k1, v2 = k2;
    if (kind == 1) {
      v1 = trim(std::string_view(buf_).substr(a.vstart, a.vend - a.vstart));
      v2 = trim(std::string_view(buf_).substr(b.vstart, b.vend - b.vstart));
      if (v1.size() >= k1.size() + 1) v1 = trim(v1.substr(k1.size() + 1));
      if (v2.size() >= k2.size() + 1) v2 = trim(v2.substr(k2.size() + 1));
    }
    int t1 = kind_of(v1), t2 = kind_of(v2);
    if (t1 != t2) return t1 < t2;
    if (t1 == 3) return string_contents(v1) < string_contents(v2);
    if (t1 == 2) return scan::parse_float(v1) < scan::parse_float(v2);
    return v1 < v2;
  }

  void sort_pairs(std::vector<Pair>& pairs) {
    if (pairs.empty()) return;
    size_t vstart = pairs.front().vstart;
    std::stable_sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
      if (less(a, b, 0)) return true;
      if (less(b, a, 0)) return false;
      return less(a, b, 1);
    });
    std::string sorted;
    for (size_t k = 0; k < pairs.size(); ++k) {
      sorted.append(buf_, pairs[k].vstart, pairs[k].vend - pairs[k].vstart);
      if (k + 1 < pairs.size()) sorted.append(",\n");
    }
    buf_.resize(vstart);
    buf_.append(sorted);
  }

  std::string_view json_;
  const PrettyOptions& opts_;
  std::string buf_;
};

}  // namespace

std::string pretty(std::string_view json, const PrettyOptions& opts) {
  return Printer(json, opts).run();
}

}  // namespace sub::json::modifiers
