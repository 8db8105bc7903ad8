#include "apps/lambda/runtime_api.h"

#include "core/error.h"
#include "core/json/encode.h"
#include "services/http/transport.h"

namespace sub::lambda {
namespace {

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
    : base_("http://" + std::move(host_port) + "/2018-06-01"),
      transport_(std::make_unique<http::Transport>(1)) {}

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
  http::Transport::Request req;
  req.url = base_ + "/runtime/invocation/next";
  http::Transport::Options options;
  options.connect_timeout = kConnectTimeout;
  options.timeout = std::chrono::milliseconds(0);  // long poll: the sandbox freezes us meanwhile
  options.user_agent = false;
  options.capture_headers = true;
  http::Transport::Result result = transport_->exchange(req, options);
  if (!result.answered()) throw Error("runtime api: GET " + req.url + ": " + result.summary);
  if (result.status != 200) {
    throw Error("runtime api: GET " + req.url + ": HTTP " + std::to_string(result.status));
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

long RuntimeApi::post(const std::string& path, std::string_view body, std::string_view error_type) {
  http::Transport::Request req;
  req.method = "POST";
  req.url = base_ + path;
  req.headers = {{"Accept", "*/*"}, {"Content-Type", "application/json"}};
  if (!error_type.empty()) {
    req.headers.emplace_back("Lambda-Runtime-Function-Error-Type", std::string(error_type));
  }
  req.body = body;
  http::Transport::Options options;
  options.connect_timeout = kConnectTimeout;
  options.timeout = kPostTimeout;
  options.only_given_headers = true;  // no Expect: 100-continue for a large response
  options.user_agent = false;
  const http::Transport::Result result = transport_->exchange(req, options);
  if (!result.answered()) throw Error("runtime api: POST " + req.url + ": " + result.summary);
  if (result.status < 200 || result.status >= 300) {
    throw Error("runtime api: POST " + req.url + ": HTTP " + std::to_string(result.status) + ": " +
                result.body);
  }
  return result.status;
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
