// Registers the format_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_format_from_base64(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_format_to_base64(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_format_from_gzip(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_format_to_gzip(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_format_from_pretty_print(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_format_from_zip(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_format_from_parquet(const config::Settings& s, Builder& b);

void register_format_transforms(Registry& r) {
  r.add_transform("format_from_base64", &new_format_from_base64);
  r.add_transform("format_to_base64", &new_format_to_base64);
  r.add_transform("format_from_gzip", &new_format_from_gzip);
  r.add_transform("format_to_gzip", &new_format_to_gzip);
  r.add_transform("format_from_pretty_print", &new_format_from_pretty_print);
  r.add_transform("format_from_zip", &new_format_from_zip);
  r.add_transform("format_from_parquet", &new_format_from_parquet);
}

}  // namespace sub
