#include "transform/common/object.h"

namespace sub {

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

BatchSettings BatchSettings::read(const config::Settings& settings, int64_t max_count,
                                  int64_t max_size) {
  config::Settings b = settings.child("batch");
  BatchSettings out;
  // As v2.8: only a count or size below 1 takes the default (so `count: 1` is one item per
  // batch), an empty duration is one minute, any other duration is kept as written.
  int64_t count = b.integer("count");
  int64_t size = b.integer("size");
  if (count >= 1) out.count = count;
  if (size >= 1) out.size = size;
  if (!b.string("duration").empty()) out.duration = b.duration("duration");
  if (max_count > 0 && out.count > max_count) out.count = max_count;
  if (max_size > 0 && out.size > max_size) out.size = max_size;
  return out;
}

}  // namespace sub
