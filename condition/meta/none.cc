// meta_none (alias none): true when no nested condition is true; with object.source_key
// set to an array, when no element satisfies any condition.
//
// Settings: conditions (at least one required), object.source_key (see
// condition/meta/meta.h). Unlike the reference, a scalar source value is what the
// conditions inspect (the reference passes the whole data; docs/compatibility.md).
#include "condition/meta/meta.h"
#include "config/object_settings.h"

namespace sub::condition {

ConditionPtr new_meta_none(const config::Settings& s, ConditionBuilder& b) {
  return std::make_shared<MetaCondition>(config::ObjectSettings::read(s).source_key,
                                         build_conditions(s, b, true), MetaRule{true, false});
}

}  // namespace sub::condition
