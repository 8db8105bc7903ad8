// The services a pipeline uses, owned by the application and handed to the builder: no
// process-global state. Later issues add the KV store cache, secrets, metrics, AWS clients.
#pragma once

#include <memory>

#include "services/output.h"

namespace sub {

struct Services {
  std::shared_ptr<OutputSink> stdout_sink;
};

}  // namespace sub
