// Registers the enrich_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_enrich_kv_store_item_get(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_kv_store_item_set(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_kv_store_set_add(const config::Settings& s, Builder& b);

void register_enrich_transforms(Registry& r) {
  r.add_transform("enrich_kv_store_item_get", &new_enrich_kv_store_item_get);
  r.add_transform("enrich_kv_store_get", &new_enrich_kv_store_item_get);  // deprecated alias
  r.add_transform("enrich_kv_store_item_set", &new_enrich_kv_store_item_set);
  r.add_transform("enrich_kv_store_set", &new_enrich_kv_store_item_set);  // deprecated alias
  r.add_transform("enrich_kv_store_set_add", &new_enrich_kv_store_set_add);
}

}  // namespace sub
