// The `validate` Lambda's check of an AppConfig validation event (apps/validate).
#ifdef SUBSTATION_HAVE_VALIDATE

#include <gtest/gtest.h>

#include <string>

#include "apps/validate/validator.h"
#include "core/error.h"
#include "core/json/encode.h"

namespace sub::validate {
namespace {

std::string event_for(const std::string& config) {
  return "{\"content\":\"" + json::base64_encode(config) + "\",\"uri\":\"hosted://1\"}";
}

std::string error_of(const std::string& event) {
  try {
    validate_event(event);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(ValidateTest, GoodConfigPasses) {
  const std::string config =
      R"({"concurrency":1,"transforms":[{"type":"object_copy","settings":{"object":)"
      R"({"source_key":"a","target_key":"b"}}},{"type":"send_stdout"}]})";
  EXPECT_EQ(error_of(event_for(config)), "");
}

TEST(ValidateTest, UriIsOptional) {
  const std::string config = R"({"transforms":[{"type":"send_stdout"}]})";
  EXPECT_EQ(error_of("{\"content\":\"" + json::base64_encode(config) + "\"}"), "");
}

TEST(ValidateTest, UnknownTransformFails) {
  const std::string err = error_of(event_for(R"({"transforms":[{"type":"no_such_thing"}]})"));
  EXPECT_EQ(err.rfind("validation: substation: ", 0), 0u) << err;
  EXPECT_NE(err.find("no_such_thing"), std::string::npos) << err;
}

TEST(ValidateTest, BadSettingsFail) {
  const std::string err =
      error_of(event_for(R"({"transforms":[{"type":"object_copy","settings":"not an object"}]})"));
  EXPECT_EQ(err.rfind("validation: substation: ", 0), 0u) << err;
}

TEST(ValidateTest, MissingTransformsFails) {
  const std::string err = error_of(event_for("{}"));
  EXPECT_EQ(err.rfind("validation: substation: ", 0), 0u) << err;
}

TEST(ValidateTest, BadBase64Fails) {
  const std::string err = error_of(R"({"content":"not base64!"})");
  EXPECT_EQ(err.rfind("validation: base64: ", 0), 0u) << err;
}

TEST(ValidateTest, ContentThatIsNotJsonFails) {
  const std::string err = error_of(event_for("transforms: []"));
  EXPECT_EQ(err.rfind("validation: json: ", 0), 0u) << err;
}

TEST(ValidateTest, EventThatIsNotJsonFails) {
  EXPECT_EQ(error_of("{").rfind("validation: json: ", 0), 0u);
  EXPECT_EQ(error_of("[1]").rfind("validation: json: ", 0), 0u);
  EXPECT_EQ(error_of(R"({"content":5})").rfind("validation: json: ", 0), 0u);
}

TEST(ValidateTest, MissingContentIsAnEmptyConfig) {
  // As encoding/json: no content decodes to "", which is not a JSON document.
  EXPECT_EQ(error_of("{}").rfind("validation: json: ", 0), 0u);
}

}  // namespace
}  // namespace sub::validate

#endif  // SUBSTATION_HAVE_VALIDATE
