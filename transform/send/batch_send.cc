#include "transform/send/batch_send.h"

#include <utility>

#include "core/error.h"

namespace sub::transform {

void BatchSend::transform(Message msg, std::vector<Message>& out, const Context& ctx) const {
  if (msg.is_control()) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      for (auto& [key, items] : batch_.take_all()) queue_.push_back({key, std::move(items)});
    }
    send_queued(ctx, true);
  } else {
    add(msg, ctx);
  }
  out.push_back(std::move(msg));
}

void BatchSend::add(const Message& msg, const Context& ctx) const {
  check(msg.data());
  // An unset batch key is still looked up: the empty path names a member "" (as in v2.8),
  // so lines that have one form a batch of their own.
  const std::string key = msg.get(batch_key_).to_string();
  const std::string_view item = msg.data();
  // Each turn adds the item, fails, or sends what is queued; a failed send throws, so the
  // loop ends unless other threads keep filling the same batch, which is progress too.
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!failed_) {
        switch (batch_.try_add(key, item)) {
          case Batcher::Added::kAdded:
            return;
          case Batcher::Added::kTooBig:
            throw Error(std::string(kBatchNoMoreData));
          case Batcher::Added::kFull:
            queue_.push_back({key, batch_.close(key)});
            break;
        }
      }
    }
    send_queued(ctx, false);
  }
}

void BatchSend::send_queued(const Context& ctx, bool control) const {
  std::lock_guard<std::mutex> sending(send_mu_);
  for (;;) {
    Closed* front = nullptr;
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (queue_.empty()) break;
      front = &queue_.front();
    }
    try {
      send(front->key, front->items, ctx);
    } catch (const PartialFlushError& e) {
      std::lock_guard<std::mutex> lock(mu_);
      Batcher::Items kept;
      for (size_t i : e.undelivered()) {
        if (i < front->items.size()) kept.push_back(front->items[i]);
      }
      front->items = std::move(kept);
      if (front->items.empty()) {
        queue_.pop_front();  // nothing was left after all
      } else {
        failed_ = true;
      }
      throw;
    } catch (...) {
      std::lock_guard<std::mutex> lock(mu_);
      failed_ = true;
      throw;
    }
    std::lock_guard<std::mutex> lock(mu_);
    queue_.pop_front();
    failed_ = false;
  }
  if (control) flushed();
}

}  // namespace sub::transform
