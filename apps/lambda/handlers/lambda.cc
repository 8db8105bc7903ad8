// AWS_LAMBDA: any JSON document (synchronous or asynchronous invocation). The compacted
// event and one control message go through the pipeline in one Apply; the response is the
// JSON array of the outputs.
#include "apps/lambda/handlers/common.h"
#include "apps/lambda/handlers/handlers.h"
#include "core/json/encode.h"

namespace sub::lambda::handlers {

Message lambda_message(std::string_view event) {
  require_json(event);
  std::string data;
  json::append_compact(data, event);
  return Message(std::move(data));
}

namespace {

class LambdaHandler : public Handler {
 public:
  std::string handle(const Invocation& inv) override {
    std::vector<Message> msgs;
    msgs.push_back(lambda_message(inv.event));
    msgs.push_back(Message::control());
    return json_array_of(inv.pipeline.chain.apply(std::move(msgs), inv.ctx));
  }
};

}  // namespace

std::unique_ptr<Handler> make_lambda() { return std::make_unique<LambdaHandler>(); }

}  // namespace sub::lambda::handlers
