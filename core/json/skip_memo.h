// Where the large objects and arrays of one document end, remembered between the gets and
// sets a message goes through, so that a chain of edits does not skip the same big value
// again on every step (W3 skips its 600-byte `event` object some eighty times per message).
//
// A SkipMemo belongs to one document (Message keeps one for its data). It holds a few spans
// (opening bracket, one past the closing one) in offsets from the document's first byte. It
// is used only while a SkipMemo::Scope is open on the calling thread for exactly that
// document: scan::skip_container then answers from it and records what it computes.
//
// A span stays right across an edit when the edit replaces one complete JSON value with
// another (or adds or removes a member): the brackets around it still match. That holds for
// valid JSON only, so the memo answers only once the document has been checked valid (it
// checks after the second large skip, so documents with no large values never pay for it),
// and an edit whose new text is not valid JSON makes it forget everything.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sub::json {

class SkipMemo {
 public:
  // Containers shorter than this are cheaper to skip than to look up.
  static constexpr size_t kMinSpan = 64;

  SkipMemo() = default;
  SkipMemo(const SkipMemo&) = default;
  SkipMemo& operator=(const SkipMemo&) = default;
  // A moved-from document is empty: its memo must not keep spans.
  SkipMemo(SkipMemo&& o) noexcept : SkipMemo(o) { o.clear(); }
  SkipMemo& operator=(SkipMemo&& o) noexcept {
    *this = o;
    o.clear();
    return *this;
  }
  ~SkipMemo() = default;

  // The document was replaced: forget every span and whether it was valid.
  void clear() {
    used_ = next_ = large_skips_ = 0;
    state_ = State::kUnknown;
  }

  // The document's bytes [pos, pos + old_len) became new_len bytes: one complete value for
  // another, or a member added whose value is `value`. Spans after the edit move, spans
  // around it stretch, spans that overlap it are dropped. A value that is not valid JSON
  // makes the memo forget everything; `known_valid` spares the check.
  void edited(size_t pos, size_t old_len, size_t new_len, std::string_view value, bool known_valid);

  // The member or element [pos, pos + old_len) was removed (with its comma).
  void removed(size_t pos, size_t old_len) { shift(pos, old_len, 0); }

  // One past the closing bracket of the container whose opening bracket is at `open`, or 0.
  size_t find(size_t open) const;
  // Records a container skipped at `open` whose end is `end`. The first large skips only
  // count: at the second one the document (`doc`) is checked valid, or the memo stays off.
  void record(std::string_view doc, size_t open, size_t end);
  bool answers() const { return state_ == State::kValid; }

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

  void shift(size_t pos, size_t old_len, size_t new_len);

  uint32_t open_[kSlots] = {};
  uint32_t end_[kSlots] = {};
  uint8_t used_ = 0;
  uint8_t next_ = 0;
  uint8_t large_skips_ = 0;
  State state_ = State::kUnknown;
};

}  // namespace sub::json
