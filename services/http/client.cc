#include "services/http/client.h"
#include "services/http/ca_bundle.h"

#include <curl/curl.h>

#include <memory>

#include "core/error.h"

namespace sub::http {
namespace {

size_t collect_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

struct EasyDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct ListDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};

}  // namespace

Response perform(const Request& req) {
  const std::string what = "http: " + req.method + " " + req.url + ": ";
  std::unique_ptr<CURL, EasyDeleter> curl(curl_easy_init());
  if (!curl) throw Error(what + "cannot create a transfer");

  std::unique_ptr<curl_slist, ListDeleter> headers;
  for (const auto& [name, value] : req.headers) {
    const std::string line = name + ": " + value;
    curl_slist* next = curl_slist_append(headers.get(), line.c_str());
    if (next == nullptr) throw Error(what + "out of memory");
    headers.release();
    headers.reset(next);
  }

  Response resp;
  char errbuf[CURL_ERROR_SIZE] = {0};
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, req.url.c_str());
  http::apply_ca_bundle(c);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp.body);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "substation-cpp");
  if (req.timeout.count() > 0) {
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(req.timeout.count()));
  }
  if (headers) curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  if (req.method == "POST" || !req.body.empty()) {
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, req.body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  }
  if (req.method != "GET" && req.method != "POST") {
    curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }

  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    throw Error(what + (errbuf[0] != '\0' ? errbuf : curl_easy_strerror(rc)));
  }
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &resp.status);
  return resp;
}

Response get(const std::string& url, std::chrono::milliseconds timeout) {
  Request req;
  req.url = url;
  req.timeout = timeout;
  return perform(req);
}

}  // namespace sub::http
