// The batching send_aws_* transforms: BatchSend (transform/send/batch_send.h) with a size
// check on each item and the auxiliary chain applied before a batch is sent. Subclasses only
// send the items of a batch.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <string>
#include <utility>
#include <vector>

#include "config/batch_settings.h"
#include "core/error.h"
#include "transform/common/aws_arn.h"
#include "transform/send/batch_send.h"

namespace sub::transform {

class AwsBatchSend : public BatchSend {
 public:
  // `item_limit` 0 means no per-item check.
  AwsBatchSend(size_t item_limit, std::string batch_key, const config::BatchSettings& limits,
               Auxiliary aux)
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
    try {
      send_items(key, aux().apply(items, ctx), ctx);
    } catch (const PartialFlushError& e) {
      // The auxiliary chain's outputs do not map to the batch's items: keep them all.
      if (!aux().empty()) throw Error(e.what());
      throw;
    }
  }

  const size_t item_limit_;
};

// Sends items [0, n) in parts of at most `part` with send_part(begin, end). When a part
// fails after others were delivered, the items from its start on are reported undelivered
// (PartialFlushError), so the retry sends only those.
template <class SendPart>
void send_in_parts(size_t n, size_t part, const SendPart& send_part) {
  for (size_t start = 0; start < n; start += part) {
    const size_t end = std::min(n, start + part);
    try {
      send_part(start, end);
    } catch (const Error& e) {
      if (start == 0) throw;
      std::vector<size_t> left(n - start);
      std::iota(left.begin(), left.end(), start);
      throw PartialFlushError(e.what(), std::move(left));
    }
  }
}

}  // namespace sub::transform
