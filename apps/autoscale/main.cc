// `autoscale`: the Kinesis shard autoscaler Lambda, invoked through SNS by the streams'
// CloudWatch upscale/downscale alarms. The clients run in the function's own account and
// region (AWS_REGION, the default credential chain).
#include <cstdlib>
#include <memory>

#include "apps/autoscale/autoscaler.h"
#include "apps/lambda/runtime_main.h"
#include "services/aws/options.h"

int main() {
  return sub::lambda::run_function("autoscale", [](const sub::services::Logger& log) {
    const sub::autoscale::Settings settings =
        sub::autoscale::Settings::from_env([](const char* name) { return std::getenv(name); });
    const sub::aws::ClientOptions options = sub::aws::make_client_options();
    auto scaler = std::make_shared<const sub::autoscale::Autoscaler>(
        settings, std::make_shared<const sub::aws::KinesisAdminClient>(options),
        std::make_shared<const sub::aws::CloudWatchAlarmsClient>(options), log,
        sub::autoscale::Autoscaler::Options{});
    return [scaler](std::string_view event, const sub::Context& ctx) -> std::string {
      scaler->handle(sub::autoscale::Notification::parse(event), ctx);
      return "null";
    };
  });
}
