// Registers utility_secret and the utility_metric_* transforms (called from
// Registry::builtin).
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_utility_secret(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_utility_metric_bytes(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_utility_metric_count(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_utility_metric_freshness(const config::Settings& s, Builder& b);

void register_utility_secret_metric_transforms(Registry& r);

void register_utility_secret_metric_transforms(Registry& r) {
  r.add_transform("utility_secret", &new_utility_secret);
  r.add_transform("utility_metric_bytes", &new_utility_metric_bytes);
  r.add_transform("utility_metric_count", &new_utility_metric_count);
  r.add_transform("utility_metric_freshness", &new_utility_metric_freshness);
}

}  // namespace sub
