// AWS_API_GATEWAY: REST API proxy requests (payload 1.0; 2.0 requests share `body` and
// `headers`). The body and one control message go through the pipeline in one Apply; the
// outputs are the response body, a JSON array.
#include "apps/lambda/go_json.h"
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"
#include "core/json/path.h"

namespace sub::lambda::handlers {

Message api_gateway_message(std::string_view event) {
  require_json(event);
  const json::Value root = json::get(event, "@this");
  if (!root.is_object()) throw EventError("not an API Gateway event: not a JSON object");
  std::string meta = "{\"resource\":";
  json::append_go_string(meta, str(root, "resource"));
  meta += ",\"path\":";
  json::append_go_string(meta, str(root, "path"));
  meta += ",\"headers\":";
  append_string_map(meta, root.get("headers"));
  meta += '}';
  return Message(str(root, "body"), std::move(meta));
}

std::string api_gateway_response(std::string_view body) {
  std::string out =
      "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"},"
      "\"multiValueHeaders\":null,\"body\":";
  json::append_go_string(out, body);
  out += '}';
  return out;
}

namespace {

class ApiGatewayHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    std::vector<Message> msgs;
    msgs.push_back(api_gateway_message(inv.event));
    msgs.push_back(Message::control());
    const std::vector<Message> out = inv.pipeline.chain.apply(std::move(msgs), inv.ctx);
    return api_gateway_response(json_array_of(out));
  }
};

}  // namespace

std::unique_ptr<Handler> make_api_gateway() { return std::make_unique<ApiGatewayHandler>(); }

}  // namespace sub::lambda::handlers
