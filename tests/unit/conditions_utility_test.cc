// utility_random.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "catalogue/config_builder.h"
#include "config/node.h"

namespace sub {
namespace {

condition::ConditionPtr build_random() {
  services::Services services;
  catalogue::ConfigBuilder builder(catalogue::Registry::builtin(), services);
  const config::Node settings = config::Node::parse("{}");
  return catalogue::Registry::builtin().condition("utility_random")(
      config::Settings(&settings, "condition utility_random"), builder);
}

TEST(ConditionsUtilityTest, RandomIsRoughlyFair) {
  condition::ConditionPtr c = build_random();
  const Message msg("x");
  int trues = 0;
  constexpr int kN = 20000;
  for (int i = 0; i < kN; ++i) trues += c->test(msg, Context{}) ? 1 : 0;
  // 20000 fair flips: mean 10000, sd ~71; 8 sd either side.
  EXPECT_GT(trues, 9430);
  EXPECT_LT(trues, 10570);
  EXPECT_FALSE(c->test(Message::control(), Context{}));
}

TEST(ConditionsUtilityTest, RandomIsSafeFromManyThreads) {
  condition::ConditionPtr c = build_random();
  std::vector<std::thread> threads;
  std::vector<int> trues(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      const Message msg("x");
      for (int i = 0; i < 5000; ++i) trues[t] += c->test(msg, Context{}) ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int n : trues) {
    EXPECT_GT(n, 2000);
    EXPECT_LT(n, 3000);
  }
}

TEST(ConditionsUtilityTest, RandomIgnoresSettings) {
  services::Services services;
  catalogue::ConfigBuilder builder(catalogue::Registry::builtin(), services);
  const config::Node settings = config::Node::parse(R"({"anything":[1,2]})");
  EXPECT_NO_THROW(catalogue::Registry::builtin().condition("utility_random")(
      config::Settings(&settings, "condition utility_random"), builder));
}

}  // namespace
}  // namespace sub
