#include "core/json/member_index.h"

#include <algorithm>
#include <limits>

#include "core/json/scan.h"

namespace sub::json {
namespace {

constexpr size_t kMaxOffset = std::numeric_limits<uint32_t>::max();

size_t skip_space(std::string_view s, size_t i) {
  while (i < s.size() && scan::is_space(s[i])) ++i;
  return i;
}

// `v` moved by new_len - old_len (an edit before it, or one inside the value it ends).
// Callers check first that the result fits.
uint32_t moved(uint32_t v, size_t old_len, size_t new_len) {
  return static_cast<uint32_t>(size_t{v} + new_len - old_len);
}

// Reads the member that starts at doc[i] (its key's opening quote) into `m` and moves i
// past its value. False when the text there is not a member.
bool parse_member(std::string_view doc, size_t& i, MemberIndex::Member& m) {
  if (i >= doc.size() || doc[i] != '"') return false;
  bool esc, ok;
  const size_t key = i + 1;
  i = scan::string_end(doc, key, esc, ok);
  if (!ok || i - 1 - key > std::numeric_limits<uint16_t>::max()) return false;
  const size_t key_len = i - 1 - key;
  i = skip_space(doc, i);
  if (i >= doc.size() || doc[i] != ':') return false;
  i = skip_space(doc, i + 1);
  if (i >= doc.size()) return false;
  const scan::ValueKind kind = scan::value_kind(doc, i);
  if (kind == scan::ValueKind::kNone) return false;
  const size_t value = i;
  bool vesc;
  i = scan::value_end(doc, i, kind, vesc, ok);
  if (!ok || i > doc.size()) return false;
  m = {static_cast<uint32_t>(key), static_cast<uint32_t>(value), static_cast<uint32_t>(i),
       static_cast<uint16_t>(key_len), esc};
  return true;
}

}  // namespace

const MemberIndex::Object* MemberIndex::find(size_t body) {
  for (uint32_t k = 0; k < count_; ++k) {
    if (objects_[k].body == body) {
      objects_[k].used = ++clock_;
      return &objects_[k];
    }
  }
  return nullptr;
}

const MemberIndex::Object* MemberIndex::build(std::string_view doc, size_t body) {
  if (doc.size() > kMaxOffset) return nullptr;
  // The slot: a free one, or the one looked up least recently.
  uint32_t slot = count_;
  if (count_ == kObjects) {
    slot = 0;
    for (uint32_t k = 1; k < kObjects; ++k) {
      if (objects_[k].used < objects_[slot].used) slot = k;
    }
  }
  Object& o = objects_[slot];
  o.count = 0;
  // The document is valid JSON (the memo answers only then): members are a key, a colon and
  // a value, separated by commas, with white space between the tokens.
  size_t i = skip_space(doc, body);
  if (i < doc.size() && doc[i] != '}') {
    for (;;) {
      if (o.count == kMaxMembers || !parse_member(doc, i, o.members[o.count])) {
        drop(slot);
        return nullptr;
      }
      ++o.count;
      i = skip_space(doc, i);
      if (i < doc.size() && doc[i] == ',') {
        i = skip_space(doc, i + 1);
        continue;
      }
      break;
    }
  }
  if (i >= doc.size() || doc[i] != '}') {
    drop(slot);
    return nullptr;
  }
  o.body = static_cast<uint32_t>(body);
  o.close = static_cast<uint32_t>(i);
  o.used = ++clock_;
  if (slot == count_) ++count_;
  return &o;
}

void MemberIndex::drop(uint32_t slot) {
  if (slot >= count_) return;
  --count_;
  if (slot != count_) objects_[slot] = objects_[count_];
}

bool MemberIndex::append(Object& o, std::string_view doc, size_t pos, size_t len) const {
  if (o.count == kMaxMembers || pos + len >= doc.size() || doc[pos + len] != '}') return false;
  size_t i = skip_space(doc, pos);
  if (o.count > 0) {
    if (i >= doc.size() || doc[i] != ',') return false;
    i = skip_space(doc, i + 1);
  }
  if (!parse_member(doc, i, o.members[o.count])) return false;
  if (skip_space(doc, i) != pos + len) return false;
  ++o.count;
  o.close = static_cast<uint32_t>(pos + len);
  return true;
}

bool MemberIndex::shift_one(Object& o, size_t pos, size_t old_len, size_t new_len,
                            std::string_view doc) const {
  const size_t open = o.body - 1;
  if (pos > o.close) return true;  // after the object
  // Whatever moves, the closing brace moves furthest: offsets must stay in 32 bits.
  if (size_t{o.close} + new_len - old_len > kMaxOffset) return false;
  if (pos + old_len <= open) {  // before it: everything moves
    o.body = moved(o.body, old_len, new_len);
    o.close = moved(o.close, old_len, new_len);
    for (uint16_t k = 0; k < o.count; ++k) {
      Member& m = o.members[k];
      m.key = moved(m.key, old_len, new_len);
      m.value = moved(m.value, old_len, new_len);
      m.end = moved(m.end, old_len, new_len);
    }
    return true;
  }
  // Inside one member's value: that value ends elsewhere and the members after it move. An
  // insertion counts only strictly inside (before a closing bracket of the value). Members
  // are in document order: the only one that can hold the edit is the first that ends
  // after the edit starts.
  const Member* first = std::partition_point(o.members, o.members + o.count,
                                             [pos](const Member& m) { return m.end <= pos; });
  if (first != o.members + o.count) {
    const auto k = static_cast<uint16_t>(first - o.members);
    Member& m = o.members[k];
    const bool inside =
        old_len > 0 ? m.value <= pos && pos + old_len <= m.end : m.value < pos && pos < m.end;
    if (!inside) return false;
    m.end = moved(m.end, old_len, new_len);
    for (uint16_t a = k + 1; a < o.count; ++a) {
      Member& after = o.members[a];
      after.key = moved(after.key, old_len, new_len);
      after.value = moved(after.value, old_len, new_len);
      after.end = moved(after.end, old_len, new_len);
    }
    o.close = moved(o.close, old_len, new_len);
    return true;
  }
  // A member added before the closing brace is read from the document and listed too.
  if (old_len == 0 && pos == o.close && !doc.empty()) return append(o, doc, pos, new_len);
  return false;  // a member removed, or the object itself replaced
}

void MemberIndex::shift(size_t pos, size_t old_len, size_t new_len, std::string_view doc) {
  uint32_t kept = 0;
  for (uint32_t k = 0; k < count_; ++k) {
    Object& o = objects_[k];
    if (!shift_one(o, pos, old_len, new_len, doc)) continue;
    if (kept != k) objects_[kept] = o;
    ++kept;
  }
  count_ = kept;
}

bool MemberIndex::escaped_key_is(std::string_view doc, const Member& m, std::string_view key) {
  return scan::unescape(doc.substr(m.key, m.key_len)) == key;
}

}  // namespace sub::json
