#include "core/gotime/rfc3339.h"

#include "core/gotime/civil.h"
#include "core/gotime/zone.h"

namespace sub::gotime {
namespace {

// Writes v (0 <= v < 10^width) as `width` digits ending just before `end`.
void put_digits(char* end, int64_t v, int width) {
  for (int i = 0; i < width; ++i) {
    *--end = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

}  // namespace

void append_rfc3339_nano_utc(std::string& out, Instant t) {
  const int64_t days = civil::floor_div(t.sec, civil::kSecondsPerDay);
  const civil::Date d = civil::civil_from_days(days);
  if (d.year < 0 || d.year > 9999 || t.nsec < 0 || t.nsec >= 1'000'000'000) {
    out += format(t, *Zone::utc(), "2006-01-02T15:04:05.999999999Z07:00");
    return;
  }
  const int64_t s = civil::floor_mod(t.sec, civil::kSecondsPerDay);
  // "2006-01-02T15:04:05.999999999Z" built on the stack and appended once.
  char buf[31] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0',
                  'T', '0', '0', ':', '0', '0', ':', '0', '0', '.'};
  put_digits(buf + 4, d.year, 4);
  put_digits(buf + 7, d.month, 2);
  put_digits(buf + 10, d.day, 2);
  put_digits(buf + 13, s / 3600, 2);
  put_digits(buf + 16, s / 60 % 60, 2);
  put_digits(buf + 19, s % 60, 2);
  size_t len = 19;
  if (t.nsec != 0) {
    put_digits(buf + 29, t.nsec, 9);
    len = 29;
    while (buf[len - 1] == '0') --len;
  }
  buf[len++] = 'Z';
  out.append(buf, len);
}

}  // namespace sub::gotime
