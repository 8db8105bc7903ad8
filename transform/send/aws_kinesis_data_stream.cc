// send_aws_kinesis_data_stream: batches data and puts it into a Kinesis Data Stream.
//
// Settings:
//   aws.arn                         stream ARN (required); its region picks the endpoint
//   aws.assume_role_arn             role assumed through STS for the calls
//   use_batch_key_as_partition_key  the batch key is the partition key (default: a new UUID
//                                   per batch)
//   enable_record_aggregation       KPL-aggregate each batch into records of at most 1 MiB
//   object.batch_key, batch         batching (count <= 500, size <= 5,000,000)
//   auxiliary_transforms            chain applied to each batch before it is sent
// Items over 1,000,000 bytes fail with `data exceeded size limit`. PutRecords failures of
// single records are re-sent (only those), with backoff, a bounded number of times.
#include <memory>
#include <mutex>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/kinesis.h"
#include "services/aws/kpl.h"
#include "services/aws/options.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/common/file_path.h"

namespace sub {
namespace {

constexpr size_t kKinesisRecordLimit = 1000 * 1000;

class SendAwsKinesisDataStream final : public Transform {
 public:
  SendAwsKinesisDataStream(std::string arn, aws::ClientOptions options, bool key_as_pk,
                           bool aggregate, std::string batch_key, const BatchSettings& limits,
                           Auxiliary aux)
      : arn_(std::move(arn)),
        client_(std::move(options)),
        key_as_pk_(key_as_pk),
        aggregate_(aggregate),
        batch_key_(std::move(batch_key)),
        aux_(std::move(aux)),
        batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      batch_.flush_all(
          [&](const std::string& k, const Batcher::Items& items) { send(k, items, ctx); });
      out.push_back(std::move(msg));
      return;
    }
    if (msg.data().size() > kKinesisRecordLimit) throw Error("data exceeded size limit");
    const std::string key = msg.get(batch_key_).to_string();
    batch_.add(key, std::string(msg.data()),
               [&](const std::string& k, const Batcher::Items& items) { send(k, items, ctx); });
    out.push_back(std::move(msg));
  }

 private:
  void send(const std::string& key, const Batcher::Items& items, const Context& ctx) {
    std::vector<std::string> data = aux_.apply(items, ctx);
    const std::string pk = key_as_pk_ ? key : new_uuid_v4();
    std::vector<aws::KinesisClient::Entry> entries;
    if (aggregate_) {
      aws::KplAggregator agg;
      for (const std::string& d : data) {
        if (agg.add(d, pk)) continue;
        if (agg.count() > 0) entries.push_back({agg.get(), pk, ""});
        agg.reset();
        // The reference silently drops a record that does not fit an empty aggregate; we fail
        // the batch before anything is sent, so no record is lost unnoticed.
        if (!agg.add(d, pk)) {
          throw Error("record of " + std::to_string(d.size()) +
                      " bytes does not fit a KPL aggregated record");
        }
      }
      if (agg.count() > 0) entries.push_back({agg.get(), pk, ""});
    } else {
      entries.reserve(data.size());
      for (std::string& d : data) entries.push_back({std::move(d), pk, ""});
    }
    if (entries.empty()) return;
    // PutRecords takes at most 500 records and 5 MiB; aggregation can only shrink a batch.
    client_.put_records(arn_, entries, 8, ctx.deadline);
  }

  const std::string arn_;
  const aws::KinesisClient client_;
  const bool key_as_pk_;
  const bool aggregate_;
  const std::string batch_key_;
  const Auxiliary aux_;
  std::mutex mu_;
  Batcher batch_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_kinesis_data_stream(const config::Settings& s, Builder& b) {
  config::Settings aws = s.child("aws");
  std::string arn = aws.string("arn");
  if (arn.empty()) aws.missing("arn");
  ObjectSettings obj = ObjectSettings::read(s);
  BatchSettings limits = BatchSettings::read(s, 500, 5 * 1000 * 1000);
  Auxiliary aux = Auxiliary::read(s, b);
  aws::ClientOptions options;
  try {
    options = aws::client_options_for_arn(arn, aws.string("assume_role_arn"));
  } catch (const Error& e) {
    aws.fail("arn", e.what());
  }
  return std::make_shared<SendAwsKinesisDataStream>(
      std::move(arn), std::move(options), s.boolean("use_batch_key_as_partition_key"),
      s.boolean("enable_record_aggregation"), std::move(obj.batch_key), limits, std::move(aux));
}

}  // namespace sub
