// The batching send_aws_* transforms: BatchSend (transform/send/batch_send.h) with a size
// check on each item and the auxiliary chain applied before a batch is sent. Subclasses only
// send the items of a batch.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "config/batch_settings.h"
#include "core/error.h"
#include "transform/common/aws_arn.h"
#include "transform/send/batch_send.h"

namespace sub {

class AwsBatchSend : public BatchSend {
 public:
  // `item_limit` 0 means no per-item check.
  AwsBatchSend(size_t item_limit, std::string batch_key, const BatchSettings& limits, Auxiliary aux)
      : BatchSend(std::move(batch_key), limits, std::move(aux)), item_limit_(item_limit) {}

 protected:
  // Validates one item (after the size limit) before it is buffered (throws to reject it).
  virtual void check_item(std::string_view /*data*/) const {}
  // Sends the items of one batch after the auxiliary chain; throws on failure.
  virtual void send_items(const std::string& key, std::vector<std::string> items,
                          const Context& ctx) const = 0;

 private:
  void check(std::string_view data) const final {
    if (item_limit_ > 0 && data.size() > item_limit_) {
      throw Error("data exceeded size limit (" + std::to_string(data.size()) + " > " +
                  std::to_string(item_limit_) + " bytes)");
    }
    check_item(data);
  }
  void send(const std::string& key, const Batcher::Items& items, const Context& ctx) const final {
    send_items(key, aux().apply(items, ctx), ctx);
  }

  const size_t item_limit_;
};

}  // namespace sub
