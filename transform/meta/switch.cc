// meta_switch: runs the transforms of the first case whose condition matches.
//
// Settings:
//   cases  (required, non-empty) list of {condition, transforms}
//     condition   a condition config; absent (or without a type) always matches
//     transforms  (required, non-empty) chain applied when the case matches
// No matching case passes the message through unchanged. A control message is applied to
// every case's chain; their non-control outputs are returned, followed by the control
// message itself (once).
#include "transform/builder.h"

namespace sub::transform {
namespace {

struct Case {
  condition::ConditionPtr condition;  // null: always matches
  Chain chain;
};

class MetaSwitch final : public Transform {
 public:
  explicit MetaSwitch(std::vector<Case> cases) : cases_(std::move(cases)) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) const override {
    if (msg.is_control()) {
      for (const Case& c : cases_) {
        for (Message& m : c.chain.apply(Message::control(), ctx)) {
          if (!m.is_control()) out.push_back(std::move(m));
        }
      }
      out.push_back(std::move(msg));
      return;
    }
    for (const Case& c : cases_) {
      if (c.condition && !c.condition->test(msg, ctx)) continue;
      for (Message& m : c.chain.apply(std::move(msg), ctx)) out.push_back(std::move(m));
      return;
    }
    out.push_back(std::move(msg));
  }

 private:
  const std::vector<Case> cases_;
};

}  // namespace

std::shared_ptr<Transform> new_meta_switch(const config::Settings& s, Builder& b) {
  const std::vector<const config::Node*> nodes = s.objects("cases");
  if (nodes.empty()) s.missing("cases");
  std::vector<Case> cases;
  cases.reserve(nodes.size());
  for (size_t i = 0; i < nodes.size(); ++i) {
    config::Settings cs(nodes[i], s.where(), s.key_name("cases[" + std::to_string(i) + "]."));
    Case c;
    if (const config::Node* cond = cs.find("condition")) {
      const config::Node* type = cond->is_object() ? cond->find("type") : nullptr;
      const bool untyped =
          cond->is_object() && (!type || (type->is_string() && type->text().empty()));
      if (!untyped) c.condition = b.nested_condition(*cond, cs, cs.key_name("condition"));
    }
    c.chain = b.nested_chain(cs, "transforms");
    if (c.chain.empty()) cs.missing("transforms");
    cases.push_back(std::move(c));
  }
  return std::make_shared<MetaSwitch>(std::move(cases));
}

}  // namespace sub::transform
