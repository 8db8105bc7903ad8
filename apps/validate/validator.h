// The AppConfig validator (Substation's cmd/aws/lambda/validate): an event
// {"content": base64(config JSON), "uri": …} is valid when the config decodes and every
// transform of it builds. No data is processed.
#pragma once

#include <string_view>

namespace sub::validate {

// Throws sub::Error "validation: json: …", "validation: base64: …" or
// "validation: substation: …" when the event or its config is not valid.
void validate_event(std::string_view event);

}  // namespace sub::validate
