// The shape every send_* transform shares: batching per `object.batch_key`, flushing a batch
// when it is full and every batch at a control message, and messages passed through
// unchanged. A batch stays buffered until its send returned (transform/common/batch.h): a
// failed send is retried by the next control message or meta_retry. Subclasses send one
// batch; the auxiliary chain is theirs to apply (each() without copies, or apply()).
//
// One mutex guards the batches and is held while a batch is sent, as in the reference: the
// error of a failed send belongs to the message that filled the batch (meta_retry re-runs
// that message), which a send outside the lock could not keep.
#pragma once

#include <mutex>
#include <string>
#include <vector>

#include "config/batch_settings.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/transform.h"

namespace sub {

class BatchSend : public Transform {
 public:
  BatchSend(std::string batch_key, const BatchSettings& limits, Auxiliary aux)
      : batch_key_(std::move(batch_key)), aux_(std::move(aux)), batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const final {
    std::lock_guard<std::mutex> lock(mu_);
    const Batcher::Flush flush = [&](const std::string& k, const Batcher::Items& items) {
      send(k, items, ctx);
    };
    if (msg.is_control()) {
      batch_.flush_all(flush);
      flushed();
      out.push_back(std::move(msg));
      return;
    }
    check(msg.data());
    batch_.add(msg.get(batch_key_).to_string(), std::string(msg.data()), flush);
    out.push_back(std::move(msg));
  }

 protected:
  // Validates one item before it is buffered (throws to reject it).
  virtual void check(std::string_view /*data*/) const {}
  // Sends the items of one batch; throws on failure (the batch then stays buffered).
  virtual void send(const std::string& key, const Batcher::Items& items,
                    const Context& ctx) const = 0;
  // After a control message sent every batch (e.g. flush an output stream).
  virtual void flushed() const {}

  const Auxiliary& aux() const { return aux_; }

 private:
  const std::string batch_key_;
  const Auxiliary aux_;
  mutable std::mutex mu_;
  mutable Batcher batch_;
};

}  // namespace sub
