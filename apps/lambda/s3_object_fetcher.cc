#include "apps/lambda/s3_object_fetcher.h"

#include "core/error.h"
#include "services/aws/options.h"

namespace sub::lambda {

std::string S3ObjectFetcher::get(std::string_view bucket, std::string_view key) {
  const aws::S3Client* client = nullptr;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!client_) client_ = std::make_unique<aws::S3Client>(aws::make_client_options());
    client = client_.get();
  }
  try {
    return client->get_object(bucket, key);
  } catch (const Error& e) {
    throw Error("s3://" + std::string(bucket) + "/" + std::string(key) + ": " + e.what());
  }
}

}  // namespace sub::lambda
