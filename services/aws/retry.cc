#include "services/aws/retry.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>
#include <string>

#include "core/error.h"
#include "services/aws/error.h"

namespace sub::aws {

RetryPolicy RetryPolicy::from_env() {
  RetryPolicy p;
  const char* v = std::getenv("AWS_MAX_ATTEMPTS");
  if (v != nullptr && *v != '\0') {
    std::string_view s(v);
    int n = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
    if (ec != std::errc() || ptr != s.data() + s.size() || n < 1) {
      throw Error("AWS_MAX_ATTEMPTS: invalid value \"" + std::string(s) +
                  "\": must be a positive integer");
    }
    p.max_attempts = n;
  }
  return p;
}

bool RetryPolicy::retryable_code(std::string_view code, long status) {
  static constexpr std::array<std::string_view, 19> kCodes = {
      "Throttling",
      "ThrottlingException",
      "ThrottledException",
      "RequestThrottledException",
      "TooManyRequestsException",
      "ProvisionedThroughputExceededException",
      "TransactionInProgressException",
      "RequestLimitExceeded",
      "BandwidthLimitExceeded",
      "LimitExceededException",
      "RequestThrottled",
      "SlowDown",
      "PriorRequestNotComplete",
      "EC2ThrottledException",
      "RequestTimeout",
      "RequestTimeoutException",
      "InternalError",
      "InternalFailure",
      "ServiceUnavailable",
  };
  for (std::string_view c : kCodes) {
    if (code == c) return true;
  }
  if (code.starts_with("Throttling") || code == "KMSThrottlingException" ||
      code == "IDPCommunicationError" || code == "InternalServerError" ||
      code == "ServiceUnavailableException") {
    return true;
  }
  return status >= 500 || status == 429;
}

bool RetryPolicy::retryable(const std::exception& e) {
  if (dynamic_cast<const TransportError*>(&e) != nullptr) return true;
  if (const auto* se = dynamic_cast<const ServiceError*>(&e)) {
    return retryable_code(se->code(), se->status());
  }
  return false;
}

std::chrono::milliseconds RetryPolicy::backoff(int attempt, double random) const {
  double ceiling = static_cast<double>(base.count());
  for (int i = 0; i < attempt && ceiling < static_cast<double>(max_backoff.count()); ++i) {
    ceiling *= 2;
  }
  ceiling = std::min(ceiling, static_cast<double>(max_backoff.count()));
  random = std::clamp(random, 0.0, 1.0);
  return std::chrono::milliseconds(static_cast<int64_t>(ceiling * random));
}

}  // namespace sub::aws
