// AWS Lambda Invoke (REST-JSON): synchronous (RequestResponse) and asynchronous (Event).
#pragma once

#include <string>
#include <string_view>

#include "services/aws/client.h"

namespace sub::aws {

class LambdaClient {
 public:
  explicit LambdaClient(ClientOptions options) : client_(kLambda, std::move(options)) {}

  // Event payloads are at most 256 KiB, RequestResponse payloads 6 MiB.
  static constexpr size_t kMaxAsyncPayload = 256 * 1024;
  static constexpr size_t kMaxSyncPayload = 6 * 1024 * 1024;

  struct InvokeResult {
    long status = 0;
    std::string payload;
    std::string function_error;  // X-Amz-Function-Error ("Unhandled", ...) or ""
  };

  // `function` is a name, a partial ARN or an ARN.
  InvokeResult invoke(std::string_view function, std::string payload,
                      Client::Clock::time_point deadline = Client::Clock::time_point::max()) const;
  // Asynchronous invocation; returns once Lambda queued the event (HTTP 202).
  void invoke_async(std::string_view function, std::string payload,
                    Client::Clock::time_point deadline = Client::Clock::time_point::max()) const;

  const Client& client() const { return client_; }

 private:
  InvokeResult send(std::string_view function, std::string_view type, std::string payload,
                    Client::Clock::time_point deadline) const;

  Client client_;
};

}  // namespace sub::aws
