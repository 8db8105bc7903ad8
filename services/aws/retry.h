// The AWS SDKs' "standard" retry mode: which failures are retried, and full-jitter
// exponential backoff between attempts.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <string_view>

namespace sub::aws {

class RetryPolicy {
 public:
  int max_attempts = 3;                          // AWS_MAX_ATTEMPTS
  std::chrono::milliseconds base{100};           // first backoff ceiling
  std::chrono::milliseconds max_backoff{20000};  // cap

  // max_attempts from AWS_MAX_ATTEMPTS (a positive integer), else 3. Throws sub::Error
  // naming the variable on a bad value.
  static RetryPolicy from_env();

  // True for throttling codes, transient codes, 5xx statuses and transport errors.
  [[nodiscard]] static bool retryable_code(std::string_view code, long status);
  [[nodiscard]] static bool retryable(const std::exception& e);

  // Full jitter: uniform in [0, min(max_backoff, base * 2^attempt)); attempt counts from 0.
  // `random` is a uniform value in [0, 1).
  std::chrono::milliseconds backoff(int attempt, double random) const;
};

}  // namespace sub::aws
