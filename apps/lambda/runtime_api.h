// A client of the Lambda Runtime API (AWS_LAMBDA_RUNTIME_API, version 2018-06-01) over
// runtime_connection.h: fetch the next invocation (a long poll, with no limit on how long
// the answer takes), post its response or error, report an init error. One connection kept
// alive, used from the bootstrap's main thread only.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace sub::lambda {

class RuntimeConnection;

// One invocation as the Runtime API hands it out.
struct NextInvocation {
  std::string request_id;    // Lambda-Runtime-Aws-Request-Id
  int64_t deadline_ms = 0;   // Lambda-Runtime-Deadline-Ms (Unix ms; 0 if absent)
  std::string function_arn;  // Lambda-Runtime-Invoked-Function-Arn
  std::string trace_id;      // Lambda-Runtime-Trace-Id
  std::string event;         // the body
};

class RuntimeApi {
 public:
  explicit RuntimeApi(std::string host_port);
  ~RuntimeApi();
  RuntimeApi(const RuntimeApi&) = delete;
  RuntimeApi& operator=(const RuntimeApi&) = delete;

  // GET /runtime/invocation/next (blocks until an invocation arrives). Throws sub::Error.
  NextInvocation next();
  // POST /runtime/invocation/{id}/response.
  void respond(const std::string& request_id, std::string_view payload);
  // POST /runtime/invocation/{id}/error with {"errorMessage","errorType"}.
  void fail(const std::string& request_id, std::string_view type, std::string_view message);
  // POST /runtime/init/error.
  void init_error(std::string_view type, std::string_view message);

  // {"errorMessage":...,"errorType":...}
  static std::string error_body(std::string_view type, std::string_view message);

 private:
  void post(const std::string& path, std::string_view body, std::string_view error_type);

  std::string base_;  // http://host:port, for messages
  std::unique_ptr<RuntimeConnection> connection_;
};

}  // namespace sub::lambda
