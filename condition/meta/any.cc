// meta_any (alias any): true when any nested condition is true; with object.source_key
// set to an array, when any element satisfies any condition. No conditions: false.
//
// Settings: conditions, object.source_key (see condition/meta/meta.h).
#include "condition/meta/meta.h"
#include "config/object_settings.h"

namespace sub {

ConditionPtr new_meta_any(const config::Settings& s, ConditionBuilder& b) {
  return std::make_shared<cond::MetaCondition>(ObjectSettings::read(s).source_key,
                                               cond::build_conditions(s, b, false),
                                               cond::MetaRule{true, true});
}

}  // namespace sub
