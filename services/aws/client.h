// The request path shared by every AWS service client: endpoint, SigV4 signing, sending,
// AWS error decoding and standard-mode retries. One Client per service; the options (the
// HTTP client and the credentials) may be shared by many clients.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "services/aws/credentials_provider.h"
#include "services/aws/endpoint.h"
#include "services/aws/http.h"
#include "services/aws/request.h"
#include "services/aws/retry.h"

namespace sub::aws {

struct ClientOptions {
  std::string region;                                // resolved (see resolve_region)
  std::shared_ptr<CredentialsProvider> credentials;  // null: requests go unsigned
  std::shared_ptr<HttpClient> http;                  // null: the client makes its own
  RetryPolicy retry;
  // Bound of one call including its retries (a caller's deadline may be shorter).
  std::chrono::milliseconds call_timeout{std::chrono::minutes(5)};
};

class Client {
 public:
  using Clock = std::chrono::steady_clock;

  Client(const Service& service, ClientOptions options);

  const Service& service() const { return service_; }
  const Endpoint& endpoint() const { return endpoint_; }
  const std::string& region() const { return options_.region; }
  const ClientOptions& options() const { return options_; }

  struct Call {
    std::string operation;  // for error messages ("PutRecords")
    bool s3 = false;        // S3 signing (no double encoding, x-amz-content-sha256)
    bool unsigned_payload = false;
    std::string host_prefix;  // e.g. "bucket." for S3 virtual-hosted addressing
    Clock::time_point deadline = Clock::time_point::max();
  };

  // Fills scheme/host (and prefixes the endpoint's base path to req.path), signs and sends
  // `req`, retrying retryable failures. A non-2xx answer throws ServiceError.
  Response send(Request req, const Call& call) const;

  // awsJson protocol: POST / with X-Amz-Target `target` ("Kinesis_20131202.PutRecords"),
  // returns the response body.
  std::string json(std::string_view target, std::string body, std::string_view json_version,
                   Clock::time_point deadline = Clock::time_point::max()) const;

  // awsQuery protocol: POST / with a form body (Action=...&Version=...&...), returns XML.
  std::string query(std::string_view action, std::string form_body,
                    Clock::time_point deadline = Clock::time_point::max()) const;

 private:
  Response attempt(const Request& req, const Call& call, Clock::time_point deadline) const;

  Service service_;
  ClientOptions options_;
  Endpoint endpoint_;
  std::string endpoint_error_;  // why there is no endpoint (no region): sent at the first call
};

// Reads the error code and message of an AWS error response (JSON, XML or headers).
void parse_error(const Response& resp, std::string& code, std::string& message);

}  // namespace sub::aws
