// send_http_post: sends batches of data to an HTTP endpoint, one POST request per item.
//
// Settings:
//   url                   (required) http(s) endpoint; `${SECRET:<id>}` is interpolated
//                         each time a batch is sent
//   headers               object of header name -> value, secret-interpolated at send time
//   object.batch_key      gjson path whose string value groups items (missing: one group)
//   batch                 {count, size, duration} limits
//   auxiliary_transforms  chain applied to each batch before it is sent
// Every message passes through unchanged. A batch is sent when an item does not fit it, and
// every non-empty batch is sent (keys in first-seen order) on a control message. Answers
// are discarded whatever their status; transport failures and exhausted retries
// (services/http/retrying_client.h) are errors. Each attempt is limited to 30s and to the
// Context's deadline.

#include <numeric>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/http/retrying_client.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/send/batch_send.h"

namespace sub::transform {
namespace {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

class SendHttpPost final : public BatchSend {
 public:
  SendHttpPost(std::string url, HttpHeaders headers, std::string batch_key,
               const config::BatchSettings& limits, Auxiliary aux,
               std::shared_ptr<secrets::Secrets> secrets,
               const http::RetryingClient::Policy& policy)
      : BatchSend(std::move(batch_key), limits, std::move(aux)),
        url_(std::move(url)),
        headers_(std::move(headers)),
        secrets_(std::move(secrets)),
        client_(policy) {}

 private:
  void send(const std::string&, const Batcher::Items& items, const Context& ctx) const override {
    http::Request req;
    req.method = "POST";
    for (const auto& [name, value] : headers_) {
      try {
        req.headers.emplace_back(name, secrets_->interpolate(value));
      } catch (const Error& e) {
        throw Error("headers." + name + ": " + e.what());
      }
    }
    try {
      req.url = secrets_->interpolate(url_);
    } catch (const Error& e) {
      throw Error(std::string("url: ") + e.what());
    }
    req.display_url = url_;  // errors show the template, never an interpolated secret
    // One POST per item. Without an auxiliary chain the items are the batch's own, so a
    // failure part-way keeps only the items not yet posted (PartialFlushError).
    size_t posted = 0;
    try {
      aux().each(items, ctx, [&](std::string_view item) {
        req.body.assign(item);
        const http::Response resp = client_.send(req, ctx);
        // The reference counts any answer that is not retried as delivered; a 4xx means
        // the receiver refused the data, so it fails here and the batch is kept (exit 1).
        if (resp.status >= 400) {
          throw Error("POST " + http::redact_url(url_) + ": HTTP status " +
                      std::to_string(resp.status) + ": the receiver refused the data");
        }
        ++posted;
      });
    } catch (const Error& e) {
      if (!aux().empty() || posted == 0) throw;
      std::vector<size_t> left(items.size() - posted);
      std::iota(left.begin(), left.end(), posted);
      throw PartialFlushError(e.what(), std::move(left));
    }
  }

  const std::string url_;
  const HttpHeaders headers_;
  const std::shared_ptr<secrets::Secrets> secrets_;
  const http::RetryingClient client_;
};

}  // namespace

// The factory with an explicit retry policy (tests); the registered one uses the default.
std::shared_ptr<Transform> new_send_http_post(const config::Settings& s, Builder& b,
                                              const http::RetryingClient::Policy& policy);

std::shared_ptr<Transform> new_send_http_post(const config::Settings& s, Builder& b,
                                              const http::RetryingClient::Policy& policy) {
  std::string url = s.string("url");
  if (url.empty()) s.missing("url");
  HttpHeaders headers;
  for (auto& [name, value] : s.string_map("headers")) headers.emplace_back(name, value);
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  config::BatchSettings limits = config::BatchSettings::read(s);
  Auxiliary aux = Auxiliary::read(s, b);
  return std::make_shared<SendHttpPost>(std::move(url), std::move(headers),
                                        std::move(obj.batch_key), limits, std::move(aux),
                                        b.services().secrets, policy);
}

std::shared_ptr<Transform> new_send_http_post(const config::Settings& s, Builder& b) {
  return new_send_http_post(s, b, http::RetryingClient::Policy{});
}

}  // namespace sub::transform
