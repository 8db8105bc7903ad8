#include "apps/lambda/bootstrap.h"

#include <memory>

#include "apps/lambda/config_loader.h"
#include "apps/lambda/handler.h"
#include "apps/lambda/processor.h"
#include "apps/lambda/runtime_main.h"
#include "apps/lambda/s3_object_fetcher.h"
#include "apps/lambda/settings.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::lambda {
namespace {

// What a warm container keeps between invocations.
struct Runtime {
  Runtime(Settings s, std::unique_ptr<Handler> h, const services::Logger& log)
      : settings(std::move(s)),
        handler(std::move(h)),
        stdout_sink(std::make_shared<services::FdSink>(1)),
        services(make_services(settings, stdout_sink)),
        loader(settings.config, settings.config_set, settings.config_refresh, services, log),
        log(log) {}

  static services::Services make_services(const Settings& settings,
                                          std::shared_ptr<services::FdSink> sink) {
    services::Services s;
    s.stdout_sink = std::move(sink);
    // A decompression bomb fails its message before it can exhaust the function's memory.
    s.max_decompressed = settings.max_line;
    return s;
  }

  // One invocation. A failure's message is prefixed with the handler's name, and the
  // pipeline, which may hold the failed invocation's partial state, is built afresh next
  // time. What send_stdout wrote is flushed either way.
  std::string invoke(std::string_view event, const Context& ctx) {
    const std::string prefix = settings.handler + ": ";
    try {
      const catalogue::Pipeline& pipeline = loader.get();
      std::string payload =
          handler->handle(Invocation{event, pipeline, ctx, settings, log, objects, workers});
      stdout_sink->flush();
      return payload;
    } catch (const EventError& e) {
      failed();
      throw EventError(prefix + e.what());
    } catch (const RuntimeError& e) {
      failed();
      throw RuntimeError(e.type(), prefix + e.what());
    } catch (const std::exception& e) {
      failed();
      throw RuntimeError("HandlerError", prefix + e.what());
    }
  }

  void failed() {
    stdout_sink->flush();
    loader.discard();
  }

  const Settings settings;
  const std::unique_ptr<Handler> handler;
  const std::shared_ptr<services::FdSink> stdout_sink;
  services::Services services;
  ConfigLoader loader;
  S3ObjectFetcher objects;
  WorkerPool workers{kMaxWorkers, kMaxWorkers};
  const services::Logger& log;
};

}  // namespace

int run_bootstrap() {
  return run_function("substation", [](const services::Logger& log) -> FunctionHandler {
    Settings settings = Settings::from_env();  // a sub::Error: InvalidSettings
    if (!settings.handler_set || settings.handler.empty()) {
      throw RuntimeError("InvalidHandler",
                         "SUBSTATION_LAMBDA_HANDLER: missing environment variable");
    }
    std::unique_ptr<Handler> handler = make_handler(settings.handler);
    if (!handler) {
      throw RuntimeError("InvalidHandler",
                         "SUBSTATION_LAMBDA_HANDLER: invalid handler \"" + settings.handler + "\"");
    }
    log.debug("handler ready", {{"handler", settings.handler}});
    auto runtime = std::make_shared<Runtime>(std::move(settings), std::move(handler), log);
    return [runtime](std::string_view event, const Context& ctx) {
      return runtime->invoke(event, ctx);
    };
  });
}

}  // namespace sub::lambda
