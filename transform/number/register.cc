// Registers the number_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_number_maximum(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_number_minimum(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_number_math_addition(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_number_math_division(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_number_math_multiplication(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_number_math_subtraction(const config::Settings& s, Builder& b);

void register_number_transforms(Registry& r) {
  r.add_transform("number_maximum", &new_number_maximum);
  r.add_transform("number_minimum", &new_number_minimum);
  r.add_transform("number_math_addition", &new_number_math_addition);
  r.add_transform("number_math_division", &new_number_math_division);
  r.add_transform("number_math_multiplication", &new_number_math_multiplication);
  r.add_transform("number_math_subtraction", &new_number_math_subtraction);
}

}  // namespace sub
