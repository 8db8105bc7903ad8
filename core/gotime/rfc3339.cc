#include "core/gotime/rfc3339.h"

#include "core/gotime/civil.h"
#include "core/gotime/zone.h"

namespace sub::gotime {
namespace {

void append_digits(std::string& out, int64_t v, int width) {
  char buf[4];
  for (int i = width - 1; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
  out.append(buf, static_cast<size_t>(width));
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
  append_digits(out, d.year, 4);
  out += '-';
  append_digits(out, d.month, 2);
  out += '-';
  append_digits(out, d.day, 2);
  out += 'T';
  append_digits(out, s / 3600, 2);
  out += ':';
  append_digits(out, s / 60 % 60, 2);
  out += ':';
  append_digits(out, s % 60, 2);
  if (t.nsec != 0) {
    char frac[10] = {'.'};
    int32_t ns = t.nsec;
    for (int i = 9; i >= 1; --i) {
      frac[i] = static_cast<char>('0' + ns % 10);
      ns /= 10;
    }
    size_t len = 10;
    while (frac[len - 1] == '0') --len;
    out.append(frac, len);
  }
  out += 'Z';
}

}  // namespace sub::gotime
