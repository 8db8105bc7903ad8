// meta_all (alias all): true when every nested condition is true; with
// object.source_key set to an array, every element must satisfy every condition.
// No conditions: true (and true for an empty array).
//
// Settings: conditions, object.source_key (see condition/meta/meta.h).
#include "condition/meta/meta.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_meta_all(const config::Settings& s, ConditionBuilder& b) {
  return std::make_shared<MetaCondition>(config::ObjectSettings::read(s).source_key,
                                         build_conditions(s, b, false), MetaRule{false, false});
}

}  // namespace sub::condition
