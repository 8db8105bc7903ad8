// meta_all (alias all): true when every nested condition is true; with
// object.source_key set to an array, every element must satisfy every condition.
// No conditions: true (and true for an empty array).
//
// Settings: conditions, object.source_key (see condition/meta/meta.h).
#include "condition/meta/meta.h"
#include "config/object_settings.h"

namespace sub {

ConditionPtr new_meta_all(const config::Settings& s, ConditionBuilder& b) {
  return std::make_shared<cond::MetaCondition>(ObjectSettings::read(s).source_key,
                                               cond::build_conditions(s, b, false),
                                               cond::MetaRule{false, false});
}

}  // namespace sub
