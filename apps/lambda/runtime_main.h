// The Runtime API loop for single-purpose Lambda functions (autoscale, validate): unlike
// the `bootstrap` runtime there is no SUBSTATION_CONFIG pipeline, only one function from
// the event to the response payload.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "core/context.h"
#include "services/logger.h"

namespace sub::lambda {

// Handles one invocation: returns the response payload (JSON) or throws. An EventError
// is reported with errorType InvalidEvent, any other exception as HandlerError; the
// message is the exception's text as is.
using FunctionHandler = std::function<std::string(std::string_view event, const Context& ctx)>;

// Reads AWS_LAMBDA_RUNTIME_API, runs `init` once (a sub::Error it throws is posted to
// /runtime/init/error with errorType InvalidSettings and the process exits 1), then serves
// invocations until the Runtime API goes away. `name` labels the log lines. Returns the
// process exit code.
int run_function(std::string_view name, const std::function<FunctionHandler(const Logger&)>& init);

}  // namespace sub::lambda
