// The services a pipeline uses, owned by the application and handed to the builder: no
// process-global state. Later issues add the KV store cache, secrets, metrics, AWS clients.
#pragma once

#include <cstddef>
#include <memory>

#include "services/kv/registry.h"
#include "services/metrics/registry.h"
#include "services/output.h"
#include "services/secrets/registry.h"

namespace sub::services {

struct Services {
  std::shared_ptr<OutputSink> stdout_sink;
  // KV stores shared by every transform of the pipeline, keyed by store config.
  std::shared_ptr<kv::KvStores> kv_stores = std::make_shared<kv::KvStores>();
  // Secret retrievers' cache and `${SECRET:id}` interpolation.
  std::shared_ptr<secrets::Secrets> secrets = std::make_shared<secrets::Secrets>();
  // Metric destinations.
  std::shared_ptr<metrics::Metrics> metrics = std::make_shared<metrics::Metrics>();
  // The most bytes one message may grow to by decompression (format_from_gzip,
  // format_from_zip): a bomb fails with a clear error instead of exhausting memory. The
  // CLI's default is the longest line it reads; the Lambda's is 80% of its memory.
  size_t max_decompressed = size_t{1} << 30;
};

}  // namespace sub::services
