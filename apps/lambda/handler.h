// One Lambda handler (SUBSTATION_LAMBDA_HANDLER): decodes its event, runs the pipeline and
// returns the response payload (JSON), or throws sub::Error.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "apps/lambda/object_fetcher.h"
#include "apps/lambda/settings.h"
#include "catalogue/pipeline.h"
#include "core/context.h"
#include "core/worker_pool.h"
#include "services/logger.h"

namespace sub::lambda {

// What one invocation hands to a handler.
struct Invocation {
  std::string_view event;
  const catalogue::Pipeline& pipeline;
  const Context& ctx;
  const Settings& settings;
  const services::Logger& log;
  ObjectFetcher& objects;
  WorkerPool& workers;  // the fan-out of a batch over its messages (kept while warm)
};

// An event that is not what the handler expects (errorType InvalidEvent).
class EventError : public Error {
 public:
  explicit EventError(const std::string& what) : Error(what) {}
};

class Handler {
 public:
  virtual ~Handler() = default;
  // Response payload. A sub::Error fails the invocation; the pipeline's state is then
  // discarded by the caller (the next invocation gets a fresh pipeline).
  virtual std::string handle(const Invocation& inv) = 0;
};

// The handler for a SUBSTATION_LAMBDA_HANDLER value (v2 names and the v1 aliases), or
// null when the name is unknown.
std::unique_ptr<Handler> make_handler(std::string_view name);

}  // namespace sub::lambda
