// Creating the S3 buckets that the moto-backed tests read and write.
#pragma once

#include <string>

#include "services/aws/s3.h"

namespace sub::itest {

// Creates `bucket`; one left by an earlier test of the same moto server is reused.
inline void create_bucket(const aws::S3Client& s3, const std::string& bucket) {
  aws::Request req;
  req.method = "PUT";
  req.path = "/" + bucket;
  aws::Client::Call call;
  call.operation = "CreateBucket";
  call.s3 = true;
  try {
    s3.client().send(req, call);
  } catch (const std::exception& e) {
    if (std::string(e.what()).find("BucketAlreadyOwnedByYou") == std::string::npos) throw;
  }
}

}  // namespace sub::itest
