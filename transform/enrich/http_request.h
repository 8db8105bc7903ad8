// Pieces shared by enrich_http_get and enrich_http_post.
//
// Settings (both):
//   url                (required) http(s) endpoint; `${DATA}` is replaced per message by the
//                      value at object.source_key (missing value: message unchanged) or by
//                      the raw data; `${SECRET:<id>}` is interpolated per message
//   headers            object of header name -> value; values are secret-interpolated once,
//                      when the transform is built (so utility_secret must come first)
//   object.source_key  value interpolated into `${DATA}`
//   object.target_key  where the response body is written
// A response body that is valid JSON is compacted. The status code is not checked. Requests
// are retried as described in services/http/retrying_client.h; each attempt is limited to
// 30s and to the Context's deadline.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/object_settings.h"
#include "config/settings.h"
#include "core/message.h"
#include "services/http/retrying_client.h"
#include "services/secrets/registry.h"
#include "transform/builder.h"

namespace sub::transform {

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// The `headers` setting as name/value pairs, not interpolated.
HttpHeaders read_http_headers(const config::Settings& s);
// The headers with every value secret-interpolated; errors name the setting.
HttpHeaders interpolate_http_headers(const config::Settings& s, const HttpHeaders& headers,
                                     const secrets::Secrets& secrets);

// The URL for `msg`: `${DATA}` replaced, then secrets interpolated. nullopt when the URL
// wants the source value and the message has none. Errors: `url: <reason>`.
std::optional<std::string> enrich_http_url(const std::string& url,
                                           const config::ObjectSettings& obj, const Message& msg,
                                           const secrets::Secrets& secrets);

// The response body as the transforms store it: compacted when it is valid JSON.
std::string enrich_http_body(const std::string& body);

// Factories with an explicit retry policy (the registered factories use the default one).
std::shared_ptr<Transform> new_enrich_http_get(const config::Settings& s, Builder& b,
                                               const http::RetryingClient::Policy& policy);
std::shared_ptr<Transform> new_enrich_http_post(const config::Settings& s, Builder& b,
                                                const http::RetryingClient::Policy& policy);

}  // namespace sub::transform
