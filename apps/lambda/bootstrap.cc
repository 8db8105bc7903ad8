#include "apps/lambda/bootstrap.h"

#include <chrono>
#include <cstdlib>
#include <memory>
#include <thread>

#include "apps/lambda/config_loader.h"
#include "apps/lambda/handler.h"
#include "apps/lambda/runtime_api.h"
#include "apps/lambda/s3_object_fetcher.h"
#include "apps/lambda/settings.h"
#include "services/logger.h"
#include "services/output.h"
#include "services/services.h"

namespace sub::lambda {
namespace {

constexpr int kNextAttempts = 3;

Context context_for(const NextInvocation& inv) {
  Context ctx;
  if (inv.deadline_ms > 0) {
    const int64_t now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
    ctx.deadline = Context::Clock::now() + std::chrono::milliseconds(inv.deadline_ms - now_ms);
  }
  return ctx;
}

int fail_init(RuntimeApi& api, const Logger& log, std::string_view type,
              const std::string& message) {
  log.error("init failed", {{"errorType", type}, {"error", message}});
  try {
    api.init_error(type, message);
  } catch (const Error& e) {
    log.error("could not report the init error", {{"error", e.what()}});
  }
  return 1;
}

}  // namespace

int run_bootstrap() {
  const auto started = std::chrono::steady_clock::now();
  const Logger early(std::getenv("SUBSTATION_DEBUG") != nullptr);
  const char* api_env = std::getenv("AWS_LAMBDA_RUNTIME_API");
  if (!api_env || !*api_env) {
    early.error("AWS_LAMBDA_RUNTIME_API: missing environment variable");
    return 1;
  }
  RuntimeApi api(api_env);

  Settings settings;
  try {
    settings = Settings::from_env();
  } catch (const Error& e) {
    return fail_init(api, early, "InvalidSettings", e.what());
  }
  const Logger log(settings.debug);
  if (!settings.handler_set || settings.handler.empty()) {
    return fail_init(api, log, "InvalidHandler",
                     "SUBSTATION_LAMBDA_HANDLER: missing environment variable");
  }
  std::unique_ptr<Handler> handler = make_handler(settings.handler);
  if (!handler) {
    return fail_init(api, log, "InvalidHandler",
                     "SUBSTATION_LAMBDA_HANDLER: invalid handler \"" + settings.handler + "\"");
  }

  auto stdout_sink = std::make_shared<FdSink>(1);
  Services services;
  services.stdout_sink = stdout_sink;
  // A decompression bomb fails its message before it can exhaust the function's memory.
  services.max_decompressed = settings.max_line;
  ConfigLoader loader(settings.config, settings.config_set, settings.config_refresh, services, log);
  S3ObjectFetcher objects;
  log.debug("runtime ready",
            {{"handler", settings.handler},
             {"init_us", std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(
                                            std::chrono::steady_clock::now() - started)
                                            .count())}});

  for (;;) {
    NextInvocation inv;
    bool got = false;
    for (int attempt = 1; attempt <= kNextAttempts && !got; ++attempt) {
      try {
        inv = api.next();
        got = true;
      } catch (const Error& e) {
        log.warn("runtime api unavailable",
                 {{"error", e.what()}, {"attempt", std::to_string(attempt)}});
        std::this_thread::sleep_for(std::chrono::milliseconds(100 * attempt));
      }
    }
    if (!got) {
      log.error("runtime api gone, exiting");
      return 1;
    }
    if (!inv.trace_id.empty()) ::setenv("_X_AMZN_TRACE_ID", inv.trace_id.c_str(), 1);
    const auto t0 = std::chrono::steady_clock::now();
    const Context ctx = context_for(inv);
    std::string payload;
    std::string error_type;
    std::string error;
    try {
      const Pipeline& pipeline = loader.get();
      const Invocation call{inv.event, pipeline, ctx, settings, log, objects};
      payload = handler->handle(call);
    } catch (const EventError& e) {
      error_type = "InvalidEvent";
      error = e.what();
    } catch (const ConfigLoadError& e) {
      error_type = "ConfigError";
      error = e.what();
    } catch (const std::exception& e) {
      error_type = "HandlerError";
      error = e.what();
    }
    stdout_sink->flush();
    const std::string us = std::to_string(
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0)
            .count());
    try {
      if (error_type.empty()) {
        log.debug("invocation done", {{"requestId", inv.request_id}, {"duration_us", us}});
        api.respond(inv.request_id, payload);
      } else {
        // The pipeline may hold a failed invocation's partial state: build it afresh.
        loader.discard();
        log.error("invocation failed", {{"requestId", inv.request_id},
                                        {"handler", settings.handler},
                                        {"errorType", error_type},
                                        {"error", error}});
        api.fail(inv.request_id, error_type, settings.handler + ": " + error);
      }
    } catch (const Error& e) {
      log.error("could not post the result", {{"requestId", inv.request_id}, {"error", e.what()}});
    }
  }
}

}  // namespace sub::lambda
