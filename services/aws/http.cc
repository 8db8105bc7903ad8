#include "services/aws/http.h"
#include "services/http/ca_bundle.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "services/aws/error.h"

namespace sub::aws {

namespace {

constexpr size_t kMaxIdleHandles = 16;

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

size_t on_body(char* data, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(data, size * n);
  return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
  auto* resp = static_cast<Response*>(user);
  std::string_view line(data, size * n);
  if (line.starts_with("HTTP/")) {
    resp->headers.clear();  // a new response (after 100 Continue or a redirect)
    return size * n;
  }
  size_t colon = line.find(':');
  if (colon != std::string_view::npos) {
    std::string_view name = line.substr(0, colon);
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) {
      value.remove_prefix(1);
    }
    while (!value.empty() &&
           (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
      value.remove_suffix(1);
    }
    resp->headers.emplace_back(std::string(name), std::string(value));
  }
  return size * n;
}

}  // namespace

std::string Response::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return "";
}

HttpClient::HttpClient() : HttpClient(Options{}) {}

HttpClient::HttpClient(Options options) : options_(options) { global_init(); }

HttpClient::~HttpClient() {
  for (void* h : idle_) curl_easy_cleanup(static_cast<CURL*>(h));
}

void* HttpClient::acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      void* h = idle_.back();
      idle_.pop_back();
      return h;
    }
  }
  CURL* h = curl_easy_init();
  if (h == nullptr) throw TransportError("aws http: curl_easy_init failed");
  return h;
}

void HttpClient::release(void* handle) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < kMaxIdleHandles) {
    idle_.push_back(handle);
  } else {
    curl_easy_cleanup(static_cast<CURL*>(handle));
  }
}

Response HttpClient::send(const Request& req, Clock::time_point deadline) {
  auto now = Clock::now();
  if (deadline <= now) {
    throw TransportError("aws http: " + req.method + " " + req.host + ": deadline passed");
  }
  auto total = options_.request_timeout;
  if (deadline != Clock::time_point::max()) {
    total = std::min(total, std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now));
    if (total.count() <= 0) total = std::chrono::milliseconds(1);
  }
  auto connect = std::min(options_.connect_timeout, total);

  CURL* h = static_cast<CURL*>(acquire());
  curl_easy_reset(h);
  Response resp;
  std::string url = req.url();
  curl_slist* headers = nullptr;
  for (const auto& [k, v] : req.headers) {
    if (iequals(k, "Host")) continue;  // curl derives it from the URL
    std::string line = k + (v.empty() ? ";" : ": " + v);
    headers = curl_slist_append(headers, line.c_str());
  }
  headers = curl_slist_append(headers, "Expect:");
  if (req.header("Content-Type") == nullptr) {
    headers = curl_slist_append(headers, "Content-Type:");
  }
  if (req.header("Accept") == nullptr) headers = curl_slist_append(headers, "Accept:");

  curl_easy_setopt(h, CURLOPT_URL, url.c_str());
  http::apply_ca_bundle(h);
  curl_easy_setopt(h, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(connect.count()));
  curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, static_cast<long>(total.count()));
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &resp.body);
  curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(h, CURLOPT_HEADERDATA, &resp);
  curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
  if (req.method == "GET") {
    curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
  } else if (req.method == "HEAD") {
    curl_easy_setopt(h, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(h, CURLOPT_POST, 1L);
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
    if (req.method != "POST") curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }
  CURLcode rc = curl_easy_perform(h);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) {
    curl_easy_cleanup(h);  // a failed connection is not reused
    throw TransportError("aws http: " + req.method + " " + req.scheme + "://" + req.host +
                         req.path + ": " + curl_easy_strerror(rc));
  }
  curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &resp.status);
  release(h);
  return resp;
}

}  // namespace sub::aws
