// The gjson-compatible reader. The structure follows gjson's own recursive descent (object
// and array walkers that consume one path component each) because many of gjson's corner
// cases fall out of that structure; matching it is what makes results identical.
#include <cstring>
#include <string>
#include <vector>

#include "core/json/simd.h"

#include "core/json/encode.h"
#include "core/json/internal.h"
#include "core/json/modifiers.h"
#include "core/json/path.h"
#include "core/json/path_tokens.h"
#include "core/json/scan.h"
#include "core/json/skip_memo.h"

namespace sub::json {
namespace {

using Type = Value::Type;

struct Ctx {
  std::string_view json;
  Value value;
  std::string_view pipe;
  bool piped = false;
};

struct Step {
  size_t i;
  bool hit;
};

Step walk_object(Ctx& c, size_t i, std::string_view path);
Step walk_array(Ctx& c, size_t i, std::string_view path);

// After a '.', a modifier, a multipath or a literal-ish selector starts a new pipe segment
// (gjson's isDotPiperChar). s is not empty.
bool starts_pipe_segment(std::string_view s) {
  if (s[0] == '@') return modifiers::exists(s.substr(1, path_tokens::name_end(s, true) - 1));
  return s[0] == '[' || s[0] == '{';
}

// ---- object path component ----

struct ObjectPath {
  std::string_view part, path, pipe;
  bool piped = false, wild = false, more = false;
  std::string unescaped;  // backing for `part` when the component had backslashes
};

// Where the component after a '.' goes: into `pipe` when it starts a new pipe segment,
// else into `rest` (with `more` set).
void split_after_dot(std::string_view after, std::string_view& rest, std::string_view& pipe,
                     bool& piped, bool& more) {
  if (!after.empty() && starts_pipe_segment(after)) {
    pipe = after;
    piped = true;
  } else {
    rest = after;
    more = true;
  }
}

void parse_object_path(std::string_view path, ObjectPath& r) {
  const path_tokens::Component c = path_tokens::split_component(path, path_tokens::Syntax::kKey);
  r.wild = c.wild;
  if (c.escaped) {
    path_tokens::append_key(r.unescaped, c.text);
    r.part = r.unescaped;
  } else {
    r.part = c.text;
  }
  if (c.sep == path_tokens::Sep::kPipe) {
    r.pipe = c.rest;
    r.piped = true;
  } else if (c.sep == path_tokens::Sep::kDot) {
    split_after_dot(c.rest, r.path, r.pipe, r.piped, r.more);
  }
}

// ---- array path component ----

struct ArrayPath {
  std::string_view part, path, pipe, alogkey;
  bool piped = false, more = false, alogok = false, arrch = false;
  bool query_on = false, query_all = false;
  std::string_view query_path, query_op, query_value;
  std::string query_value_buf;
};

void parse_array_path(std::string_view path, ArrayPath& r) {
  // A leading `#.` projects the rest over the elements; a leading query is read whole, so
  // the dots and pipes inside it do not end the component.
  size_t from = 0;
  if (path.size() > 1 && path[0] == '#') {
    if (path[1] == '.') {
      r.alogok = true;
      r.alogkey = path.substr(2);
    } else if (path[1] == '[' || path[1] == '(') {
      r.query_on = true;
      path_tokens::Query q;
      if (!path_tokens::split_query(path, q)) {
        // A query whose brackets do not close takes the whole path.
        r.arrch = true;
        r.part = path;
        return;
      }
      std::string_view value = q.value;
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
        if (q.value_escaped) {
          r.query_value_buf = scan::unescape(value);
          value = r.query_value_buf;
        }
      }
      r.query_path = q.path;
      r.query_op = q.op;
      r.query_value = value;
      if (q.end < path.size() && path[q.end] == '#') r.query_all = true;
      from = q.end;
    }
  }
  const path_tokens::Component c =
      path_tokens::split_component(path.substr(from), path_tokens::Syntax::kIndex);
  r.arrch = c.hash || (!path.empty() && path[0] == '#');
  r.part = path.substr(0, from + c.text.size());
  if (c.sep == path_tokens::Sep::kPipe) {
    r.pipe = c.rest;
    r.piped = true;
  } else if (c.sep == path_tokens::Sep::kDot) {
    if (r.arrch) {
      r.path = c.rest;
      r.more = true;
    } else {
      split_after_dot(c.rest, r.path, r.pipe, r.piped, r.more);
    }
  }
}

// ---- queries ----

bool truthy(const Value& v, bool want_true) {
  switch (v.type()) {
    case Type::kTrue:
      return want_true;
    case Type::kFalse:
    case Type::kNull:
      return !want_true;
    case Type::kString: {
      bool ok;
      bool b = scan::parse_bool(v.str(), ok);
      return ok && b == want_true;
    }
    case Type::kNumber:
      return (v.num() != 0) == want_true;
    default:
      return false;
  }
}

template <typename T>
bool compare(std::string_view op, const T& a, const T& b) {
  if (op == "=") return a == b;
  if (op == "!=") return a != b;
  if (op == "<") return a < b;
  if (op == "<=") return a <= b;
  if (op == ">") return a > b;
  if (op == ">=") return a >= b;
  return false;
}

bool query_matches(const ArrayPath& rp, Value value) {
  std::string_view rpv = rp.query_value;
  if (!rpv.empty() && rpv[0] == '~') {
    rpv.remove_prefix(1);
    bool ish = false, known = true;
    if (rpv == "*") {
      ish = value.exists();
    } else if (rpv == "null") {
      ish = value.type() == Type::kNull;
    } else if (rpv == "true") {
      ish = value.type() != Type::kNull && truthy(value, true);
    } else if (rpv == "false") {
      ish = truthy(value, false);
    } else {
      known = false;
    }
    if (known) {
      rpv = "true";
      value = Value::make(ish ? Type::kTrue : Type::kFalse, {}, {}, 0);
    } else {
      rpv = {};
      value = Value();
    }
  }
  if (!value.exists()) return false;
  std::string_view op = rp.query_op;
  if (op.empty()) return true;
  switch (value.type()) {
    case Type::kString:
      if (op == "%") return scan::match_limit(value.str(), rpv);
      if (op == "!%") return !scan::match_limit(value.str(), rpv);
      return compare(op, value.str(), rpv);
    case Type::kNumber:
      return compare(op, value.num(), scan::parse_float(rpv));
    case Type::kTrue:
      if (op == "=") return rpv == "true";
      if (op == "!=") return rpv != "true";
      if (op == ">") return rpv == "false";
      return op == ">=";
    case Type::kFalse:
      if (op == "=") return rpv == "false";
      if (op == "!=") return rpv != "false";
      if (op == "<") return rpv == "true";
      return op == "<=";
    default:
      return false;
  }
}

// The raw text a computed result contributes to an aggregate.
void append_result(std::string& out, const Value& v) {
  if (!v.raw().empty()) {
    out.append(v.raw());
  } else {
    out.append(v.to_string());
  }
}

// ---- walkers ----

// The members of the object from `i` (just past its brace, or past a member already
// looked at) read one by one for the component `rp`.
[[gnu::always_inline]] inline Step walk_members(Ctx& c, size_t i, const ObjectPath& rp) {
  const std::string_view json = c.json;
  const size_t n = json.size();
  // Read once: the stores into c.value below could otherwise alias them.
  const std::string_view part = rp.part;
  const bool wild = rp.wild, more = rp.more;
  if (!wild) i = scan::skip_plain_members(json, i, part);
  while (i < n) {
    std::string_view key;
    bool kesc = false, ok = false;
    for (; i < n; ++i) {
      if (json[i] == '"') {
        size_t s = ++i;
        i = scan::string_end(json, i, kesc, ok);
        key = ok ? json.substr(s, i - 1 - s) : json.substr(s);
        break;
      }
      if (json[i] == '}') return {i + 1, false};
    }
    if (!ok) return {i, false};
    bool pmatch;
    if (wild) {
      pmatch = kesc ? scan::match_limit(scan::unescape(key), part) : scan::match_limit(key, part);
    } else {
      pmatch = kesc ? scan::unescape(key) == part : scan::same_key(key, part);
    }
    bool hit = pmatch && !more;
    for (; i < n; ++i) {
      const scan::ValueKind kind = scan::value_kind(json, i);
      if (kind == scan::ValueKind::kNone) continue;
      if (kind == scan::ValueKind::kContainer && pmatch && !hit) {
        // The key matched and the path goes on: descend instead of skipping.
        Step st = json[i] == '{' ? walk_object(c, i + 1, rp.path) : walk_array(c, i + 1, rp.path);
        i = st.i;
        if (st.hit) return st;
        break;
      }
      const size_t s = i;
      bool vesc, vok;
      i = scan::value_end(json, i, kind, vesc, vok);
      if (!vok) return {i, false};
      if (hit) {
        c.value = internal::value_of(kind, json.substr(s, i - s), vesc);
        return {i, true};
      }
      break;
    }
  }
  return {i, false};
}

// The same walk over an object whose members the document's memo has listed: keys are
// compared without reading the text between them. A descent that finds nothing goes on
// the long way from where it stopped, as gjson does (the list may change under it).
bool walk_listed(Ctx& c, size_t i, const ObjectPath& rp, Step& out) {
  std::string_view doc;
  SkipMemo* memo = SkipMemo::active(c.json, doc);
  if (memo == nullptr || !memo->answers()) return false;
  const auto offset = static_cast<size_t>(c.json.data() - doc.data());
  const MemberIndex::Object* o = memo->members(doc, offset + i);
  if (o == nullptr || o->close >= offset + c.json.size()) return false;
  const std::string_view json = c.json;
  for (uint16_t k = 0; k < o->count; ++k) {
    const MemberIndex::Member& m = o->members[k];
    if (!MemberIndex::key_is(doc, m, rp.part)) continue;
    const size_t s = m.value - offset;
    const scan::ValueKind kind = scan::value_kind(json, s);
    if (!rp.more) {
      const size_t len = m.end - m.value;
      const bool esc =
          kind == scan::ValueKind::kString && std::memchr(json.data() + s, '\\', len) != nullptr;
      c.value = internal::value_of(kind, json.substr(s, len), esc);
      out = {m.end - offset, true};
      return true;
    }
    if (kind != scan::ValueKind::kContainer) continue;
    const Step st = json[s] == '{' ? walk_object(c, s + 1, rp.path) : walk_array(c, s + 1, rp.path);
    out = st.hit ? st : walk_members(c, st.i, rp);
    return true;
  }
  out = {o->close + 1 - offset, false};
  return true;
}

Step walk_object(Ctx& c, size_t i, std::string_view path) {
  ObjectPath rp;
  parse_object_path(path, rp);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  Step out;
  if (!rp.wild && walk_listed(c, i, rp, out)) return out;
  return walk_members(c, i, rp);
}

// `#.key` projection over the elements whose starts were logged.
Value project(Ctx& c, ArrayPath& rp, const std::vector<size_t>& starts) {
  std::string_view left, right;
  if (path_tokens::split_pipe(rp.alogkey, left, right)) {
    rp.alogkey = left;
    c.pipe = right;
    c.piped = true;
  }
  const std::string_view json = c.json;
  std::string out = "[";
  int k = 0;
  for (size_t idx : starts) {
    while (idx < json.size() &&
           (json[idx] == ' ' || json[idx] == '\t' || json[idx] == '\r' || json[idx] == '\n')) {
      ++idx;
    }
    if (idx >= json.size() || json[idx] == ']') continue;
    Value elem;
    if (!internal::parse_any(json, idx, elem)) continue;
    Value r = elem.get(rp.alogkey);
    if (!r.exists()) continue;
    if (k++ > 0) out.push_back(',');
    append_result(out, r);
  }
  out.push_back(']');
  return internal::owned_json(std::move(out));
}

Step walk_array(Ctx& c, size_t i, std::string_view path) {
  ArrayPath rp;
  parse_array_path(path, rp);
  int64_t partidx = -1;
  if (!rp.arrch) {
    uint64_t u;
    if (scan::parse_uint(rp.part, u)) partidx = static_cast<int64_t>(u);
  }
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  std::string multires;
  auto proc_query = [&](const Value& qval) -> bool {
    if (rp.query_all && multires.empty()) multires.push_back('[');
    Value res;
    if (qval.type() == Type::kJson) {
      res = qval.get(rp.query_path);
    } else {
      if (!rp.query_path.empty()) return false;
      res = qval;
    }
    if (!query_matches(rp, res)) return false;
    if (rp.more) {
      std::string_view left, right;
      if (path_tokens::split_pipe(rp.path, left, right)) {
        rp.path = left;
        c.pipe = right;
        c.piped = true;
      }
      res = qval.get(rp.path);
    } else {
      res = qval;
    }
    if (!rp.query_all) {
      c.value = res;
      return true;
    }
    std::string text;
    append_result(text, res);
    if (!text.empty()) {
      if (multires.size() > 1) multires.push_back(',');
      multires.append(text);
    }
    return false;
  };

  const std::string_view json = c.json;
  const size_t n = json.size();
  std::vector<size_t> starts;
  int64_t h = 0;
  while (i < n + 1) {
    bool pmatch = false, hit = false;
    if (!rp.arrch) {
      pmatch = partidx == h;
      hit = pmatch && !rp.more;
    }
    ++h;
    if (rp.alogok) starts.push_back(i);
    for (;; ++i) {
      if (i > n) break;
      if (i == n || json[i] == ']') {
        // The end of the array (the end of the text counts as one, as in gjson).
        if (rp.arrch && rp.part == "#") {
          if (rp.alogok) {
            c.value = project(c, rp, starts);
            return {i + 1, true};
          }
          c.value = Value::own_raw(std::to_string(h - 1));
          return {i + 1, true};
        }
        if (!c.value.exists()) {
          if (!multires.empty()) {
            multires.push_back(']');
            c.value = internal::owned_json(std::move(multires));
          } else if (rp.query_all) {
            c.value = internal::owned_json("[]");
          }
        }
        return {i + 1, false};
      }
      const scan::ValueKind kind = scan::value_kind(json, i);
      if (kind == scan::ValueKind::kNone) continue;
      if (kind == scan::ValueKind::kContainer && pmatch && !hit) {
        // The index matched and the path goes on: descend instead of skipping.
        Step st = json[i] == '{' ? walk_object(c, i + 1, rp.path) : walk_array(c, i + 1, rp.path);
        i = st.i;
        hit = st.hit;
        if (hit && !rp.alogok) return st;
        break;
      }
      const size_t s = i;
      bool vesc, vok;
      i = scan::value_end(json, i, kind, vesc, vok);
      if (!vok) return {i, false};
      if (rp.query_on) {
        if (proc_query(internal::value_of(kind, json.substr(s, i - s), vesc))) return {i, true};
      } else if (hit && !rp.alogok) {
        c.value = internal::value_of(kind, json.substr(s, i - s), vesc);
        return {i, true};
      }
      break;
    }
  }
  return {i, false};
}

// ---- path prefixes: modifiers, literals, multipaths ----

// `@name[:arg]rest`. On success, rest is what follows the modifier and its argument.
bool exec_modifier(std::string_view json, std::string_view path, std::string_view& rest,
                   modifiers::Output& out) {
  const path_tokens::Modifier m = path_tokens::split_modifier(path);
  rest = m.rest;
  if (!modifiers::exists(m.name)) return false;
  return modifiers::run(m.name, json, m.arg, out);
}

// `!literal[rest]`: a JSON value written in the path.
bool exec_static(std::string_view path, std::string_view& rest, std::string& out) {
  std::string_view lit;
  if (!path_tokens::static_literal(path, lit, rest)) return false;
  out.assign(lit);
  return true;
}

bool is_simple_name(std::string_view s) {
  for (char ch : s) {
    if (static_cast<unsigned char>(ch) < ' ') return false;
    switch (ch) {
      case '[':
      case ']':
      case '{':
      case '}':
      case '(':
      case ')':
      case '#':
      case '|':
      case '!':
        return false;
      default:
        break;
    }
  }
  return true;
}

Value multipath(std::string_view json, char kind,
                const std::vector<path_tokens::SubSelector>& subs) {
  std::string b(1, kind);
  int k = 0;
  for (const path_tokens::SubSelector& sub : subs) {
    Value res = get(json, sub.path);
    if (!res.exists()) continue;
    if (k++ > 0) b.push_back(',');
    if (kind == '{') {
      if (!sub.name.empty()) {
        if (sub.name[0] == '"' && valid(sub.name)) {
          b.append(sub.name);
        } else {
          append_go_string(b, sub.name);
        }
      } else {
        std::string_view last = path_tokens::last_name(sub.path);
        append_go_string(b, is_simple_name(last) ? last : std::string_view("_"));
      }
      b.push_back(':');
    }
    if (res.raw().empty()) {
      std::string s = res.to_string();
      b.append(s.empty() ? std::string("null") : s);
    } else {
      b.append(res.raw());
    }
  }
  b.push_back(static_cast<char>(kind + 2));  // '[' -> ']', '{' -> '}'
  return internal::owned_json(std::move(b));
}

// Runs the rest of a path over computed (owned) or viewed text.
Value continue_on(modifiers::Output& out, std::string_view rest) {
  bool go_on = !rest.empty() && (rest[0] == '|' || rest[0] == '.');
  if (out.is_view) return go_on ? get(out.view, rest.substr(1)) : internal::parse(out.view);
  if (go_on) return internal::owned_text(std::move(out.text)).get(rest.substr(1));
  return Value::own_raw(std::move(out.text));
}

#if SUB_JSON_AVX2
// Lanes of the 32 positions from `at`: a quote followed by a quote, or a backslash.
[[gnu::target("avx2"), gnu::always_inline]] inline __m256i empty_key_hits(const char* p,
                                                                          size_t at) {
  const __m256i quote = _mm256_set1_epi8('"');
  const __m256i here = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at));
  const __m256i next = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + at + 1));
  return _mm256_or_si256(
      _mm256_and_si256(_mm256_cmpeq_epi8(here, quote), _mm256_cmpeq_epi8(next, quote)),
      _mm256_cmpeq_epi8(here, _mm256_set1_epi8('\\')));
}

// may_match_empty_key in AVX2 (n >= 33): 64 positions per test and branch.
[[gnu::target("avx2")]] bool may_match_empty_key_avx2(const char* p, size_t n) {
  size_t i = 0;
  for (; i + 65 <= n; i += 64) {
    const __m256i h = _mm256_or_si256(empty_key_hits(p, i), empty_key_hits(p, i + 32));
    if (!_mm256_testz_si256(h, h)) return true;
  }
  // The rest in one block that may overlap the last: positions n-33 .. n-2, and then the
  // last byte on its own (a backslash; a quote there has no quote after it).
  if (i + 33 <= n) {
    const __m256i h = empty_key_hits(p, i);
    if (!_mm256_testz_si256(h, h)) return true;
    i += 32;
  }
  if (i + 1 < n) {
    const __m256i h = empty_key_hits(p, n - 33);
    if (!_mm256_testz_si256(h, h)) return true;
  }
  return p[n - 1] == '\\';
}
#endif

// Whether an empty path can match anything in `json`. It is gjson's walk with an empty key,
// which matches only an object key that reads as "": the two bytes `""`, or a key with
// escapes whose unescaping stops at once (at a control character or a bad escape). A
// document with neither `""` nor a backslash anywhere therefore gives a miss, which is
// what an unset batch key asks of every event, so it is worth a vectorised check.

bool may_match_empty_key(std::string_view json) {
  const char* p = json.data();
  const size_t n = json.size();
  size_t i = 0;
#if SUB_JSON_AVX2
  if (n >= 33 && simd::cpu_has_avx2()) return may_match_empty_key_avx2(p, n);
#endif
#if SUB_JSON_SIMD
  // 16 positions at a time: a quote whose next byte is a quote, or a backslash.
  const simd::Vec quote = simd::splat('"');
  const simd::Vec slash = simd::splat('\\');
  const auto hits = [&](size_t at) {
    const simd::Vec here = simd::load(p + at);
    const simd::Vec next = simd::load(p + at + 1);
    return simd::either(simd::both(simd::eq(here, quote), simd::eq(next, quote)),
                        simd::eq(here, slash));
  };
  // Four blocks per test and branch: a line is usually a few hundred bytes of misses.
  for (; i + 65 <= n; i += 64) {
    if (simd::any(simd::either(simd::either(hits(i), hits(i + 16)),
                               simd::either(hits(i + 32), hits(i + 48))))) {
      return true;
    }
  }
  for (; i + 17 <= n; i += 16) {
    if (simd::any(hits(i))) return true;
  }
  // The rest in one block that overlaps the last (positions n-17 .. n-2), then the last byte.
  if (n >= 17) {
    if (i + 1 < n && simd::any(hits(n - 17))) return true;
    return p[n - 1] == '\\';
  }
#endif
  for (; i < n; ++i) {
    if (p[i] == '\\' || (p[i] == '"' && i + 1 < n && p[i + 1] == '"')) return true;
  }
  return false;
}

}  // namespace

Value get(std::string_view json, std::string_view path) {
  if (path.empty() && !may_match_empty_key(json)) return Value();
  if (path.size() > 1) {
    if (path[0] == '@' || path[0] == '!') {
      std::string_view rest;
      modifiers::Output out;
      bool ok;
      if (path[0] == '@') {
        ok = exec_modifier(json, path, rest, out);
      } else {
        std::string text;
        ok = exec_static(path, rest, text);
        if (ok) out.set_text(std::move(text));
      }
      if (ok) return continue_on(out, rest);
    }
    if (path[0] == '[' || path[0] == '{') {
      char kind = path[0];
      std::vector<path_tokens::SubSelector> subs;
      std::string_view rest;
      bool ok = path_tokens::sub_selectors(path, &subs, rest);
      path = rest;
      if (ok && (path.empty() || path[0] == '|' || path[0] == '.')) {
        Value res = multipath(json, kind, subs);
        if (!path.empty()) return res.get(path.substr(1));
        return res;
      }
    }
  }
  Ctx c{json, {}, {}, false};
  if (path.size() >= 2 && path[0] == '.' && path[1] == '.') {
    walk_array(c, 0, path.substr(2));
  } else {
    for (size_t i = 0; i < json.size(); ++i) {
      if (json[i] == '{') {
        walk_object(c, i + 1, path);
        break;
      }
      if (json[i] == '[') {
        walk_array(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) return c.value.get(c.pipe);
  return c.value;
}

}  // namespace sub::json
