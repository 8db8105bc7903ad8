// Registers the number_* conditions.
#include "transform/registry.h"

namespace sub {

ConditionPtr new_number_equal_to(const config::Settings& s, Builder& b);
ConditionPtr new_number_less_than(const config::Settings& s, Builder& b);
ConditionPtr new_number_greater_than(const config::Settings& s, Builder& b);
ConditionPtr new_number_bitwise_and(const config::Settings& s, Builder& b);
ConditionPtr new_number_bitwise_or(const config::Settings& s, Builder& b);
ConditionPtr new_number_bitwise_xor(const config::Settings& s, Builder& b);
ConditionPtr new_number_bitwise_not(const config::Settings& s, Builder& b);
ConditionPtr new_number_length_equal_to(const config::Settings& s, Builder& b);
ConditionPtr new_number_length_greater_than(const config::Settings& s, Builder& b);
ConditionPtr new_number_length_less_than(const config::Settings& s, Builder& b);

void register_number_conditions(Registry& r) {
  r.add_condition("number_equal_to", &new_number_equal_to);
  r.add_condition("number_less_than", &new_number_less_than);
  r.add_condition("number_greater_than", &new_number_greater_than);
  r.add_condition("number_bitwise_and", &new_number_bitwise_and);
  r.add_condition("number_bitwise_or", &new_number_bitwise_or);
  r.add_condition("number_bitwise_xor", &new_number_bitwise_xor);
  r.add_condition("number_bitwise_not", &new_number_bitwise_not);
  r.add_condition("number_length_equal_to", &new_number_length_equal_to);
  r.add_condition("number_length_greater_than", &new_number_length_greater_than);
  r.add_condition("number_length_less_than", &new_number_length_less_than);
}

}  // namespace sub
