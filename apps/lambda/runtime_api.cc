#include "apps/lambda/runtime_api.h"

#include <curl/curl.h>

#include <cstring>

#include "core/error.h"
#include "core/json/encode.h"

namespace sub::lambda {
namespace {

size_t on_body(char* ptr, size_t size, size_t n, void* user) {
  static_cast<std::string*>(user)->append(ptr, size * n);
  return size * n;
}

size_t on_header(char* ptr, size_t size, size_t n, void* user) {
  auto* inv = static_cast<NextInvocation*>(user);
  std::string_view line(ptr, size * n);
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * n;
  std::string name(line.substr(0, colon));
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) {
    value.remove_suffix(1);
  }
  if (name == "lambda-runtime-aws-request-id") {
    inv->request_id = value;
  } else if (name == "lambda-runtime-deadline-ms") {
    int64_t ms = 0;
    for (char c : value) {
      if (c < '0' || c > '9') break;
      ms = ms * 10 + (c - '0');
    }
    inv->deadline_ms = ms;
  } else if (name == "lambda-runtime-invoked-function-arn") {
    inv->function_arn = value;
  } else if (name == "lambda-runtime-trace-id") {
    inv->trace_id = value;
  }
  return size * n;
}

CURL* handle(void* p) { return static_cast<CURL*>(p); }

}  // namespace

RuntimeApi::RuntimeApi(std::string host_port)
    : base_("http://" + std::move(host_port) + "/2018-06-01"), curl_(curl_easy_init()) {
  if (!curl_) throw Error("runtime api: curl_easy_init failed");
}

RuntimeApi::~RuntimeApi() { curl_easy_cleanup(handle(curl_)); }

std::string RuntimeApi::error_body(std::string_view type, std::string_view message) {
  std::string out = "{\"errorMessage\":";
  json::append_go_string(out, message);
  out += ",\"errorType\":";
  json::append_go_string(out, type);
  out += '}';
  return out;
}

NextInvocation RuntimeApi::next() {
  NextInvocation inv;
  CURL* c = handle(curl_);
  curl_easy_reset(c);
  const std::string url = base_ + "/runtime/invocation/next";
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPGET, 1L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 0L);  // long poll: the sandbox freezes us meanwhile
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &inv.event);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &inv);
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) throw Error("runtime api: GET " + url + ": " + curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status != 200) {
    throw Error("runtime api: GET " + url + ": HTTP " + std::to_string(status));
  }
  if (inv.request_id.empty()) throw Error("runtime api: next invocation has no request id");
  return inv;
}

long RuntimeApi::post(const std::string& path, std::string_view body, std::string_view error_type) {
  CURL* c = handle(curl_);
  curl_easy_reset(c);
  const std::string url = base_ + path;
  std::string discard;
  curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json");
  headers = curl_slist_append(headers, "Expect:");
  if (!error_type.empty()) {
    headers = curl_slist_append(
        headers, ("Lambda-Runtime-Function-Error-Type: " + std::string(error_type)).c_str());
  }
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &discard);
  const CURLcode rc = curl_easy_perform(c);
  curl_slist_free_all(headers);
  if (rc != CURLE_OK) throw Error("runtime api: POST " + url + ": " + curl_easy_strerror(rc));
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status >= 300) {
    throw Error("runtime api: POST " + url + ": HTTP " + std::to_string(status) + ": " + discard);
  }
  return status;
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
