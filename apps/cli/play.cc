// `substation play`: the playground, a local web page to write a config, run it over some
// input, test and format it, and share it as a link. Serves HTTP until SIGINT or SIGTERM,
// then exits 0.
//
// Flags:
//   --addr host:port  where to listen (default 127.0.0.1:8080; the reference listens on
//                     every interface, `:8080`, which `--addr :8080` still gives). Port 0
//                     picks a free port. `[::1]:8080` for IPv6.
//   --timeout N       seconds a /run or /test may take (default 30, 1..3600)
//   --allow LIST      what configs may reach: files, network, aws, env or all (default
//                     none; apps/cli/play_policy.h)
//   --memory MiB      address space of each run's worker process (default 2048, 0: none)
//
// Any page the user visits can send requests to a server on loopback, so every request
// must show that it comes from the playground's own page (apps/cli/play_guard.h): a Host
// that is an IP address or `localhost` (no DNS rebinding), no foreign Origin, and for every
// POST `Content-Type: application/json` and the token the page carries (X-Play-Token), which
// is new at every start. CORS preflights are refused.
// Once listening, prints `Substation playground listening on http://<host>:<port>` on
// stdout. Requests that fail are logged on stderr, one line each.
//
// Endpoints (request bodies are JSON, at most 10 MiB: larger ones get 413; every answer
// but `/` is JSON, written as Go's json.Encoder writes it; errors are `{"error":"..."}`
// with a 4xx/5xx status):
//   GET  /            the page (apps/cli/play/index.html). `?share=<base64url of
//                     config{substation-separator}input{substation-separator}>` pre-fills
//                     its editors (the page finds them in a `<script id="shared">` JSON
//                     block: `{"config":...,"input":...}`, or null).
//   POST /run         {"config","input","env":{"K":"V"}} -> {"output":["<data>",...]}: the
//                     config (Jsonnet or JSON, `sub` bound to the library) over the input,
//                     one message per line, then a control message (apps/cli/play_engine.h
//                     for env, time limit and errors).
//   POST /test        {"config"} -> {"output":"<the report of `substation test`>"}; the
//                     config is named `config` in it, and each passing test also gets a
//                     `--- PASS: <name>` line.
//   GET  /demo        {"config","input"}: the demo of `substation demo` (apps/cli/demo/).
//   GET  /examples    {"examples":[{"name","title","config","input"},...]}: the page's
//                     examples menu (apps/cli/play_examples.h).
//   GET  /docs        {"types":[{"name","kind","summary"},...]}: every type, as `substation
//                     docs` lists them.
//   GET  /docs/TYPE   {"type","docs"}: TYPE's settings as `substation docs TYPE` prints them;
//                     404 for an unknown type, the error suggesting the closest name.
//   POST /fmt         {"jsonnet"} -> {"config":"<formatted>"} (the formatter of `fmt`).
//                     The reference opens it to every origin (CORS `*`); this one is not.
//   POST /share       {"config","input"} -> {"url":"/?share=<base64url>"}.
// A known path with another method gets 405; any other path 404.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <exception>
#include <functional>
#include <string>
#include <thread>

#include "apps/cli/commands.h"
#include "apps/cli/http_server.h"
#include "apps/cli/play_engine.h"
#include "apps/cli/play_examples.h"
#include "apps/cli/play_guard.h"
#include "apps/cli/play_json.h"
#include "apps/cli/type_docs.h"
#include "config/jsonnet.h"
#include "core/error.h"
#include "embedded/demo_config.h"
#include "embedded/demo_events.h"
#include "embedded/play_index_html.h"

namespace sub::cli {
namespace {

// The first line of a text, without its newline: the demo event /demo offers (the input box
// is one message).
std::string first_line(std::string_view text) {
  return std::string(text.substr(0, text.find('\n')));
}

using play::RequestError;

constexpr size_t kMaxBody = size_t{10} << 20;
constexpr std::string_view kJson = "application/json";
constexpr std::string_view kSharedToken = "__SHARED__";
constexpr std::string_view kTokenToken = "__PLAY_TOKEN__";
// How long stopping waits for runs that ignore cancellation before exiting anyway.
constexpr std::chrono::seconds kStopWait{2};

struct Address {
  std::string host;
  int port = 0;
};

[[noreturn]] void invalid_addr(const std::string& addr, const std::string& why) {
  throw Error("invalid --addr \"" + addr + "\": " + why);
}

Address parse_addr(const std::string& addr) {
  const size_t colon = addr.rfind(':');
  if (colon == std::string::npos) invalid_addr(addr, "want host:port");
  Address out;
  out.host = addr.substr(0, colon);
  const std::string port = addr.substr(colon + 1);
  if (out.host.size() >= 2 && out.host.front() == '[' && out.host.back() == ']') {
    out.host = out.host.substr(1, out.host.size() - 2);
  } else if (out.host.find_first_of("[]:") != std::string::npos) {
    invalid_addr(addr, "write an IPv6 host in brackets: [::1]:8080");
  }
  if (out.host.empty()) out.host = "0.0.0.0";  // `:8080`, as the reference: every interface
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != port.npos ||
      std::stoi(port) > 65535) {
    invalid_addr(addr, "the port must be a number from 0 to 65535");
  }
  out.port = std::stoi(port);
  return out;
}

std::string url_of(const Address& addr) {
  const bool v6 = addr.host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + addr.host + "]" : addr.host) + ":" + std::to_string(addr.port);
}

void reply(HttpResponse& res, int status, const std::string& body) {
  res.status = status;
  res.content_type = std::string(kJson);
  res.body = body;
}

void reply_error(const HttpRequest& req, HttpResponse& res, int status,
                 const std::string& message) {
  reply(res, status, play::json_object({{"error", message}}));
  std::fprintf(stderr, "substation play: %s %s: %d %s\n",
               req.method.empty() ? "-" : req.method.c_str(),
               req.path.empty() ? "-" : req.path.c_str(), status, message.c_str());
}

std::string index_page(const HttpRequest& req, const std::string& token) {
  std::string shared = "null";
  std::string share;
  if (req.param("share", share)) {
    if (auto parts = play::decode_share(share)) {
      shared = play::json_object({{"config", parts->first}, {"input", parts->second}});
      shared.pop_back();  // the newline
    }
  }
  std::string page(embedded::play_index_html);
  const size_t at = page.find(kSharedToken);
  if (at != std::string::npos) page.replace(at, kSharedToken.size(), shared);
  const size_t t = page.find(kTokenToken);
  if (t != std::string::npos) page.replace(t, kTokenToken.size(), token);
  return page;
}

std::string examples_json() {
  std::vector<std::vector<std::pair<std::string, std::string>>> list;
  for (const play::Example& ex : play::examples()) {
    list.push_back(
        {{"name", ex.name}, {"title", ex.title}, {"config", ex.config}, {"input", ex.input}});
  }
  return play::json_object_list("examples", list);
}

std::string type_list_json() {
  std::vector<std::vector<std::pair<std::string, std::string>>> list;
  for (const TypeSummary& t : type_summaries()) {
    list.push_back({{"name", t.name}, {"kind", t.kind}, {"summary", t.summary}});
  }
  return play::json_object_list("types", list);
}

// The docs of the type a /docs/TYPE path names.
std::string type_docs_json(const std::string& type) {
  try {
    return play::json_object({{"type", type}, {"docs", type_docs(type)}});
  } catch (const Error& e) {
    throw RequestError(404, e.what());
  }
}

// The TYPE of a /docs/TYPE path: 1 to 100 letters, digits and underscores.
bool docs_type(const std::string& path, std::string& type) {
  constexpr std::string_view kPrefix = "/docs/";
  if (!path.starts_with(kPrefix)) return false;
  type = path.substr(kPrefix.size());
  return !type.empty() && type.size() <= 100 && std::all_of(type.begin(), type.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

void serve_page(const play::Guard& guard, const HttpRequest& req, HttpResponse& res) {
  res.content_type = "text/html; charset=utf-8";
  res.body = index_page(req, guard.token());
  // The page may not be framed by another site, nor load anything from elsewhere.
  res.headers = {{"X-Frame-Options", "DENY"},
                 {"Content-Security-Policy",
                  "default-src 'self'; script-src 'unsafe-inline'; "
                  "style-src 'unsafe-inline'; frame-ancestors 'none'"},
                 {"Referrer-Policy", "no-referrer"}};
}

// One request, after the guard: the endpoint its method and path name.
void route(play::Engine& engine, const play::Guard& guard, const HttpRequest& req,
           HttpResponse& res) {
  const bool get = req.method == "GET" || req.method == "HEAD";
  const bool post = req.method == "POST";
  const std::string& path = req.path;
  std::string type;
  if (path == "/run" || path == "/test" || path == "/fmt" || path == "/share") {
    if (!post) throw RequestError(405, "method not allowed");
    const play::RequestBody body(req.body);
    if (path == "/run") {
      const std::vector<std::string> output =
          engine.run(body.string("config"), body.string("input"), body.string_map("env"));
      reply(res, 200, play::json_string_list("output", output));
    } else if (path == "/test") {
      reply(res, 200, play::json_object({{"output", engine.test(body.string("config"))}}));
    } else if (path == "/fmt") {
      const std::string formatted = config::format_jsonnet(body.string("jsonnet"), "config");
      reply(res, 200, play::json_object({{"config", formatted}}));
    } else {
      reply(res, 200,
            play::json_object(
                {{"url", play::share_link(body.string("config"), body.string("input"))}}));
    }
    return;
  }
  const bool known = path == "/" || path == "/demo" || path == "/examples" || path == "/docs" ||
                     path.starts_with("/docs/");
  if (!known) throw RequestError(404, "not found");
  if (!get) throw RequestError(405, "method not allowed");
  if (path == "/") {
    serve_page(guard, req, res);
  } else if (path == "/demo") {
    reply(res, 200,
          play::json_object({{"config", std::string(embedded::demo_config)},
                             {"input", first_line(embedded::demo_events)}}));
  } else if (path == "/examples") {
    reply(res, 200, examples_json());
  } else if (path == "/docs") {
    reply(res, 200, type_list_json());
  } else if (docs_type(path, type)) {
    reply(res, 200, type_docs_json(type));
  } else {
    throw RequestError(404, "not found");
  }
}

// Every request passes the guard first; failures answer JSON errors, never an exception.
HttpServer::Handler handler(play::Engine& engine, const play::Guard& guard) {
  return [&engine, &guard](const HttpRequest& req, HttpResponse& res) {
    try {
      const play::Guard::Verdict v = guard.check(
          req.method, req.header("Host"), req.header("Origin"), req.header("Sec-Fetch-Site"),
          req.header("Content-Type"), req.header(play::Guard::kTokenHeader));
      if (v.status != 0) return reply_error(req, res, v.status, v.reason);
      route(engine, guard, req, res);
    } catch (const RequestError& e) {
      reply_error(req, res, e.status(), e.what());
    } catch (const Error& e) {
      reply_error(req, res, 400, e.what());
    } catch (const std::exception& e) {
      reply_error(req, res, 500, e.what());
    } catch (...) {
      reply_error(req, res, 500, "unknown error");
    }
  };
}

// Blocks SIGINT and SIGTERM in this thread and every thread it starts, so that they wait
// for sigtimedwait (no handler, no flag). Like Go's signal.Notify in the reference, it
// stops ignoring them (a shell without job control starts `substation play &` with SIGINT
// ignored). Restores the previous dispositions and mask when destroyed.
class BlockStopSignals {
 public:
  BlockStopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(SIGINT, &dfl, &old_int_);
    sigaction(SIGTERM, &dfl, &old_term_);
  }
  ~BlockStopSignals() {
    sigaction(SIGINT, &old_int_, nullptr);
    sigaction(SIGTERM, &old_term_, nullptr);
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  BlockStopSignals(const BlockStopSignals&) = delete;
  BlockStopSignals& operator=(const BlockStopSignals&) = delete;

  // Waits up to `wait` for one of the signals; true when it came.
  bool wait(std::chrono::milliseconds wait) const {
    timespec ts{};
    ts.tv_sec = static_cast<time_t>(wait.count() / 1000);
    ts.tv_nsec = static_cast<long>(wait.count() % 1000) * 1000000;
    return sigtimedwait(&set_, nullptr, &ts) > 0;
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
  struct sigaction old_int_ {};
  struct sigaction old_term_ {};
};

}  // namespace

int run_play(const PlayArgs& args) {
  Address addr = parse_addr(args.addr);
  play::Limits limits;
  limits.time = std::chrono::seconds(args.timeout);
  limits.memory_mib = static_cast<size_t>(args.memory);
  play::Engine engine(limits, play::Policy::parse(args.allow));
  const play::Guard guard(play::Guard::new_token());
  HttpServer::Limits http_limits;
  http_limits.body = kMaxBody;
  HttpServer server(http_limits, handler(engine, guard),
                    [](const HttpRequest& req, int status, const std::string& reason,
                       HttpResponse& res) { reply_error(req, res, status, reason); });

  const BlockStopSignals signals;
  try {
    addr.port = server.listen(addr.host, addr.port);
  } catch (const Error& e) {
    throw Error("cannot listen on " + args.addr + ": " + e.what());
  }

  std::atomic<bool> listening_ended{false};
  std::thread listener([&] {
    server.serve();
    listening_ended.store(true);
  });
  std::printf("Substation playground listening on %s\n", url_of(addr).c_str());
  std::fflush(stdout);

  while (!listening_ended.load() && !signals.wait(std::chrono::milliseconds(200))) {
  }
  const bool failed = listening_ended.load();
  engine.shutdown();
  server.stop();
  listener.join();
  if (!engine.wait_idle(kStopWait)) {
    // A run stuck in a transform that ignores cancellation: its thread cannot be joined.
    std::fputs("substation play: a run did not stop; exiting anyway\n", stderr);
    std::fflush(stdout);
    std::_Exit(failed ? 1 : 0);
  }
  if (failed) throw Error("the server on " + url_of(addr) + " stopped unexpectedly");
  return 0;
}

}  // namespace sub::cli
