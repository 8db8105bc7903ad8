// meta_any (alias any): true when any nested condition is true; with object.source_key
// set to an array, when any element satisfies any condition. No conditions: false.
//
// Settings: conditions, object.source_key (see condition/meta/meta.h).
#include "condition/meta/meta.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_meta_any(const config::Settings& s, ConditionBuilder& b) {
  return std::make_shared<MetaCondition>(config::ObjectSettings::read(s).source_key,
                                         build_conditions(s, b, false), MetaRule{true, true});
}

}  // namespace sub::condition
