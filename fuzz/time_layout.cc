// The Go time layout parser and formatter (core/gotime/layout.cc) and TZif zone data
// (core/gotime/zone.cc, Zone::from_tzif).
//
// Input: <mode> <layout> 0x00 <value>. The low two bits of <mode> pick the zone the value is
// read in and printed in: UTC, a fixed +05:30 zone, America/New_York from the system
// database, or (mode 3) a zone decoded from the rest of the input as TZif data.
// Every parse that succeeds is printed back with the same layout; RFC 3339 printing of an
// instant in years 1-9999 must parse back to the same instant.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "core/gotime/layout.h"
#include "core/gotime/zone.h"
#include "fuzz/support/fuzz_support.h"

namespace {

using sub::gotime::Instant;
using sub::gotime::Zone;

constexpr std::string_view kRfc3339Nano = "2006-01-02T15:04:05.999999999Z07:00";
constexpr int64_t kYear1 = -62135596800;      // 0001-01-01T00:00:00Z
constexpr int64_t kYear10000 = 253402300800;  // 10000-01-01T00:00:00Z

// An instant from the first 8 bytes of `s` read as Unix nanoseconds (a fixed one when
// shorter): the product prints instants it holds as Unix nanoseconds (time_to_string).
Instant instant_from(std::string_view s) {
  int64_t ns = 1700000000123456789;
  if (s.size() >= 8) std::memcpy(&ns, s.data(), 8);
  return Instant::from_unix_nano(ns);
}

void layouts(std::string_view in, const Zone& zone) {
  const auto parts = sub::fuzz::split(in, '\0', 2);
  const std::string_view layout = parts[0];
  const std::string_view value = parts.size() > 1 ? parts[1] : std::string_view();

  sub::fuzz::run_expecting_only_sub_errors([&] {
    const Instant t = sub::gotime::parse(layout, value, zone, zone);
    (void)sub::gotime::format(t, zone, layout);
    (void)sub::gotime::format(t, zone, kRfc3339Nano);
  });
  sub::fuzz::run_expecting_only_sub_errors(
      [&] { (void)sub::gotime::format(instant_from(value), zone, layout); });

  // RFC 3339 round trip, in UTC (a zone offset with seconds does not survive RFC 3339).
  const Instant t = instant_from(value);
  if (t.sec >= kYear1 && t.sec < kYear10000) {
    const auto utc = Zone::utc();
    const std::string text = sub::gotime::format(t, *utc, kRfc3339Nano);
    Instant back;
    const bool parsed = sub::fuzz::run_expecting_only_sub_errors(
        [&] { back = sub::gotime::parse(kRfc3339Nano, text, *utc); });
    sub::fuzz::check(parsed, "RFC 3339 text we printed does not parse", text);
    sub::fuzz::check(back.sec == t.sec && back.nsec == t.nsec,
                     "RFC 3339 round trip changed the instant", text);
  }
}

void tzif(std::string_view in) {
  std::shared_ptr<const Zone> zone;
  if (!sub::fuzz::run_expecting_only_sub_errors([&] { zone = Zone::from_tzif("Fuzz/Zone", in); })) {
    return;
  }
  // Instants across the range the product holds (int64 Unix nanoseconds, 1678-2262).
  for (int64_t sec : {int64_t{-9000000000}, int64_t{-4000000000}, int64_t{0}, int64_t{1700000000},
                      int64_t{4102444800}, int64_t{9000000000}}) {
    const Zone::Period p = zone->lookup(sec);
    (void)zone->lookup_name(p.abbrev, sec);
    sub::fuzz::run_expecting_only_sub_errors([&] {
      (void)sub::gotime::format(Instant{sec, 0}, *zone, "Mon Jan _2 15:04:05 MST -07:00:00 2006");
    });
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = sub::fuzz::bytes_of(data + 1, size - 1);
  static const auto utc = Zone::utc();
  static const auto fixed = Zone::fixed("IST", 5 * 3600 + 1800);
  static const auto new_york = sub::gotime::ZoneDb::system().load("America/New_York");
  switch (data[0] & 3) {
    case 0:
      layouts(rest, *utc);
      break;
    case 1:
      layouts(rest, *fixed);
      break;
    case 2:
      layouts(rest, *new_york);
      break;
    default:
      tzif(rest);
      break;
  }
  return 0;
}
