#include "config/batch_settings.h"

namespace sub::config {

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

}  // namespace sub::config
