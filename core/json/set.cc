// sjson-compatible writes and deletes (tidwall/sjson v1.2.5 over gjson v1.18.0).
//
// The edit works on raw bytes. For each path component the value is located with the same
// scanning rules gjson uses (so malformed input is read the way the reference reads it),
// then the output is built once: the bytes before the value, the new value (or, when the
// component is missing, a freshly built object/array tail), and the bytes after it.
#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory_resource>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/simd.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "core/json/internal.h"
#include "core/json/path.h"
#include "core/json/path_tokens.h"
#include "core/json/scan.h"
#include "core/json/skip_memo.h"

namespace sub::json {
namespace {

// Refuse to pad an array with more nulls than this (sjson would try and exhaust memory).
constexpr uint64_t kMaxPadding = uint64_t{1} << 24;

// One component of a write path.
struct Part {
  std::string_view part;   // the key with escapes removed
  std::string_view gpart;  // the component as gjson reads it (escapes kept)
  bool force = false;      // a leading ':' forces an object key
};

// Where a component's value sits inside the document it was looked up in.
struct Loc {
  bool found = false;
  size_t index = 0;
  size_t len = 0;
};

// Splits a write path into components. Returns false when the path is "complex" (has one
// of | # @ * ? outside an escape); such paths are handled by set_complex.
//
// The gjson form of a component is its text in the path (escapes kept), so it views `path`.
// Keys with escapes are unescaped into `unescaped`, which is reserved once to the size of
// the path (an upper bound for all of them) so that the views into it stay valid.
bool parse_path(std::string_view path, std::pmr::vector<Part>& parts, std::pmr::string& unescaped) {
  for (;;) {
    Part r;
    if (!path.empty() && path[0] == ':') {
      r.force = true;
      path.remove_prefix(1);
    }
    const path_tokens::Component c = path_tokens::split_component(path, path_tokens::Syntax::kKey);
    if (c.sep == path_tokens::Sep::kPipe || c.wild || c.hash || c.at) return false;
    r.gpart = c.text;
    if (c.escaped) {
      // The key drops the backslashes, the gjson form keeps them.
      if (unescaped.capacity() < path.size()) unescaped.reserve(path.size());
      const size_t from = unescaped.size();
      path_tokens::append_key(unescaped, c.text);
      r.part = std::string_view(unescaped).substr(from);
    } else {
      r.part = c.text;
    }
    parts.push_back(r);
    if (c.sep == path_tokens::Sep::kEnd) return true;
    path = c.rest;
  }
}

// sjson's atoui: a component made only of digits (the empty one included) is an index.
// Go's int arithmetic wraps; the result is kept as a signed count.
bool atoui(const Part& p, int64_t& n) {
  n = 0;
  if (p.force) return false;
  uint64_t u = 0;
  for (char c : p.part) {
    if (c < '0' || c > '9') return false;
    u = u * 10 + uint64_t(c - '0');
  }
  n = static_cast<int64_t>(u);
  return true;
}

// ---- gjson scanning primitives (same tolerance for malformed input as the reference) ----

// How the search for the next value of an object or array ended.
enum class Next {
  kValue,   // a value was found
  kEnd,     // the array closed (or, in an object or array, the text ended) first
  kBroken,  // the value is a string that does not close
};

// Steps from `i` to the next value the way gjson's object and array walkers do (see
// scan::value_kind) and over it: `start` is its first byte and `i` ends one past its last
// (clamped to the text). In an array (`in_array`) a ']' ends the search.
inline Next next_value(std::string_view j, size_t& i, size_t& start, bool in_array) {
  const size_t n = j.size();
  for (; i < n; ++i) {
    if (in_array && j[i] == ']') return Next::kEnd;
    const scan::ValueKind kind = scan::value_kind(j, i);
    if (kind == scan::ValueKind::kNone) continue;
    start = i;
    bool esc, ok;
    i = std::min(scan::value_end(j, i, kind, esc, ok), n);
    return ok ? Next::kValue : Next::kBroken;
  }
  return Next::kEnd;
}

// A quick answer for the common "set a new key" case: true only when no key of the text
// can equal `key`. Without any backslash in the text every key is compared byte for byte,
// so a key equal to `key` would show up as the quoted key somewhere in the text. One pass
// looks for both, without walking the values; a false answer means "maybe": scan normally.
#if SUB_JSON_AVX2
// Lanes of the 32 positions from `at` that hold a backslash, or a quote followed by the
// key's first byte and by a quote `close` bytes on.
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i key_lanes(const char* p, size_t at,
                                                                     size_t close, char first) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i here = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
  const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at + 1));
  const __m256i after = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at + close));
  const __m256i candidate =
      _mm256_and_si256(_mm256_and_si256(_mm256_cmpeq_epi8(here, quote),
                                        _mm256_cmpeq_epi8(next, _mm256_set1_epi8(first))),
                       _mm256_cmpeq_epi8(after, quote));
  return _mm256_or_si256(candidate, _mm256_cmpeq_epi8(here, _mm256_set1_epi8('\\')));
}

// Whether a lane of `lanes` (positions from `at`) is a backslash or the whole quoted key.
[[gnu::target("avx2")]] inline bool key_maybe_in(__m256i lanes, const char* p, size_t at,
                                                 std::string_view key) {
  for (uint32_t m = static_cast<uint32_t>(_mm256_movemask_epi8(lanes)); m != 0; m &= m - 1) {
    const size_t i = at + static_cast<size_t>(__builtin_ctz(m));
    if (p[i] == '\\' || std::memcmp(p + i + 1, key.data(), key.size()) == 0) return true;
  }
  return false;
}

// key_surely_absent in AVX2, for texts of at least 32 + key.size() + 1 bytes.
[[gnu::target("avx2")]] bool key_surely_absent_avx2(const char* p, size_t n, std::string_view key) {
  const size_t close = key.size() + 1;
  const char first = key.empty() ? '"' : key[0];
  size_t i = 0;
  // 64 positions per test and branch while they hold nothing (the usual case).
  for (; i + 64 + close <= n; i += 64) {
    const __m256i low = key_lanes(p, i, close, first);
    const __m256i high = key_lanes(p, i + 32, close, first);
    const __m256i any = _mm256_or_si256(low, high);
    if (_mm256_testz_si256(any, any)) continue;
    if (key_maybe_in(low, p, i, key) || key_maybe_in(high, p, i + 32, key)) return false;
  }
  if (i + 32 + close <= n) {
    if (key_maybe_in(key_lanes(p, i, close, first), p, i, key)) return false;
    i += 32;
  }
  // The last positions a key can start at, in one block that may overlap the one before;
  // then the bytes after them, too close to the end to start the key, for a backslash.
  if (i + close < n) {
    const size_t at = n - 32 - close;
    if (key_maybe_in(key_lanes(p, at, close, first), p, at, key)) return false;
    i = n - close;
  }
  return std::memchr(p + i, '\\', n - i) == nullptr;
}
#endif

bool key_surely_absent(std::string_view text, std::string_view key) {
  const char* p = text.data();
  const size_t n = text.size();
  const size_t close = key.size() + 1;  // offset of the closing quote of a candidate
#if SUB_JSON_AVX2
  if (n >= 32 + close && simd::cpu_has_avx2()) return key_surely_absent_avx2(p, n, key);
#endif
  const auto quoted_key_at = [&](size_t i) {
    return p[i + close] == '"' && std::memcmp(p + i + 1, key.data(), key.size()) == 0;
  };
  size_t i = 0;
#if SUB_JSON_SIMD
  // Sixteen positions at a time: a backslash, or a quote that is followed by the first byte
  // of the key and by a quote right after the key (checked fully with memcmp).
  const simd::Vec quote = simd::splat('"');
  const simd::Vec slash = simd::splat('\\');
  const simd::Vec first = simd::splat(key.empty() ? '"' : key[0]);
  const auto candidates = [&](size_t at) {
    return simd::both(
        simd::both(simd::eq(simd::load(p + at), quote), simd::eq(simd::load(p + at + 1), first)),
        simd::eq(simd::load(p + at + close), quote));
  };
  // True when the block at `at` has a backslash or the quoted key: the key may be there.
  const auto maybe_in_block = [&](size_t at) {
    if (simd::any(simd::eq(simd::load(p + at), slash))) return true;
    for (uint32_t m = simd::mask(candidates(at)); m != 0; m &= m - 1) {
      if (quoted_key_at(at + static_cast<size_t>(__builtin_ctz(m)))) return true;
    }
    return false;
  };
  // Four blocks per test and branch while they hold neither (the usual case), then one.
  const auto lanes = [&](size_t at) {
    return simd::either(simd::eq(simd::load(p + at), slash), candidates(at));
  };
  for (; i + 64 + close <= n; i += 64) {
    if (!simd::any(simd::either(simd::either(lanes(i), lanes(i + 16)),
                                simd::either(lanes(i + 32), lanes(i + 48))))) {
      continue;
    }
    for (size_t k = 0; k < 64; k += 16) {
      if (maybe_in_block(i + k)) return false;
    }
  }
  for (; i + 16 + close <= n; i += 16) {
    if (maybe_in_block(i)) return false;
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == '\\') return false;
    if (p[i] == '"' && i + close < n && quoted_key_at(i)) return false;
  }
  return true;
}

// gjson parseObject for one plain key (no wildcards, nothing after it). `i` is just past
// the opening brace.
Loc find_in_object(std::string_view j, size_t i, std::string_view key) {
  const size_t n = j.size();
  // With the big values' ends known, walking the members is cheaper than the quick check,
  // which reads every byte.
  std::string_view doc;
  SkipMemo* memo = SkipMemo::active(j, doc);
  if (memo != nullptr && memo->answers()) {
    // An object looked up before: its members are listed.
    const auto offset = static_cast<size_t>(j.data() - doc.data());
    const MemberIndex::Object* o = memo->members(doc, offset + i);
    if (o != nullptr && o->close < offset + n) {
      for (uint16_t k = 0; k < o->count; ++k) {
        const MemberIndex::Member& m = o->members[k];
        if (MemberIndex::key_is(doc, m, key)) return {true, m.value - offset, m.end - m.value};
      }
      return {};
    }
  } else if (key_surely_absent(j.substr(std::min(i, n)), key)) {
    return {};
  }
  i = scan::skip_plain_members(j, i, key);
  while (i < n) {
    bool ok = false;
    bool match = false;
    for (; i < n; ++i) {
      if (j[i] == '"') {
        const size_t s = ++i;
        bool esc;
        i = scan::string_end(j, i, esc, ok);
        if (!ok) return {};
        std::string_view k = j.substr(s, i - 1 - s);
        match = esc ? scan::unescape(k) == key : scan::same_key(k, key);
        break;
      }
      if (j[i] == '}') return {};
    }
    if (!ok) return {};
    size_t start = i;
    if (next_value(j, i, start, false) != Next::kValue) return {};
    if (match) return {true, start, i - start};
  }
  return {};
}

// gjson parseArray for a plain index (`idx` < 0: never matches) or, with `count`, the
// number of elements (`#`). `i` is just past the opening bracket.
Loc find_in_array(std::string_view j, size_t i, int64_t idx, int64_t* count = nullptr) {
  for (int64_t h = 0;; ++h) {
    size_t start = i;
    switch (next_value(j, i, start, true)) {
      case Next::kValue:
        if (idx == h) return {true, start, i - start};
        break;
      case Next::kEnd:
        if (count) *count = h;
        return {};
      case Next::kBroken:
        return {};
    }
  }
}

// gjson parseUint: digits only, not empty; wraps like Go.
bool parse_index(std::string_view s, int64_t& out) {
  if (s.empty()) return false;
  uint64_t u = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    u = u * 10 + uint64_t(c - '0');
  }
  out = static_cast<int64_t>(u);
  return true;
}

Loc locate_path(std::string_view j, std::string_view key, std::string_view gpath) {
  for (size_t i = 0; i < j.size(); ++i) {
    if (j[i] == '{') return find_in_object(j, i + 1, key);
    if (j[i] == '[') {
      int64_t idx;
      if (!parse_index(gpath, idx)) idx = -1;
      return find_in_array(j, i + 1, idx);
    }
  }
  return {};
}

// gjson.Get(j, gpart) for one write-path component, reduced to the value's position.
// A value gjson computes (index 0) counts as missing, as it does for sjson.
Loc locate(std::string_view j, const Part& p) {
  std::string_view g = p.gpart;
  if (g.size() > 1) {
    std::string_view lit, rest;
    if (g[0] == '!' && path_tokens::static_literal(g, lit, rest)) return {};
    if (g[0] == '[' || g[0] == '{') {
      // A multipath gives a computed value, with no place in the document, when it is the
      // whole component; otherwise gjson goes on with what follows it (nothing when its
      // brackets do not close).
      if (path_tokens::sub_selectors(g, nullptr, rest) &&
          (rest.empty() || rest[0] == '|' || rest[0] == '.')) {
        return {};
      }
      std::string key;
      path_tokens::append_key(key, rest);
      return locate_path(j, key, rest);
    }
  }
  return locate_path(j, p.part, g);
}

// gjson Int() of a located raw value (only needed for the `#` lookup sjson does for a
// delete of `-1`, when the document is an object with a "#" key).
int64_t raw_to_int(std::string_view raw) {
  if (raw.empty()) return 0;
  if (raw[0] == 't') return 1;
  std::string s;
  if (raw[0] == '"') {
    s = scan::unescape(raw.substr(1, raw.size() >= 2 ? raw.size() - 2 : 0));
  } else {
    s = std::string(raw);
  }
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (end && *end == '\0' && errno == 0 && !s.empty()) return v;
  double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str()) return 0;
  if (d < -9223372036854775808.0 || d >= 9223372036854775808.0 || d != d) return 0;
  return static_cast<int64_t>(d);
}

// sjson's "-1" delete target: the last element, found by counting first.
Loc locate_last(std::string_view j, bool& tried) {
  tried = false;
  for (size_t i = 0; i < j.size(); ++i) {
    if (j[i] == '[') {
      int64_t count = 0;
      find_in_array(j, i + 1, -1, &count);
      if (count <= 0) return {};
      tried = true;
      return find_in_array(j, i + 1, count - 1);
    }
    if (j[i] == '{') {
      Loc h = find_in_object(j, i + 1, "#");
      int64_t count = h.found ? raw_to_int(j.substr(h.index, h.len)) : 0;
      if (count <= 0) return {};
      tried = true;
      std::string key = std::to_string(count - 1);
      return find_in_object(j, i + 1, key);
    }
  }
  return {};
}

void append_padding(std::string& out, std::string_view unit, int64_t n) {
  if (n <= 0) return;
  if (static_cast<uint64_t>(n) > kMaxPadding) {
    throw Error("json: array index too large to pad with nulls");
  }
  out.reserve(out.size() + unit.size() * static_cast<size_t>(n));
  for (int64_t k = 0; k < n; ++k) out.append(unit);
}

// sjson appendBuild: the new key (unless inside an array) and the containers for every
// remaining component, ending with the raw value.
void append_build(std::string& out, bool array, const Part* parts, size_t count,
                  std::string_view raw) {
  for (;;) {
    if (!array) {
      append_sjson_string(out, parts[0].part);
      out.push_back(':');
    }
    if (count == 1) {
      out.append(raw);
      break;
    }
    int64_t n;
    bool numeric = atoui(parts[1], n);
    if (numeric || (!parts[1].force && parts[1].part == "-1")) {
      out.push_back('[');
      append_padding(out, "null,", n);
      array = true;
    } else {
      out.push_back('{');
      array = false;
    }
    ++parts;
    --count;
  }
  // Close the containers opened above, innermost first.
  // (They are recorded implicitly by the parts; walk them again.)
}

void append_build_closers(std::string& out, const Part* parts, size_t count) {
  std::string closers;
  for (size_t k = 1; k < count; ++k) {
    int64_t n;
    bool numeric = atoui(parts[k], n);
    closers.push_back(numeric || (!parts[k].force && parts[k].part == "-1") ? ']' : '}');
  }
  out.append(closers.rbegin(), closers.rend());
}

void build_new(std::string& out, bool array, const Part* parts, size_t count,
               std::string_view raw) {
  append_build(out, array, parts, count, raw);
  append_build_closers(out, parts, count);
}

inline bool is_ws(char c) { return static_cast<unsigned char>(c) <= ' '; }

// sjson deleteTailItem over the text written so far (`buf`): finds how much of its end goes
// with a deleted value (the key, or the comma before it) and stores the length to keep in
// `keep`. Returns true when the comma after the value must go instead.
bool delete_tail(std::string_view buf, size_t& keep) {
  keep = buf.size();
  for (size_t i = buf.size(); i-- > 0;) {
    char c = buf[i];
    if (c == '[') return true;
    if (c == ',') {
      keep = i;
      return false;
    }
    if (c != ':') continue;
    // Walk back over the key string to the '{' or ',' before it.
    long long k = static_cast<long long>(i) - 1;
    for (; k >= 0; --k) {
      if (buf[k] != '"') continue;
      --k;
      for (; k >= 0; --k) {
        if (buf[k] != '"') continue;
        --k;
        if (k >= 0 && buf[k] == '\\') {
          --k;
          continue;
        }
        for (; k >= 0; --k) {
          if (buf[k] == '{') {
            keep = static_cast<size_t>(k) + 1;
            return true;
          }
          if (buf[k] == ',') {
            keep = static_cast<size_t>(k);
            return false;
          }
        }
      }
      break;
    }
    return false;
  }
  return false;
}

bool delete_tail_item(std::string& buf) {
  size_t keep;
  const bool comma_after = delete_tail(buf, keep);
  buf.resize(keep);
  return comma_after;
}

// How many bytes after a deleted value (ending at `i` in `j`) go with it: the white space
// and comma that follow it, when there is such a comma.
size_t comma_after(std::string_view j, size_t i) {
  for (size_t k = 0; i < j.size(); ++i, ++k) {
    if (is_ws(j[i])) continue;
    if (j[i] == ',') return k + 1;
    break;
  }
  return 0;
}

// sjson appendRawPaths. Returns false when a delete finds nothing to remove (`out` is then
// incomplete and the caller keeps the document).
bool edit(std::string& out, std::string_view j, const Part* parts, size_t count,
          std::string_view raw, bool del) {
  Loc res;
  bool found = false;
  if (del && !parts[0].force && parts[0].part == "-1") {
    res = locate_last(j, found);
  }
  if (!found) res = locate(j, parts[0]);
  if (res.found && res.index > 0) {
    if (count > 1) {
      out.append(j.data(), res.index);
      if (!edit(out, j.substr(res.index, res.len), parts + 1, count - 1, raw, del)) return false;
      out.append(j.substr(res.index + res.len));
      return true;
    }
    out.append(j.data(), res.index);
    size_t skip = 0;
    if (del) {
      if (delete_tail_item(out)) skip = comma_after(j, res.index + res.len);
    } else {
      out.append(raw);
    }
    out.append(j.substr(res.index + res.len + skip));
    return true;
  }
  if (del) return false;

  int64_t n;
  bool numeric = atoui(parts[0], n);
  bool empty = true;
  for (char c : j) {
    if (!is_ws(c)) {
      empty = false;
      break;
    }
  }
  if (empty) j = numeric ? "[]" : "{}";
  // gjson.Parse: only a document that starts with { or [ is kept.
  {
    size_t i = 0;
    while (i < j.size() && is_ws(j[i]) && j[i] != '{' && j[i] != '[') ++i;
    if (i < j.size() && (j[i] == '{' || j[i] == '[')) {
      j = j.substr(i);
    } else {
      j = numeric ? "[]" : "{}";
    }
  }
  bool comma = false;
  for (size_t i = 1; i < j.size(); ++i) {
    if (is_ws(j[i])) continue;
    if (j[i] != '}' && j[i] != ']') comma = true;
    break;
  }
  if (j[0] == '{') {
    size_t end = j.size() - 1;
    for (; end > 0; --end) {
      if (j[end] == '}') break;
    }
    out.append(j.data(), end);
    if (comma) out.push_back(',');
    build_new(out, false, parts, count, raw);
    out.push_back('}');
    return true;
  }
  // An array.
  if (!numeric) {
    if (parts[0].part != "-1" || parts[0].force) {
      throw Error("cannot set array element for non-numeric key '" + std::string(parts[0].part) +
                  "'");
    }
    std::string_view t = j;
    while (!t.empty() && is_ws(t.front())) t.remove_prefix(1);
    while (!t.empty() && is_ws(t.back())) t.remove_suffix(1);
    if (!t.empty() && t.back() == ']') t.remove_suffix(1);
    out.append(t);
    if (comma) out.push_back(',');
    build_new(out, true, parts, count, raw);
    out.push_back(']');
    return true;
  }
  // A numeric index past the end: the elements are re-joined with ',' and padded.
  out.push_back('[');
  int64_t elems = 0;
  {
    size_t i = 0;
    while (i < j.size() && j[i] != '[') ++i;  // j[0] is '['
    ++i;
    for (; i < j.size(); ++i) {
      char c = j[i];
      if (is_ws(c)) continue;
      if (c == ']' || c == '}') break;
      // gjson's arrayOrMap, which sjson reads the elements with.
      const scan::ValueKind kind = scan::element_kind(c);
      if (kind == scan::ValueKind::kNone) continue;
      bool esc, ok;
      const size_t end = std::min(scan::value_end(j, i, kind, esc, ok), j.size());
      if (elems > 0) out.push_back(',');
      out.append(j.substr(i, end - i));
      ++elems;
      i = end - 1;
    }
  }
  if (elems == 0) {
    append_padding(out, "null,", n);
  } else {
    // Go's int arithmetic wraps (an index of 2^63 is negative there); so does this, without
    // the undefined behaviour of a signed overflow.
    append_padding(out, ",null",
                   static_cast<int64_t>(static_cast<uint64_t>(n) - static_cast<uint64_t>(elems)));
    if (comma) out.push_back(',');
  }
  build_new(out, true, parts, count, raw);
  out.push_back(']');
  return true;
}

// edit() done inside the document itself for the shapes that need no rebuilding: a value
// that is found is replaced or erased, and a missing key of an object is added before its
// closing brace. `j` views doc[base, base + j.size()). Returns false, with `doc` untouched,
// for every other shape (the caller then runs edit()).
bool edit_in_place(std::string& doc, size_t base, std::string_view j, const Part* parts,
                   size_t count, std::string_view raw, bool del, internal::MemoNote note) {
  if (del && !parts[0].force && parts[0].part == "-1") return false;
  const Loc res = locate(j, parts[0]);
  if (res.found && res.index > 0) {
    if (count > 1) {
      return edit_in_place(doc, base + res.index, j.substr(res.index, res.len), parts + 1,
                           count - 1, raw, del, note);
    }
    const size_t at = base + res.index;
    if (!del) {
      doc.replace(at, res.len, raw);
      if (note.memo) note.memo->edited(at, res.len, raw.size(), raw, note.valid);
      return true;
    }
    size_t keep;
    size_t skip = 0;
    if (delete_tail(std::string_view(doc).substr(0, at), keep)) {
      skip = comma_after(j, res.index + res.len);
    }
    doc.erase(keep, at + res.len + skip - keep);
    if (note.memo) note.memo->removed(keep, at + res.len + skip - keep);
    return true;
  }
  if (del) return true;  // nothing to delete: the document stays as it is
  // Only an object that ends with its closing brace: edit() keeps everything before it.
  if (j.size() < 2 || j.front() != '{' || j.back() != '}') return false;
  std::string text;
  for (size_t i = 1; i < j.size(); ++i) {
    if (is_ws(j[i])) continue;
    if (j[i] != '}' && j[i] != ']') text.push_back(',');
    break;
  }
  build_new(text, false, parts, count, raw);
  doc.insert(base + j.size() - 1, text);
  if (note.memo) note.memo->edited(base + j.size() - 1, 0, text.size(), raw, note.valid, doc);
  return true;
}

// True when `v` shares bytes with the buffer of `doc` (an in-place edit would move them).
bool overlaps(const std::string& doc, std::string_view v) {
  const auto lo = reinterpret_cast<uintptr_t>(doc.data());
  const auto hi = lo + doc.capacity() + 1;
  const auto p = reinterpret_cast<uintptr_t>(v.data());
  return p < hi && lo < p + v.size();
}

bool run_in_place(std::string& doc, std::string_view path, std::string_view raw, bool del,
                  internal::MemoNote note) {
  if (path.empty() || overlaps(doc, path) || overlaps(doc, raw)) return false;
  std::array<std::byte, 1024> arena;
  std::pmr::monotonic_buffer_resource pool(arena.data(), arena.size());
  std::pmr::vector<Part> parts(&pool);
  std::pmr::string unescaped(&pool);
  parts.reserve(8);
  if (!parse_path(path, parts, unescaped)) return false;
  return edit_in_place(doc, 0, doc, parts.data(), parts.size(), raw, del, note);
}

// Paths with | # @ * ? : sjson asks gjson for the value and overwrites it in place when it
// has a position in the document; otherwise nothing changes.
void set_complex(std::string_view json, std::string_view path, std::string_view raw,
                 std::string& out) {
  out.assign(json);
  // Results gjson computes (pipes, modifiers, multipaths, literals) have no position.
  if (path.size() > 1 && (path[0] == '@' || path[0] == '!' || path[0] == '[' || path[0] == '{')) {
    return;
  }
  for (std::string_view rest = path;;) {
    const path_tokens::Component c = path_tokens::split_component(rest, path_tokens::Syntax::kKey);
    if (c.sep == path_tokens::Sep::kPipe) return;
    if (c.sep == path_tokens::Sep::kEnd) break;
    rest = c.rest;
    if (!rest.empty() && (rest[0] == '@' || rest[0] == '[' || rest[0] == '{')) return;
  }
  Value v = get(json, path);
  if (!v.exists()) return;
  std::string_view r = v.raw();
  if (r.empty() || r.data() <= json.data() || r.data() >= json.data() + json.size()) return;
  size_t index = static_cast<size_t>(r.data() - json.data());
  if (index + r.size() > json.size()) return;
  out.clear();
  out.reserve(json.size() + raw.size());
  out.append(json.substr(0, index));
  out.append(raw);
  out.append(json.substr(index + r.size()));
}

void run(std::string_view json, std::string_view path, std::string_view raw, bool del,
         std::string& out) {
  out.clear();
  if (path.empty()) throw Error("path cannot be empty");
  // Paths have a few components: keep them (and unescaped keys) on the stack.
  std::array<std::byte, 1024> arena;
  std::pmr::monotonic_buffer_resource pool(arena.data(), arena.size());
  std::pmr::vector<Part> parts(&pool);
  std::pmr::string unescaped(&pool);
  parts.reserve(8);
  if (!parse_path(path, parts, unescaped)) {
    if (del) throw Error("cannot delete value from a complex path");
    set_complex(json, path, raw, out);
    return;
  }
  // Enough for the edit in one allocation: a new key adds at most its quoted components,
  // their separators and brackets (escapes in the key may still need more).
  out.reserve(json.size() + raw.size() + (del ? 0 : path.size() + 5 * parts.size() + 2));
  if (!edit(out, json, parts.data(), parts.size(), raw, del)) out.assign(json);
}

}  // namespace

void set_raw(std::string_view json, std::string_view path, std::string_view raw_value,
             std::string& out) {
  run(json, path, raw_value, false, out);
}

void del(std::string_view json, std::string_view path, std::string& out) {
  run(json, path, {}, true, out);
}

namespace internal {

bool set_raw_in_place(std::string& doc, std::string_view path, std::string_view raw_value,
                      MemoNote note) {
  return run_in_place(doc, path, raw_value, false, note);
}

bool del_in_place(std::string& doc, std::string_view path, SkipMemo* memo) {
  return run_in_place(doc, path, {}, true, {memo, true});
}

}  // namespace internal

}  // namespace sub::json
