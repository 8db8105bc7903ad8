// Amazon S3 objects: PutObject (multipart above a threshold), GetObject. Virtual-hosted
// addressing on AWS; path-style when the endpoint is overridden (AWS_ENDPOINT_URL*).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "services/aws/client.h"

namespace sub::aws {

class S3Client {
 public:
  explicit S3Client(ClientOptions options) : client_(kS3, std::move(options)) {}

  struct PutOptions {
    std::string content_type;
    std::string storage_class;       // x-amz-storage-class
    std::string checksum_algorithm;  // x-amz-sdk-checksum-algorithm (CRC32, SHA256, ...)
    size_t multipart_threshold = 16 * 1024 * 1024;
    size_t part_size = 8 * 1024 * 1024;  // >= 5 MiB on AWS
    Client::Clock::time_point deadline = Client::Clock::time_point::max();
  };

  void put_object(std::string_view bucket, std::string_view key, std::string body,
                  const PutOptions& options) const;
  std::string get_object(std::string_view bucket, std::string_view key) const;

  const Client& client() const { return client_; }

 private:
  Request object_request(std::string_view method, std::string_view bucket, std::string_view key,
                         Client::Call& call) const;
  void put_multipart(std::string_view bucket, std::string_view key, const std::string& body,
                     const PutOptions& options) const;

  Client client_;
};

}  // namespace sub::aws
