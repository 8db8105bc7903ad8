// Every condition vector of ../shared/conformance/conditions.jsonl, byte-exact, run through
// the registry as a pipeline would build it.
#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/node.h"
#include "core/json/encode.h"

namespace sub {
namespace {

struct Vector {
  std::string id;
  std::string line;
};

std::vector<Vector> load_vectors() {
  std::vector<Vector> out;
  std::ifstream in(std::string(SUBSTATION_SOURCE_DIR) + "/../shared/conformance/conditions.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    config::Node v = config::Node::parse(line);
    out.push_back({v.find("id")->text(), line});
  }
  return out;
}

TEST(ConditionsConformanceTest, EveryVectorPasses) {
  const std::vector<Vector> vectors = load_vectors();
  ASSERT_EQ(vectors.size(), 121u) << "conditions.jsonl not found or changed";
  services::Services services;
  int passed = 0;
  for (const Vector& vec : vectors) {
    SCOPED_TRACE(vec.id);
    const config::Node v = config::Node::parse(vec.line);
    const std::string type = v.find("type")->text();
    catalogue::ConditionFactory f = catalogue::Registry::builtin().condition(type);
    ASSERT_NE(f, nullptr) << type;
    catalogue::ConfigBuilder builder(catalogue::Registry::builtin(), services);
    condition::ConditionPtr c =
        f(config::Settings(v.find("settings"), "condition " + type), builder);

    const config::Node& input = v.find("input")->items().at(0);
    std::string data;
    if (const config::Node* b64 = input.find("data_b64")) {
      ASSERT_TRUE(json::base64_decode(b64->text(), data));
    } else if (const config::Node* d = input.find("data")) {
      data = d->text();
    }
    const bool expected = v.find("expected")->boolean();
    bool got = false;
    try {
      got = c->test(Message(data), Context{});
    } catch (const Error& e) {
      ADD_FAILURE() << "unexpected error: " << e.what();
      continue;
    }
    EXPECT_EQ(got, expected);
    if (got == expected) ++passed;
  }
  EXPECT_EQ(passed, 121);
}

}  // namespace
}  // namespace sub
