// The shape every batching send_aws_* transform shares: a size check on each item, batching
// per `object.batch_key` (reference §1.8), flushing on a full batch and on control messages,
// the auxiliary chain, and messages passed through unchanged. Subclasses only send a batch.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "config/batch_settings.h"
#include "core/error.h"
#include "services/aws/options.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/transform.h"

namespace sub {

class AwsBatchSend : public Transform {
 public:
  // `item_limit` 0 means no per-item check.
  AwsBatchSend(size_t item_limit, std::string batch_key, const BatchSettings& limits, Auxiliary aux)
      : item_limit_(item_limit),
        batch_key_(std::move(batch_key)),
        aux_(std::move(aux)),
        batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      batch_.flush_all([&](const std::string& k, const Batcher::Items& items) {
        send(k, aux_.apply(items, ctx), ctx);
      });
      out.push_back(std::move(msg));
      return;
    }
    if (item_limit_ > 0 && msg.data().size() > item_limit_) {
      throw Error("data exceeded size limit (" + std::to_string(msg.data().size()) + " > " +
                  std::to_string(item_limit_) + " bytes)");
    }
    check(msg.data());
    const std::string key = msg.get(batch_key_).to_string();
    batch_.add(key, std::string(msg.data()),
               [&](const std::string& k, const Batcher::Items& items) {
                 send(k, aux_.apply(items, ctx), ctx);
               });
    out.push_back(std::move(msg));
  }

 protected:
  // Validates one item before it is buffered (throws to reject it).
  virtual void check(const std::string& /*data*/) const {}
  // Sends the items of one batch (after the auxiliary chain); throws on failure.
  virtual void send(const std::string& key, std::vector<std::string> items, const Context& ctx) = 0;

 private:
  const size_t item_limit_;
  const std::string batch_key_;
  const Auxiliary aux_;
  std::mutex mu_;
  Batcher batch_;
};

// Reads the required `aws.arn` and builds client options for its region and
// `aws.assume_role_arn`; bad values fail naming the setting.
inline std::pair<std::string, aws::ClientOptions> read_aws_arn(const config::Settings& s,
                                                               bool required = true) {
  const config::Settings aws = s.child("aws");
  std::string arn = aws.string("arn");
  if (arn.empty() && required) aws.missing("arn");
  aws::ClientOptions options;
  try {
    options = aws::client_options_for_arn(arn, aws.string("assume_role_arn"));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  return {std::move(arn), std::move(options)};
}

}  // namespace sub
