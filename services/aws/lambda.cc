#include "services/aws/lambda.h"

#include "services/aws/request.h"

namespace sub::aws {

LambdaClient::InvokeResult LambdaClient::send(std::string_view function, std::string_view type,
                                              std::string payload,
                                              Client::Clock::time_point deadline) const {
  Request req;
  req.method = "POST";
  req.path = "/2015-03-31/functions/" + uri_encode(function, false) + "/invocations";
  req.headers.emplace_back("Content-Type", "application/json");
  req.headers.emplace_back("X-Amz-Invocation-Type", std::string(type));
  req.body = std::move(payload);
  Client::Call call;
  call.operation = "Invoke";
  call.deadline = deadline;
  Response resp = client_.send(std::move(req), call);
  InvokeResult out;
  out.status = resp.status;
  out.function_error = resp.header("X-Amz-Function-Error");
  out.payload = std::move(resp.body);
  return out;
}

LambdaClient::InvokeResult LambdaClient::invoke(std::string_view function, std::string payload,
                                                Client::Clock::time_point deadline) const {
  return send(function, "RequestResponse", std::move(payload), deadline);
}

void LambdaClient::invoke_async(std::string_view function, std::string payload,
                                Client::Clock::time_point deadline) const {
  send(function, "Event", std::move(payload), deadline);
}

}  // namespace sub::aws
