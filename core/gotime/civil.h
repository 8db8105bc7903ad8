// Proleptic Gregorian calendar arithmetic on int64 day numbers (days since 1970-01-01),
// shared by the zone rules and the layout formatter/parser.
#pragma once

#include <cstdint>

namespace sub::gotime::civil {

inline constexpr int64_t kSecondsPerDay = 86400;

inline bool is_leap(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

// Days in `month` (1-12) of `year`.
inline int days_in(int month, int64_t year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap(year)) return 29;
  return kDays[month - 1];
}

// Days of a non-leap year before the first day of `month` (1-13).
inline int days_before(int month) {
  static constexpr int kBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  return kBefore[month - 1];
}

// Floor division and modulo.
inline int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}
// The remainder with the sign of `b`, computed from a % b so that no intermediate product
// can overflow (floor_div(a, b) * b does for a near INT64_MIN).
inline int64_t floor_mod(int64_t a, int64_t b) {
  const int64_t r = a % b;
  return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r;
}

// Day number of year/month/day (month 1-12, day 1-31).
inline int64_t days_from_civil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = floor_div(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Date {
  int64_t year;
  int month;    // 1-12
  int day;      // 1-31
  int yday;     // 1-366
  int weekday;  // 0 = Sunday
};

inline Date civil_from_days(int64_t z) {
  Date out{};
  out.weekday = static_cast<int>(floor_mod(z + 4, 7));
  z += 719468;
  const int64_t era = floor_div(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = yoe + era * 400 + (out.month <= 2);
  out.yday = static_cast<int>(z - 719468 - days_from_civil(out.year, 1, 1) + 1);
  return out;
}

}  // namespace sub::gotime::civil
