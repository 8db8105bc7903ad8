// append_rfc3339_nano_utc against the layout formatter it stands in for.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "core/gotime/layout.h"
#include "core/gotime/rfc3339.h"
#include "core/gotime/zone.h"

namespace sub::gotime {
namespace {

std::string fast(Instant t) {
  std::string out = "x";
  append_rfc3339_nano_utc(out, t);
  return out.substr(1);
}

std::string slow(Instant t) {
  return format(t, *Zone::utc(), "2006-01-02T15:04:05.999999999Z07:00");
}

TEST(TimeRfc3339, KnownValues) {
  EXPECT_EQ(fast({1717200000, 500000000}), "2024-06-01T00:00:00.5Z");
  EXPECT_EQ(fast({0, 0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(fast({-1, 999999999}), "1969-12-31T23:59:59.999999999Z");
  EXPECT_EQ(fast({-62135596800, 0}), "0001-01-01T00:00:00Z");  // Go's zero time
  EXPECT_EQ(fast({951782400, 1000}), "2000-02-29T00:00:00.000001Z");
}

TEST(TimeRfc3339, MatchesTheLayoutFormatter) {
  // Seconds across leap years, centuries and both ends of years 0-9999 and beyond, with
  // fractions that keep and drop trailing zeros.
  const int64_t starts[] = {-62167219200 - 86400,
                            -62167219200,
                            -62135596800,
                            -2208988800,
                            -86401,
                            0,
                            951782399,
                            4107542399,
                            253402300799,
                            253402300800,
                            253402300800 + 86400 * 400};
  const int32_t fractions[] = {0, 1, 10, 120, 500000000, 999999999, 100000000, 123456789};
  uint64_t x = 12345;
  for (int64_t start : starts) {
    for (int i = 0; i < 200; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const int64_t sec = start + static_cast<int64_t>(x >> 40) % (86400 * 800) - 86400 * 400;
      for (int32_t ns : fractions) {
        const Instant t{sec, ns};
        ASSERT_EQ(fast(t), slow(t)) << sec << " " << ns;
      }
    }
  }
}

}  // namespace
}  // namespace sub::gotime
