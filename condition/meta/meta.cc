#include "condition/meta/meta.h"

#include "condition/common/text.h"

namespace sub::condition {

bool MetaCondition::stops(const Message& msg, const Context& ctx) const {
  for (const ConditionPtr& c : conditions_) {
    if (c->test(msg, ctx) == rule_.stop_on) return true;
  }
  return false;
}

bool MetaCondition::test(const Message& msg, const Context& ctx) const {
  if (msg.is_control()) return false;
  if (source_key_.empty()) return stops(msg, ctx) ? rule_.on_stop : !rule_.on_stop;

  const Value value = msg.get(source_key_);
  if (!value.exists()) return false;

  std::string scratch;
  Message item(std::string(), msg.metadata());
  if (!value.is_array()) {
    item.set_data(std::string(value_text(value, scratch)));
    return stops(item, ctx) ? rule_.on_stop : !rule_.on_stop;
  }
  bool stopped = false;
  value.for_each([&](const Value&, const Value& element) {
    item.set_data(std::string(value_text(element, scratch)));
    stopped = stops(item, ctx);
    return !stopped;
  });
  return stopped ? rule_.on_stop : !rule_.on_stop;
}

std::vector<ConditionPtr> build_conditions(const config::Settings& settings,
                                           ConditionBuilder& builder, bool required) {
  const std::vector<const config::Node*> items = settings.objects("conditions");
  if (required && items.empty()) settings.missing("conditions");
  std::vector<ConditionPtr> out;
  out.reserve(items.size());
  for (size_t i = 0; i < items.size(); ++i) {
    out.push_back(builder.nested_condition(
        *items[i], settings, settings.key_name("conditions") + "[" + std::to_string(i) + "]"));
  }
  return out;
}

}  // namespace sub::condition
