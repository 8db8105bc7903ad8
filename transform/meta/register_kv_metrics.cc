// Registers meta_kv_store_lock and meta_metric_duration (called from Registry::builtin).
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_meta_kv_store_lock(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_meta_metric_duration(const config::Settings& s, Builder& b);

void register_meta_kv_metric_transforms(Registry& r);

void register_meta_kv_metric_transforms(Registry& r) {
  r.add_transform("meta_kv_store_lock", &new_meta_kv_store_lock);
  r.add_transform("meta_metric_duration", &new_meta_metric_duration);
}

}  // namespace sub
