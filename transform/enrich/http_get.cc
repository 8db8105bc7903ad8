// enrich_http_get: enriches messages with the answer of an HTTP GET request.
//
// Settings:
//   url                (required) http(s) endpoint; `${DATA}` becomes the value at
//                      object.source_key (missing: message unchanged) or the raw data;
//                      `${SECRET:<id>}` is interpolated per message
//   headers            object of header name -> value, secret-interpolated once at build
//   object.source_key  value interpolated into `${DATA}`
//   object.target_key  where the response body is written; absent: it replaces the data
// A JSON response body is compacted; the status code is not checked.
// Transport failures and exhausted retries are errors (services/http/retrying_client.h).
#include "config/object_settings.h"
#include "transform/enrich/http_request.h"

namespace sub::transform {
namespace {

class EnrichHttpGet final : public Transform {
 public:
  EnrichHttpGet(std::string url, HttpHeaders headers, config::ObjectSettings obj,
                std::shared_ptr<secrets::Secrets> secrets,
                const http::RetryingClient::Policy& policy)
      : url_(std::move(url)),
        headers_(std::move(headers)),
        obj_(std::move(obj)),
        secrets_(std::move(secrets)),
        client_(policy) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (!msg.is_control()) apply(msg, ctx);
    out.push_back(std::move(msg));
  }

 private:
  void apply(Message& msg, const Context& ctx) const {
    std::optional<std::string> url = enrich_http_url(url_, obj_, msg, *secrets_);
    if (!url) return;
    http::Request req;
    req.method = "GET";
    req.url = std::move(*url);
    req.display_url = url_;  // errors show the template, never an interpolated secret
    req.headers = headers_;
    const http::Response resp = client_.send(req, ctx);
    std::string body = enrich_http_body(resp.body);
    if (obj_.has_target()) {
      msg.set_bytes(obj_.target_key, body);
    } else {
      msg.set_data(std::move(body));
    }
  }

  const std::string url_;
  const HttpHeaders headers_;
  const config::ObjectSettings obj_;
  const std::shared_ptr<secrets::Secrets> secrets_;
  const http::RetryingClient client_;
};

}  // namespace

std::shared_ptr<Transform> new_enrich_http_get(const config::Settings& s, Builder& b,
                                               const http::RetryingClient::Policy& policy) {
  std::string url = s.string("url");
  if (url.empty()) s.missing("url");
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  std::shared_ptr<secrets::Secrets> secrets = b.services().secrets;
  HttpHeaders headers = interpolate_http_headers(s, read_http_headers(s), *secrets);
  return std::make_shared<EnrichHttpGet>(std::move(url), std::move(headers), std::move(obj),
                                         std::move(secrets), policy);
}

std::shared_ptr<Transform> new_enrich_http_get(const config::Settings& s, Builder& b) {
  return new_enrich_http_get(s, b, http::RetryingClient::Policy{});
}

}  // namespace sub::transform
