// Registers the string_* conditions.
#include "transform/registry.h"

namespace sub {

ConditionPtr new_string_contains(const config::Settings& s, Builder& b);
ConditionPtr new_string_ends_with(const config::Settings& s, Builder& b);
ConditionPtr new_string_starts_with(const config::Settings& s, Builder& b);
ConditionPtr new_string_equal_to(const config::Settings& s, Builder& b);
ConditionPtr new_string_greater_than(const config::Settings& s, Builder& b);
ConditionPtr new_string_less_than(const config::Settings& s, Builder& b);
ConditionPtr new_string_match(const config::Settings& s, Builder& b);

void register_string_conditions(Registry& r) {
  r.add_condition("string_contains", &new_string_contains);
  r.add_condition("string_ends_with", &new_string_ends_with);
  r.add_condition("string_starts_with", &new_string_starts_with);
  r.add_condition("string_equal_to", &new_string_equal_to);
  r.add_condition("string_greater_than", &new_string_greater_than);
  r.add_condition("string_less_than", &new_string_less_than);
  r.add_condition("string_match", &new_string_match);
}

}  // namespace sub
