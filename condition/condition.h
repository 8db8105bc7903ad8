// The condition interface. A condition inspects a message and answers true or false, or
// throws sub::Error (for example when data that must be a number is not). Every leaf
// condition answers false for control messages. Built once, then thread-safe.
#pragma once

#include <memory>

#include "core/context.h"
#include "core/error.h"
#include "core/message.h"

namespace sub::condition {

class Condition {
 public:
  virtual ~Condition() = default;
  [[nodiscard]] virtual bool test(const Message& msg, const Context& ctx) const = 0;
};

using ConditionPtr = std::shared_ptr<const Condition>;

}  // namespace sub::condition
