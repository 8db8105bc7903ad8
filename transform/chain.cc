#include "transform/transform.h"

namespace sub {

std::vector<Message> Chain::apply(std::vector<Message> msgs, const Context& ctx) const {
  std::vector<Message> next;
  for (const Step& step : steps_) {
    if (msgs.empty()) break;
    next.clear();
    next.reserve(msgs.size());
    for (Message& m : msgs) {
      try {
        step.transform->transform(std::move(m), next, ctx);
      } catch (const UnprefixedError& e) {
        throw Error(e.what());
      } catch (const std::exception& e) {
        throw Error("transform " + step.id + ": " + e.what());
      }
    }
    msgs.swap(next);
  }
  return msgs;
}

std::vector<Message> Chain::apply(Message msg, const Context& ctx) const {
  std::vector<Message> msgs;
  msgs.push_back(std::move(msg));
  return apply(std::move(msgs), ctx);
}

}  // namespace sub
