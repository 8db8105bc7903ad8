#include "services/http/client.h"

#include "core/error.h"
#include "services/http/transport.h"
#include "services/http/url_text.h"

namespace sub::http {

Response perform(const Request& req) {
  Transport::Request exchange;
  exchange.method = req.method;
  exchange.url = req.url;
  exchange.display_url = req.display_url;
  exchange.headers = req.headers;
  exchange.body = req.body;
  Transport::Options options;
  options.timeout = req.timeout;
  options.follow_redirects = true;

  // A fresh handle (and connection) per request: KV files are loaded once, at start.
  Transport::Result result = Transport().exchange(exchange, options);
  if (!result.answered()) {
    throw Error("http: " + req.method + " " + shown_url(req.url, req.display_url) + ": " +
                result.error);
  }
  Response resp;
  resp.status = result.status;
  resp.body = std::move(result.body);
  return resp;
}

Response get(const std::string& url, std::chrono::milliseconds timeout) {
  Request req;
  req.url = url;
  req.timeout = timeout;
  return perform(req);
}

}  // namespace sub::http
