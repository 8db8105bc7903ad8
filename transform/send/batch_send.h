// The shape every send_* transform shares: batching per `object.batch_key`, sending a batch
// when it is full and every batch at a control message, and messages passed through
// unchanged. Subclasses send one batch; the auxiliary chain is theirs to apply (each()
// without copies, or apply()).
//
// Two locks. The batches are guarded by one that is held only to add an item or to close a
// batch, never across a send, so threads that only buffer do not wait for the network. Closed
// batches wait in a queue and are sent in order by one thread at a time (the send lock), so
// a sink sees batches in the order they closed and subclasses need no lock of their own.
//
// A batch leaves the queue only after its send returned. A failed send leaves it at the
// front (after a PartialFlushError, with only its undelivered items) and the error goes to
// the message whose add or control message was sending: that message fails and its own item
// is not buffered, so meta_retry runs it again, and every later add sends the failed batch
// first. A control message passes on only when the queue is empty: it is how a run (and a
// Lambda invocation) knows that everything was delivered.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "config/batch_settings.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/send/partial_flush_error.h"
#include "transform/transform.h"

namespace sub::transform {

class BatchSend : public Transform {
 public:
  BatchSend(std::string batch_key, const config::BatchSettings& limits, Auxiliary aux)
      : batch_key_(std::move(batch_key)), aux_(std::move(aux)), batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const final;

 protected:
  // Validates one item before it is buffered (throws to reject it).
  virtual void check(std::string_view /*data*/) const {}
  // Sends the items of one batch; throws on failure (the batch then stays queued). Called by
  // one thread at a time.
  virtual void send(const std::string& key, const Batcher::Items& items,
                    const Context& ctx) const = 0;
  // After a control message sent every batch (e.g. flush an output stream); under the send
  // lock.
  virtual void flushed() const {}

  const Auxiliary& aux() const { return aux_; }

 private:
  struct Closed {
    std::string key;
    Batcher::Items items;
  };
  // Adds the message's data to its batch, sending closed batches first when it must.
  void add(const Message& msg, const Context& ctx) const;
  // Sends the queue's batches in order until it is empty; throws the first failure.
  void send_queued(const Context& ctx, bool control) const;

  const std::string batch_key_;
  const Auxiliary aux_;
  mutable std::mutex mu_;       // batch_, queue_, failed_
  mutable std::mutex send_mu_;  // one sender at a time
  mutable Batcher batch_;
  // Closed batches, oldest first. Only the thread holding send_mu_ removes or edits the
  // front; others only push_back, which keeps references to the front valid.
  mutable std::deque<Closed> queue_;
  mutable bool failed_ = false;  // the front of queue_ failed its last send
};

}  // namespace sub::transform
