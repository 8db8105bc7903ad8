// Registers the enrich_aws_* transforms.
#include "transform/registry.h"

namespace sub {

std::shared_ptr<Transform> new_enrich_aws_dynamodb_query(const config::Settings& s, Builder& b);
std::shared_ptr<Transform> new_enrich_aws_lambda(const config::Settings& s, Builder& b);

void register_enrich_aws_transforms(Registry& r) {
  r.add_transform("enrich_aws_dynamodb_query", &new_enrich_aws_dynamodb_query);
  r.add_transform("enrich_aws_lambda", &new_enrich_aws_lambda);
}

}  // namespace sub
