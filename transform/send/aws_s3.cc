// send_aws_s3: writes batches of data to new S3 objects, items back to back.
//
// Settings:
//   aws.arn                  bucket ARN (arn:aws:s3:::bucket, required)
//   aws.assume_role_arn      role assumed through STS for the calls
//   storage_class            x-amz-storage-class (required; the library's default is STANDARD)
//   checksum_algorithm       optional object checksum (Object Lock buckets)
//   file_path                {prefix, time_format, uuid, suffix}: the object key
//   use_batch_key_as_prefix  a non-empty batch key replaces file_path.prefix
//   object.batch_key, batch  batching
//   auxiliary_transforms     chain applied to each batch before it is written (framing, gzip)
// The Content-Type is detected from the object's first bytes. Large objects go up in parts.
// An empty object key fails with `file path is empty`.
#include <memory>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/aws/arn.h"
#include "services/aws/options.h"
#include "services/aws/s3.h"
#include "services/media/detect.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/common/file_path.h"
#include "transform/send/aws_batch_send.h"

namespace sub::transform {
namespace {

class SendAwsS3 final : public BatchSend {
 public:
  SendAwsS3(std::string bucket, aws::ClientOptions options, std::string storage_class,
            std::string checksum, FilePath path, bool key_as_prefix, std::string batch_key,
            const config::BatchSettings& limits, Auxiliary aux)
      : BatchSend(std::move(batch_key), limits, std::move(aux)),
        bucket_(std::move(bucket)),
        client_(std::move(options)),
        storage_class_(std::move(storage_class)),
        checksum_(std::move(checksum)),
        path_(std::move(path)),
        key_as_prefix_(key_as_prefix) {}

 private:
  void send(const std::string& key, const Batcher::Items& items,
            const Context& ctx) const override {
    const std::string object_key =
        path_.build(std::chrono::system_clock::now(), key_as_prefix_ ? std::string_view(key) : "");
    if (object_key.empty()) throw Error("file path is empty");
    std::string body;
    aux().each(items, ctx, [&](std::string_view item) { body.append(item); });
    aws::S3Client::PutOptions o;
    o.content_type = std::string(media::detect(std::string_view(body).substr(0, 512)));
    o.storage_class = storage_class_;
    o.checksum_algorithm = checksum_;
    o.deadline = ctx.deadline;
    client_.put_object(bucket_, object_key, std::move(body), o);
  }

  const std::string bucket_;
  const aws::S3Client client_;
  const std::string storage_class_;
  const std::string checksum_;
  const FilePath path_;
  const bool key_as_prefix_;
};

}  // namespace

std::shared_ptr<Transform> new_send_aws_s3(const config::Settings& s, Builder& b) {
  auto [arn, options] = read_aws_arn(s);
  std::string storage_class = s.string("storage_class");
  if (storage_class.empty()) s.missing("storage_class");
  std::string bucket;
  try {
    bucket = aws::Arn::parse(arn).resource_name();
  } catch (const Error& e) {
    s.child("aws").fail("arn", e.what());
  }
  FilePath path = FilePath::read(s);
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  config::BatchSettings limits = config::BatchSettings::read(s);
  Auxiliary aux = Auxiliary::read(s, b);
  return std::make_shared<SendAwsS3>(std::move(bucket), std::move(options),
                                     std::move(storage_class), s.string("checksum_algorithm"),
                                     std::move(path), s.boolean("use_batch_key_as_prefix"),
                                     std::move(obj.batch_key), limits, std::move(aux));
}

}  // namespace sub::transform
