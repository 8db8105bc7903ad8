#include "apps/lambda/runtime_api.h"

#include "apps/lambda/runtime_connection.h"
#include "core/error.h"
#include "core/json/encode.h"

namespace sub::lambda {
namespace {

constexpr std::string_view kVersion = "/2018-06-01";
constexpr std::chrono::milliseconds kConnectTimeout{5000};
// A response or error post; the next-invocation poll has no limit.
constexpr std::chrono::milliseconds kPostTimeout{60000};

int64_t leading_digits(std::string_view s) {
  int64_t n = 0;
  for (char c : s) {
    if (c < '0' || c > '9') break;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

RuntimeApi::RuntimeApi(std::string host_port)
    : base_("http://" + host_port),
      connection_(std::make_unique<RuntimeConnection>(std::move(host_port))) {}

RuntimeApi::~RuntimeApi() = default;

std::string RuntimeApi::error_body(std::string_view type, std::string_view message) {
  std::string out = "{\"errorMessage\":";
  json::append_go_string(out, message);
  out += ",\"errorType\":";
  json::append_go_string(out, type);
  out += '}';
  return out;
}

NextInvocation RuntimeApi::next() {
  const std::string path = std::string(kVersion) + "/runtime/invocation/next";
  RuntimeConnection::Response result;
  try {
    // No limit on the answer: a long poll, during which the sandbox freezes us.
    result =
        connection_->exchange("GET", path, {}, {}, std::chrono::milliseconds(0), kConnectTimeout);
  } catch (const Error& e) {
    throw Error("runtime api: GET " + base_ + path + ": " + e.what());
  }
  if (result.status != 200) {
    throw Error("runtime api: GET " + base_ + path + ": HTTP " + std::to_string(result.status));
  }
  NextInvocation inv;
  inv.request_id = result.header("Lambda-Runtime-Aws-Request-Id");
  inv.deadline_ms = leading_digits(result.header("Lambda-Runtime-Deadline-Ms"));
  inv.function_arn = result.header("Lambda-Runtime-Invoked-Function-Arn");
  inv.trace_id = result.header("Lambda-Runtime-Trace-Id");
  inv.event = std::move(result.body);
  if (inv.request_id.empty()) throw Error("runtime api: next invocation has no request id");
  return inv;
}

void RuntimeApi::post(const std::string& path, std::string_view body, std::string_view error_type) {
  const std::string full = std::string(kVersion) + path;
  RuntimeConnection::Headers headers = {{"Accept", "*/*"}, {"Content-Type", "application/json"}};
  if (!error_type.empty()) {
    headers.emplace_back("Lambda-Runtime-Function-Error-Type", std::string(error_type));
  }
  RuntimeConnection::Response result;
  try {
    result = connection_->exchange("POST", full, headers, body, kPostTimeout, kConnectTimeout);
  } catch (const Error& e) {
    throw Error("runtime api: POST " + base_ + full + ": " + e.what());
  }
  if (result.status < 200 || result.status >= 300) {
    throw Error("runtime api: POST " + base_ + full + ": HTTP " + std::to_string(result.status) +
                ": " + result.body);
  }
}

void RuntimeApi::respond(const std::string& request_id, std::string_view payload) {
  post("/runtime/invocation/" + request_id + "/response", payload, "");
}

void RuntimeApi::fail(const std::string& request_id, std::string_view type,
                      std::string_view message) {
  post("/runtime/invocation/" + request_id + "/error", error_body(type, message), type);
}

void RuntimeApi::init_error(std::string_view type, std::string_view message) {
  post("/runtime/init/error", error_body(type, message), type);
}

}  // namespace sub::lambda
