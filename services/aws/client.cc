#include "services/aws/client.h"

#include <algorithm>
#include <random>
#include <thread>

#include "core/json/path.h"
#include "services/aws/error.h"
#include "services/aws/sigv4.h"
#include "services/aws/xml.h"

namespace sub::aws {

Client::Client(const Service& service, ClientOptions options)
    : service_(service), options_(std::move(options)) {
  if (!options_.http) options_.http = std::make_shared<HttpClient>();
  // Without a region the client still builds (as the AWS SDKs do): `vet` and `test` of a
  // config never call AWS. The first call fails with the reason.
  try {
    endpoint_ = resolve_endpoint(service_, options_.region);
  } catch (const Error& e) {
    endpoint_error_ = e.what();
  }
  if (options_.region.empty()) options_.region = "us-east-1";  // only for signing a local endpoint
}

void parse_error(const Response& resp, std::string& code, std::string& message) {
  code.clear();
  message.clear();
  std::string_view body = resp.body;
  size_t first = body.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && body[first] == '{') {
    code = json::get(body, "__type").to_string();
    if (code.empty()) code = json::get(body, "code").to_string();
    if (code.empty()) code = json::get(body, "Code").to_string();
    message = json::get(body, "message").to_string();
    if (message.empty()) message = json::get(body, "Message").to_string();
  } else if (first != std::string_view::npos && body[first] == '<') {
    code = xml_text(body, "Code");
    message = xml_text(body, "Message");
  }
  if (code.empty()) code = resp.header("x-amzn-ErrorType");
  if (code.empty()) code = resp.header("x-amzn-query-error");
  size_t hash = code.rfind('#');
  if (hash != std::string::npos) code = code.substr(hash + 1);
  size_t colon = code.find(':');
  if (colon != std::string::npos) code = code.substr(0, colon);
  size_t semi = code.find(';');
  if (semi != std::string::npos) code = code.substr(0, semi);
  if (code.empty()) code = "HTTP" + std::to_string(resp.status);
}

Response Client::attempt(const Request& base, const Call& call, Clock::time_point deadline) const {
  Request req = base;
  if (options_.credentials) {
    Credentials creds = options_.credentials->get();
    SigningOptions so;
    so.region = options_.region;
    so.service = std::string(service_.signing_name);
    so.time = std::chrono::system_clock::now();
    if (call.s3) {
      so.normalize_path = false;
      so.double_uri_encode = false;
      so.payload_hash_header = true;
    }
    if (call.unsigned_payload) so.payload_hash = std::string(kUnsignedPayload);
    sign_request(req, creds, so);
  }
  Response resp = options_.http->send(req, deadline);
  if (resp.status >= 200 && resp.status < 300) return resp;
  std::string code, message;
  parse_error(resp, code, message);
  std::string what =
      "aws " + std::string(service_.endpoint_prefix) + " " + call.operation + ": " + code;
  if (!message.empty()) what += ": " + message;
  what += " (HTTP " + std::to_string(resp.status) + ")";
  throw ServiceError(what, resp.status, code);
}

Response Client::send(Request req, const Call& call) const {
  if (!endpoint_error_.empty()) throw Error(endpoint_error_);
  req.scheme = endpoint_.scheme;
  req.host = call.host_prefix + endpoint_.host;
  if (!endpoint_.base_path.empty()) req.path = endpoint_.base_path + req.path;
  Clock::time_point deadline = std::min(call.deadline, Clock::now() + options_.call_timeout);
  std::minstd_rand rng(std::random_device{}());
  std::uniform_real_distribution<double> uniform(0.0, 1.0);
  int max_attempts = std::max(1, options_.retry.max_attempts);
  for (int attempt_no = 0;; ++attempt_no) {
    try {
      return attempt(req, call, deadline);
    } catch (const Error& e) {
      if (attempt_no + 1 >= max_attempts || !RetryPolicy::retryable(e)) throw;
      auto wait = options_.retry.backoff(attempt_no, uniform(rng));
      if (Clock::now() + wait >= deadline) throw;
      std::this_thread::sleep_for(wait);
    }
  }
}

std::string Client::json(std::string_view target, std::string body, std::string_view json_version,
                         Clock::time_point deadline) const {
  Request req;
  req.method = "POST";
  req.path = "/";
  req.headers.emplace_back("Content-Type", "application/x-amz-json-" + std::string(json_version));
  req.headers.emplace_back("X-Amz-Target", std::string(target));
  req.body = std::move(body);
  Call call;
  size_t dot = target.rfind('.');
  call.operation =
      dot == std::string_view::npos ? std::string(target) : std::string(target.substr(dot + 1));
  call.deadline = deadline;
  return send(std::move(req), call).body;
}

std::string Client::query(std::string_view action, std::string form_body,
                          Clock::time_point deadline) const {
  Request req;
  req.method = "POST";
  req.path = "/";
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  req.body = std::move(form_body);
  Call call;
  call.operation = action;
  call.deadline = deadline;
  return send(std::move(req), call).body;
}

}  // namespace sub::aws
