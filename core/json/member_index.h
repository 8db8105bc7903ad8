// The members of a few objects of one valid document, each listed by one walk, so that
// looking up another key of an object already walked compares keys instead of scanning the
// text again. W3 reads 17 keys of `event.original` one after another and adds members to
// `client`, `server` and `network` five at a time; without the list every one of those
// lookups walks the object from its first member.
//
// A MemberIndex belongs to a SkipMemo (skip_memo.h), which decides when an object is worth
// listing and keeps the lists right across edits: offsets are from the document's first
// byte, and an edit moves, stretches or drops a list the way it does a skipped span.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/json/scan.h"

namespace sub::json {

class MemberIndex {
 public:
  // Objects with more members than this are walked the long way.
  static constexpr size_t kMaxMembers = 40;
  static constexpr size_t kObjects = 8;

  struct Member {
    uint32_t key;    // first byte of the key's text, just past its opening quote
    uint32_t value;  // first byte of the value
    uint32_t end;    // one past the value's last byte
    uint16_t key_len;
    bool key_escaped;  // the key has a backslash: compare it unescaped
  };

  struct Object {
    uint32_t body;   // just past the opening brace
    uint32_t close;  // the closing brace
    uint32_t used;   // when it was last looked up (the least recent is replaced)
    uint16_t count;
    Member members[kMaxMembers];
  };

  // The listed object whose members start at `body`, or null.
  const Object* find(size_t body);
  // Lists the object of the valid document `doc` whose members start at `body`; null when
  // it cannot (more than kMaxMembers members, a key over 64 KiB, offsets past 4 GiB).
  const Object* build(std::string_view doc, size_t body);

  // The document's bytes [pos, pos + old_len) became new_len bytes, one complete value for
  // another or a member added or removed (SkipMemo::edited). Lists before the edit stay,
  // lists after it move, and a list whose member's value holds the edit stretches that
  // value. A member added before an object's closing brace is listed when `doc` (the
  // document after the edit) is given. Every other list that the edit touches (a member
  // removed, the object replaced) is dropped.
  void shift(size_t pos, size_t old_len, size_t new_len, std::string_view doc = {});
  void clear() { count_ = 0; }

  // Whether the key of `m` (in `doc`) is `key`, as the walkers compare keys.
  static bool key_is(std::string_view doc, const Member& m, std::string_view key) {
    if (m.key_escaped) return escaped_key_is(doc, m, key);
    return m.key_len == key.size() &&
           scan::same_key(std::string_view(doc.data() + m.key, m.key_len), key);
  }

 private:
  bool shift_one(Object& o, size_t pos, size_t old_len, size_t new_len, std::string_view doc) const;
  bool append(Object& o, std::string_view doc, size_t pos, size_t len) const;
  void drop(uint32_t slot);
  static bool escaped_key_is(std::string_view doc, const Member& m, std::string_view key);

  Object objects_[kObjects];
  uint32_t count_ = 0;
  uint32_t clock_ = 0;
};

}  // namespace sub::json
