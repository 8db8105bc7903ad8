// utility_random: true or false at random, each with probability 1/2.
//
// Settings: none.
// Lock-free: each call advances an atomic counter and mixes it (SplitMix64), seeded per
// instance from std::random_device.
#include <atomic>
#include <cstdint>
#include <random>

#include "condition/builder.h"

namespace sub::condition {
namespace {

class UtilityRandom final : public Condition {
 public:
  explicit UtilityRandom(uint64_t seed) : state_(seed) {}

  bool test(const Message& msg, const Context&) const override {
    if (msg.is_control()) return false;
    uint64_t z = state_.fetch_add(0x9E3779B97F4A7C15ULL, std::memory_order_relaxed);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    z ^= z >> 31;
    return (z >> 63) != 0;
  }

 private:
  mutable std::atomic<uint64_t> state_;
};

}  // namespace

ConditionPtr new_utility_random(const config::Settings&, ConditionBuilder&) {
  std::random_device rd;
  const uint64_t seed = (static_cast<uint64_t>(rd()) << 32) ^ rd();
  return std::make_shared<UtilityRandom>(seed);
}

}  // namespace sub::condition
