// Where the large objects and arrays of one document end, remembered between the gets and
// sets a message goes through, so that a chain of edits does not skip the same big value
// again on every step (W3 skips its 600-byte `event` object some eighty times per message).
//
// A SkipMemo belongs to one document (Message keeps one for its data). It holds a few spans
// (opening bracket, one past the closing one) in offsets from the document's first byte. It
// is used only while a SkipMemo::Scope is open on the calling thread for exactly that
// document: scan::skip_container then answers from it and records what it computes. It also
// keeps the member lists of the objects looked up more than once (member_index.h), which
// the get and set walkers read instead of the text.
//
// A span stays right across an edit when the edit replaces one complete JSON value with
// another (or adds or removes a member): the brackets around it still match. That holds for
// valid JSON only, so the memo answers only once the document has been checked valid (it
// checks after the second large skip, so documents with no large values never pay for it),
// and an edit whose new text is not valid JSON makes it forget everything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "core/json/member_index.h"

namespace sub::json {

class SkipMemo {
 public:
  // Containers shorter than this are cheaper to skip than to look up.
  static constexpr size_t kMinSpan = 64;

  SkipMemo() = default;
  // A copy keeps the spans; its member lists are built again when needed.
  SkipMemo(const SkipMemo& o);
  SkipMemo& operator=(const SkipMemo& o);
  // A moved-from document is empty, and so is the moved-from memo (it holds nothing).
  SkipMemo(SkipMemo&& o) noexcept = default;
  SkipMemo& operator=(SkipMemo&& o) noexcept = default;
  ~SkipMemo() = default;

  // The document was replaced: forget every span and whether it was valid.
  void clear();

  // The document's bytes [pos, pos + old_len) became new_len bytes: one complete value for
  // another, or a member added whose value is `value`. Spans after the edit move, spans
  // around it stretch, spans that overlap it are dropped. A value that is not valid JSON
  // makes the memo forget everything; `known_valid` spares the check. `doc`, the document
  // after the edit, lets a member added to a listed object join its list.
  void edited(size_t pos, size_t old_len, size_t new_len, std::string_view value, bool known_valid,
              std::string_view doc = {});

  // The member or element [pos, pos + old_len) was removed (with its comma).
  void removed(size_t pos, size_t old_len) {
    if (answers()) shift(pos, old_len, 0);
  }

  // One past the closing bracket of the container whose opening bracket is at `open`, or 0.
  size_t find(size_t open) const;
  // Records a container skipped at `open` whose end is `end`. The first large skips only
  // count: at the second one the document (`doc`) is checked valid, or the memo stays off.
  void record(std::string_view doc, size_t open, size_t end);
  bool answers() const { return m_ != nullptr && m_->state == State::kValid; }

  // The members of the object of `doc` whose members start at `body` (just past its
  // brace), listed at the second lookup in that object; null at the first, for an object
  // that cannot be listed, and whenever the memo does not answer. The list stays valid
  // until the next call on this memo.
  const MemberIndex::Object* members(std::string_view doc, size_t body);

  // Makes `memo` the one scan::skip_container uses for `doc` on this thread until the scope
  // closes. Scopes nest (the inner one wins); a null memo opens a scope that uses none.
  class Scope {
   public:
    Scope(SkipMemo* memo, std::string_view doc);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    const Scope* outer_;
    friend class SkipMemo;
    SkipMemo* memo_;
    std::string_view doc_;
  };

  // The memo open on this thread for the document `text` views into (set in `doc`); null
  // when there is none.
  static SkipMemo* active(std::string_view text, std::string_view& doc);

 private:
  static constexpr size_t kSlots = 8;
  enum class State : uint8_t { kUnknown, kValid, kInvalid };

  void shift(size_t pos, size_t old_len, size_t new_len, std::string_view doc = {});

  static constexpr uint32_t kUnlistable = 0x80000000U;
  static constexpr size_t kSeen = 8;

  // What the memo knows, allocated at the first large skip: a document with no large
  // value (most single events) costs a message one null pointer, and moving it copies that.
  struct Spans {
    // Objects looked up once (their body offsets), waiting for a second lookup to be
    // listed; kUnlistable marks one that could not be.
    uint32_t seen[kSeen] = {};
    uint32_t open[kSlots] = {};
    uint32_t end[kSlots] = {};
    uint8_t used = 0;
    uint8_t next = 0;
    uint8_t large_skips = 0;
    uint8_t seen_used = 0;
    uint8_t seen_next = 0;
    State state = State::kUnknown;
  };
  struct Memory : Spans {
    std::unique_ptr<MemberIndex> index;  // allocated at the first object listed
  };

  std::unique_ptr<Memory> m_;
};

}  // namespace sub::json
