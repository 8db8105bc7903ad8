#include "apps/lambda/event_time.h"

#include <cmath>

#include "core/error.h"
#include "core/gotime/rfc3339.h"

namespace sub::lambda {
namespace {

constexpr int64_t kZeroTimeUnix = -62135596800;  // 0001-01-01T00:00:00Z

gotime::Instant unix_time(int64_t sec, int64_t nsec) {
  // Go's time.Unix normalisation of nsec outside [0, 1e9).
  if (nsec < 0 || nsec >= 1'000'000'000) {
    int64_t n = nsec / 1'000'000'000;
    sec += n;
    nsec -= n * 1'000'000'000;
    if (nsec < 0) {
      nsec += 1'000'000'000;
      --sec;
    }
  }
  return gotime::Instant{sec, static_cast<int32_t>(nsec)};
}

[[noreturn]] void not_a(std::string_view what, std::string_view field, const json::Value& v) {
  throw Error("event field " + std::string(field) + ": cannot read " + std::string(v.raw()) +
              " as " + std::string(what));
}

}  // namespace

gotime::Instant instant_from_epoch_seconds(const json::Value& v, std::string_view field) {
  if (!v.exists() || v.type() == json::Value::Type::kNull) return {kZeroTimeUnix, 0};
  if (v.type() != json::Value::Type::kNumber) not_a("epoch seconds", field, v);
  const double epoch = v.num();
  if (!std::isfinite(epoch) || std::fabs(epoch) > 9.2e18) not_a("epoch seconds", field, v);
  const int64_t sec = static_cast<int64_t>(epoch);
  const int64_t nsec = static_cast<int64_t>((epoch - static_cast<double>(sec)) * 1e9);
  return unix_time(sec, nsec);
}

gotime::Instant instant_from_epoch_millis(const json::Value& v, std::string_view field) {
  if (!v.exists() || v.type() == json::Value::Type::kNull) return {kZeroTimeUnix, 0};
  if (v.type() != json::Value::Type::kNumber) not_a("epoch milliseconds", field, v);
  for (char c : v.raw()) {
    if (c == '.' || c == 'e' || c == 'E') not_a("epoch milliseconds", field, v);
  }
  const int64_t ms = v.to_int();
  return unix_time(ms / 1000, (ms % 1000) * 1'000'000);
}

std::string format_utc(gotime::Instant t) {
  std::string out;
  gotime::append_rfc3339_nano_utc(out, t);
  return out;
}

std::string reformat_rfc3339(const json::Value& v, std::string_view field) {
  if (!v.exists() || v.type() == json::Value::Type::kNull) return format_utc({kZeroTimeUnix, 0});
  if (v.type() != json::Value::Type::kString) not_a("an RFC 3339 time", field, v);
  const std::string_view s = v.str();
  int32_t offset = 0;
  if (s.size() >= 6 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') &&
      s[s.size() - 3] == ':') {
    const auto digits = [&](size_t i) { return (s[i] - '0') * 10 + (s[i + 1] - '0'); };
    offset = (digits(s.size() - 5) * 3600 + digits(s.size() - 2) * 60) *
             (s[s.size() - 6] == '-' ? -1 : 1);
  }
  gotime::Instant t;
  try {
    t = gotime::parse("2006-01-02T15:04:05Z07:00", s, *gotime::Zone::utc());
  } catch (const Error& e) {
    throw Error("event field " + std::string(field) + ": " + e.what());
  }
  if (offset == 0) return format_utc(t);
  return gotime::format(t, *gotime::Zone::fixed("", offset), kRfc3339Nano);
}

}  // namespace sub::lambda
