#include "core/json/skip_memo.h"

#include <limits>

#include "core/json/path.h"

namespace sub::json {
namespace {

// The innermost open scope of this thread. Only a cache is reached through it: a thread
// with no scope open skips every container the long way, with the same results.
thread_local const SkipMemo::Scope* t_scope = nullptr;

}  // namespace

SkipMemo::Scope::Scope(SkipMemo* memo, std::string_view doc)
    : outer_(t_scope), memo_(memo), doc_(doc) {
  t_scope = this;
}

SkipMemo::Scope::~Scope() { t_scope = outer_; }

SkipMemo* SkipMemo::active(std::string_view text, std::string_view& doc) {
  const Scope* s = t_scope;
  if (s == nullptr || s->memo_ == nullptr) return nullptr;
  // Compared as integers: pointers into different buffers have no order in C++.
  const auto base = reinterpret_cast<uintptr_t>(s->doc_.data());
  const auto p = reinterpret_cast<uintptr_t>(text.data());
  if (p < base || p + text.size() > base + s->doc_.size()) return nullptr;
  doc = s->doc_;
  return s->memo_;
}

size_t SkipMemo::find(size_t open) const {
  if (state_ != State::kValid) return 0;
  for (size_t k = 0; k < used_; ++k) {
    if (open_[k] == open) return end_[k];
  }
  return 0;
}

void SkipMemo::record(std::string_view doc, size_t open, size_t end) {
  if (state_ == State::kInvalid || end - open < kMinSpan) return;
  if (end > std::numeric_limits<uint32_t>::max()) return;
  if (state_ == State::kUnknown) {
    // One large skip may be the only one; the second says the document is walked again.
    if (++large_skips_ < 2) return;
    state_ = State::kInvalid;  // until the check says otherwise
    if (!valid(doc)) return;
    state_ = State::kValid;
  }
  for (size_t k = 0; k < used_; ++k) {
    if (open_[k] == open) return;
  }
  size_t slot = used_;
  if (used_ < kSlots) {
    ++used_;
  } else {
    slot = next_;
    next_ = static_cast<uint8_t>((next_ + 1) % kSlots);
  }
  open_[slot] = static_cast<uint32_t>(open);
  end_[slot] = static_cast<uint32_t>(end);
}

void SkipMemo::edited(size_t pos, size_t old_len, size_t new_len, std::string_view value,
                      bool known_valid) {
  // Nothing known yet (the check comes later), or known invalid: an edit rarely mends a
  // document, and a document that stays invalid is not checked again after every edit.
  if (state_ != State::kValid) return;
  if (!known_valid && !valid(value)) {
    clear();
    return;
  }
  shift(pos, old_len, new_len);
}

void SkipMemo::shift(size_t pos, size_t old_len, size_t new_len) {
  size_t kept = 0;
  for (size_t k = 0; k < used_; ++k) {
    size_t open = open_[k], end = end_[k];
    if (end <= pos) {
      // Closed before the edit.
    } else if (open >= pos + old_len) {
      open = open - old_len + new_len;
      end = end - old_len + new_len;
    } else if (open < pos && pos + old_len < end) {
      end = end - old_len + new_len;  // the edit is inside: the closer moves
    } else {
      continue;  // the container itself was replaced or cut
    }
    if (end > std::numeric_limits<uint32_t>::max()) continue;
    open_[kept] = static_cast<uint32_t>(open);
    end_[kept] = static_cast<uint32_t>(end);
    ++kept;
  }
  used_ = static_cast<uint8_t>(kept);
  next_ = 0;
}

}  // namespace sub::json
