#include "config/object_settings.h"

namespace sub::config {

ObjectSettings ObjectSettings::read(const config::Settings& settings) {
  config::Settings obj = settings.child("object");
  ObjectSettings o;
  o.source_key = obj.string("source_key");
  o.target_key = obj.string("target_key");
  o.batch_key = obj.string("batch_key");
  o.ttl_key = obj.string("ttl_key");
  o.body_key = obj.string("body_key");
  return o;
}

void ObjectSettings::require_both_or_neither(const config::Settings& settings) const {
  if (has_source() && !has_target()) settings.missing("object.target_key");
  if (has_target() && !has_source()) settings.missing("object.source_key");
}

}  // namespace sub::config
