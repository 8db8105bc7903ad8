// The bootstrap's environment settings. Defaults reproduce the reference.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace sub::lambda {

struct Settings {
  std::string handler;  // SUBSTATION_LAMBDA_HANDLER
  bool handler_set = false;
  std::string config;  // SUBSTATION_CONFIG
  bool config_set = false;
  bool debug = false;  // SUBSTATION_DEBUG (set to anything)
  // SUBSTATION_PARTIAL_BATCH_RESPONSE=true: SQS/Kinesis/DynamoDB answer
  // {"batchItemFailures":[...]} and Firehose marks failed records ProcessingFailed instead
  // of failing the invocation.
  bool partial_batch_response = false;
  // SUBSTATION_CONFIG_REFRESH_SECONDS (default 45, like AppConfig's poll interval): the
  // least time between two fetches of a remote (http/s3) config.
  std::chrono::seconds config_refresh{45};
  // Longest line of an S3 object: AWS_LAMBDA_FUNCTION_MEMORY_SIZE MiB × 0.8 × 1e6, else
  // 128,000,000 bytes.
  size_t max_line = 128'000'000;

  // Reads the process environment. Throws sub::Error on a malformed value.
  static Settings from_env();
};

}  // namespace sub::lambda
