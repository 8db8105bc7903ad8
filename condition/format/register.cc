// Registers the format_* conditions.
#include "transform/registry.h"

namespace sub {

ConditionPtr new_format_json(const config::Settings& s, Builder& b);
ConditionPtr new_format_mime(const config::Settings& s, Builder& b);

void register_format_conditions(Registry& r) {
  r.add_condition("format_json", &new_format_json);
  r.add_condition("format_mime", &new_format_mime);
}

}  // namespace sub
