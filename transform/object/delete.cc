// object_delete: deletes a key.
//
// Settings:
//   object.source_key  the key to delete (required; sjson delete path, or "meta ...")
// A missing key leaves the message unchanged.
#include "config/object_settings.h"
#include "transform/builder.h"

namespace sub::transform {
namespace {

class ObjectDelete final : public Transform {
 public:
  explicit ObjectDelete(std::string key) : key_(std::move(key)) {}

  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (!msg.is_control()) msg.del(key_);
    out.push_back(std::move(msg));
  }

 private:
  const std::string key_;
};

}  // namespace

std::shared_ptr<Transform> new_object_delete(const config::Settings& s, Builder&) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  if (!obj.has_source()) s.missing("object.source_key");
  return std::make_shared<ObjectDelete>(std::move(obj.source_key));
}

}  // namespace sub::transform
