#include "core/json/skip_memo.h"

#include <limits>

#include "core/json/path.h"

namespace sub::json {
namespace {

// The innermost open scope of this thread. Only a cache is reached through it: a thread
// with no scope open skips every container the long way, with the same results.
thread_local const SkipMemo::Scope* t_scope = nullptr;

// The entry a ring of `capacity` entries fills next: a free one while there is one, then
// the oldest (`next` moves on round the ring).
size_t ring_slot(uint8_t& used, uint8_t& next, size_t capacity) {
  if (used < capacity) return used++;
  const size_t slot = next;
  next = static_cast<uint8_t>((next + 1) % capacity);
  return slot;
}

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

SkipMemo::SkipMemo(const SkipMemo& o) { *this = o; }

SkipMemo& SkipMemo::operator=(const SkipMemo& o) {
  if (this == &o) return *this;
  if (o.m_ == nullptr) {
    clear();
    return *this;
  }
  if (m_ == nullptr) m_ = std::make_unique<Memory>();
  static_cast<Spans&>(*m_) = *o.m_;
  if (m_->index) m_->index->clear();
  return *this;
}

void SkipMemo::clear() {
  if (m_ == nullptr) return;
  static_cast<Spans&>(*m_) = Spans{};
  if (m_->index) m_->index->clear();
}

size_t SkipMemo::find(size_t open) const {
  if (!answers()) return 0;
  for (size_t k = 0; k < m_->used; ++k) {
    if (m_->open[k] == open) return m_->end[k];
  }
  return 0;
}

void SkipMemo::record(std::string_view doc, size_t open, size_t end) {
  if (end - open < kMinSpan || end > std::numeric_limits<uint32_t>::max()) return;
  if (m_ == nullptr) m_ = std::make_unique<Memory>();
  if (m_->state == State::kInvalid) return;
  if (m_->state == State::kUnknown) {
    // One large skip may be the only one; the second says the document is walked again.
    if (++m_->large_skips < 2) return;
    m_->state = State::kInvalid;  // until the check says otherwise
    if (!valid(doc)) return;
    m_->state = State::kValid;
  }
  for (size_t k = 0; k < m_->used; ++k) {
    if (m_->open[k] == open) return;
  }
  const size_t slot = ring_slot(m_->used, m_->next, kSlots);
  m_->open[slot] = static_cast<uint32_t>(open);
  m_->end[slot] = static_cast<uint32_t>(end);
}

void SkipMemo::edited(size_t pos, size_t old_len, size_t new_len, std::string_view value,
                      bool known_valid, std::string_view doc) {
  // Nothing known yet (the check comes later), or known invalid: an edit rarely mends a
  // document, and a document that stays invalid is not checked again after every edit.
  if (!answers()) return;
  if (!known_valid && !valid(value)) {
    clear();
    return;
  }
  shift(pos, old_len, new_len, doc);
}

const MemberIndex::Object* SkipMemo::members(std::string_view doc, size_t body) {
  if (!answers() || body >= kUnlistable) return nullptr;
  std::unique_ptr<MemberIndex>& index = m_->index;
  if (index) {
    if (const MemberIndex::Object* o = index->find(body)) return o;
  }
  const auto b = static_cast<uint32_t>(body);
  for (size_t k = 0; k < m_->seen_used; ++k) {
    if ((m_->seen[k] & ~kUnlistable) != b) continue;
    if ((m_->seen[k] & kUnlistable) != 0) return nullptr;
    // The second lookup in this object: list it. Left uninitialised: build fills what it uses.
    if (!index) index.reset(new MemberIndex);  // NOLINT(cppcoreguidelines-owning-memory)
    const MemberIndex::Object* o = index->build(doc, body);
    if (o == nullptr) m_->seen[k] |= kUnlistable;
    return o;
  }
  m_->seen[ring_slot(m_->seen_used, m_->seen_next, kSeen)] = b;
  return nullptr;
}

void SkipMemo::shift(size_t pos, size_t old_len, size_t new_len, std::string_view doc) {
  if (m_->index) m_->index->shift(pos, old_len, new_len, doc);
  // An object looked up once stays the same object unless the edit covers its brace.
  size_t seen = 0;
  for (size_t k = 0; k < m_->seen_used; ++k) {
    const uint32_t flag = m_->seen[k] & kUnlistable;
    size_t body = m_->seen[k] & ~kUnlistable;
    if (pos + old_len < body) {
      body = body - old_len + new_len;
    } else if (pos < body) {
      continue;
    }
    if (body >= kUnlistable) continue;
    m_->seen[seen++] = static_cast<uint32_t>(body) | flag;
  }
  m_->seen_used = static_cast<uint8_t>(seen);
  m_->seen_next = 0;
  size_t kept = 0;
  for (size_t k = 0; k < m_->used; ++k) {
    size_t open = m_->open[k], end = m_->end[k];
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
    m_->open[kept] = static_cast<uint32_t>(open);
    m_->end[kept] = static_cast<uint32_t>(end);
    ++kept;
  }
  m_->used = static_cast<uint8_t>(kept);
  m_->next = 0;
}

}  // namespace sub::json
