// The one Runtime API loop of every function we ship: `bootstrap` (the Substation pipeline)
// and the single-purpose `autoscale` and `validate`.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "apps/lambda/runtime_error.h"
#include "core/context.h"
#include "services/logger.h"

namespace sub::lambda {

// Handles one invocation: returns the response payload (JSON) or throws. The errorType
// posted is InvalidEvent for an EventError, the type of a RuntimeError, else HandlerError;
// the errorMessage is the exception's text.
using FunctionHandler = std::function<std::string(std::string_view event, const Context& ctx)>;

// Reads AWS_LAMBDA_RUNTIME_API, runs `init` once (an exception it throws is posted to
// /runtime/init/error, with the type of a RuntimeError or else InvalidSettings, and the
// process exits 1), then serves invocations until the Runtime API goes away (3 tries, with
// backoff). `name` labels the log lines. Returns the process exit code.
int run_function(std::string_view name,
                 const std::function<FunctionHandler(const services::Logger&)>& init);

}  // namespace sub::lambda
