// `validate`: the AppConfig LAMBDA validator for Substation configs. Returns null for a
// valid config and fails the invocation with "validation: …" otherwise.
#include "apps/lambda/runtime_main.h"
#include "apps/validate/validator.h"

int main() {
  return sub::lambda::run_function("validate", [](const sub::services::Logger&) {
    return [](std::string_view event, const sub::Context&) -> std::string {
      sub::validate::validate_event(event);
      return "null";
    };
  });
}
