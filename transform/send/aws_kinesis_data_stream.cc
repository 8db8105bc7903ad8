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

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/kinesis.h"
#include "services/aws/kpl.h"
#include "services/aws/options.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/common/file_path.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

constexpr size_t kKinesisRecordLimit = 1000 * 1000;

class SendAwsKinesisDataStream final : public BatchSend {
 public:
  SendAwsKinesisDataStream(std::string arn, aws::ClientOptions options, bool key_as_pk,
                           bool aggregate, std::string batch_key,
                           const config::BatchSettings& limits, Auxiliary aux)
      : BatchSend(std::move(batch_key), limits, std::move(aux)),
        arn_(std::move(arn)),
        client_(std::move(options)),
        key_as_pk_(key_as_pk),
        aggregate_(aggregate) {}

 private:
  void check(std::string_view data) const override {
    if (data.size() > kKinesisRecordLimit) throw Error("data exceeded size limit");
  }

  void send(const std::string& key, const Batcher::Items& items,
            const Context& ctx) const override {
    std::vector<std::string> data = aux().apply(items, ctx);
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
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_kinesis_data_stream(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  config::BatchSettings limits = config::BatchSettings::read(s, 500, 5 * 1000 * 1000);
  Auxiliary aux = Auxiliary::read(s, b);
  return std::make_shared<SendAwsKinesisDataStream>(
      std::move(arn), std::move(options), s.boolean("use_batch_key_as_partition_key"),
      s.boolean("enable_record_aggregation"), std::move(obj.batch_key), limits, std::move(aux));
}

}  // namespace sub::transform
