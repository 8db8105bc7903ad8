// ObjectFetcher over S3 GetObject (default credentials and region; AWS_ENDPOINT_URL_S3 /
// AWS_ENDPOINT_URL honoured). The client is made on first use and then reused.
#pragma once

#include <memory>
#include <mutex>

#include "apps/lambda/object_fetcher.h"
#include "services/aws/s3.h"

namespace sub::lambda {

class S3ObjectFetcher : public ObjectFetcher {
 public:
  std::string get(std::string_view bucket, std::string_view key) override;

 private:
  std::mutex mu_;
  std::unique_ptr<aws::S3Client> client_;
};

}  // namespace sub::lambda
