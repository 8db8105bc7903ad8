#include "transform/common/auxiliary.h"

namespace sub::transform {

Auxiliary Auxiliary::read(const config::Settings& settings, Builder& builder) {
  return Auxiliary(builder.nested_chain(settings, "auxiliary_transforms"));
}

std::vector<std::string> Auxiliary::apply(const std::vector<std::string>& items,
                                          const Context& ctx) const {
  if (empty()) return items;
  std::vector<Message> msgs;
  msgs.reserve(items.size() + 1);
  for (const std::string& item : items) msgs.emplace_back(item);
  msgs.push_back(Message::control());
  std::vector<std::string> out;
  for (Message& m : chain_.apply(std::move(msgs), ctx)) {
    if (!m.is_control()) out.push_back(m.take_data());
  }
  return out;
}

}  // namespace sub::transform
