#include "transform/common/auxiliary.h"

namespace sub::transform {

Auxiliary Auxiliary::read(const config::Settings& settings, Builder& builder) {
  return Auxiliary(builder.nested_chain(settings, "auxiliary_transforms"));
}

std::vector<std::string> Auxiliary::apply(const ItemList& items, const Context& ctx) const {
  if (empty()) return items.to_strings();
  std::vector<Message> msgs;
  msgs.reserve(items.size() + 1);
  for (std::string_view item : items) msgs.emplace_back(std::string(item));
  msgs.push_back(Message::control());
  std::vector<std::string> out;
  for (Message& m : chain_.apply(std::move(msgs), ctx)) {
    if (!m.is_control()) out.push_back(m.take_data());
  }
  return out;
}

}  // namespace sub::transform
