#include "catalogue/pipeline.h"

#include "catalogue/config_builder.h"
#include "config/settings.h"

namespace sub::catalogue {

Pipeline build_pipeline(const config::Node& root, services::Services& services,
                        const Registry& registry) {
  if (!root.is_object()) throw ConfigError("config: must be a JSON object");
  const config::Node* transforms = root.find("transforms");
  if (!transforms) throw ConfigError("config: no transforms configured");
  ConfigBuilder builder(registry, services);
  Pipeline p;
  p.chain = builder.chain(*transforms);
  p.concurrency = config::Settings(&root, "config").integer("concurrency");
  return p;
}

}  // namespace sub::catalogue
