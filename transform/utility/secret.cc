// utility_secret: makes a secret available to `${SECRET:<id>}` interpolation.
//
// Settings:
//   secret  (required) `{type, settings}` of the secret (services/secrets): settings.id
//           (required), settings.ttl_offset ("15m"), plus the type's own settings
// The secret is fetched when the pipeline is built (a failure fails the build), so it
// must come before transforms that interpolate it at construction. Messages pass through
// unchanged; once ttl_offset has passed since the last fetch the next message fetches it
// again.
#include "transform/builder.h"

namespace sub::transform {
namespace {

class UtilitySecret final : public Transform {
 public:
  explicit UtilitySecret(std::shared_ptr<secrets::Retriever> secret) : secret_(std::move(secret)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) secret_->refresh_if_expired();
    out.push_back(std::move(msg));
  }

 private:
  const std::shared_ptr<secrets::Retriever> secret_;
};

}  // namespace

std::shared_ptr<Transform> new_utility_secret(const config::Settings& s, Builder& b) {
  std::shared_ptr<secrets::Retriever> secret = b.services().secrets->retriever(s, "secret");
  try {
    secret->retrieve();
  } catch (const ConfigError&) {
    throw;
  } catch (const Error& e) {
    s.fail("secret", e.what());
  }
  return std::make_shared<UtilitySecret>(std::move(secret));
}

}  // namespace sub::transform
