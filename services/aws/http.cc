#include "services/aws/http.h"

#include <utility>

#include "services/aws/error.h"
#include "services/http/transport.h"

namespace sub::aws {

namespace {

constexpr size_t kMaxIdleHandles = 16;

}  // namespace

std::string Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return "";
}

HttpClient::HttpClient() : HttpClient(Options{}) {}

HttpClient::HttpClient(Options options)
    : options_(options), transport_(std::make_unique<http::Transport>(kMaxIdleHandles)) {}

HttpClient::~HttpClient() = default;

Response HttpClient::send(const Request& req, Clock::time_point deadline) {
  if (deadline <= Clock::now()) {
    throw TransportError("aws http: " + req.method + " " + req.host + ": deadline passed");
  }
  http::Transport::Request exchange;
  exchange.method = req.method;
  exchange.url = req.url();
  for (const auto& [k, v] : req.headers) {
    if (iequals(k, "Host")) continue;  // libcurl derives it from the URL
    exchange.headers.emplace_back(k, v);
  }
  exchange.body = req.body;

  http::Transport::Options options;
  options.connect_timeout = options_.connect_timeout;
  options.timeout = options_.request_timeout;
  options.deadline = deadline;
  options.only_given_headers = true;  // the signature covers what is sent
  options.user_agent = false;
  options.capture_headers = true;
  options.path_as_is = true;

  http::Transport::Result result = transport_->exchange(exchange, options);
  if (!result.answered()) {
    throw TransportError("aws http: " + req.method + " " + req.scheme + "://" + req.host +
                         req.path + ": " + result.summary);
  }
  Response resp;
  resp.status = result.status;
  resp.headers = std::move(result.headers);
  resp.body = std::move(result.body);
  return resp;
}

}  // namespace sub::aws
