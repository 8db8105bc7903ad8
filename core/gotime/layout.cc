#include "core/gotime/layout.h"

#include <array>
#include <optional>

#include "core/error.h"
#include "core/gotime/civil.h"

namespace sub::gotime {
namespace {

enum class Elem {
  kNone,
  kLongMonth,              // January
  kMonth,                  // Jan
  kNumMonth,               // 1
  kZeroMonth,              // 01
  kLongWeekDay,            // Monday
  kWeekDay,                // Mon
  kDay,                    // 2
  kUnderDay,               // _2
  kZeroDay,                // 02
  kUnderYearDay,           // __2
  kZeroYearDay,            // 002
  kHour,                   // 15
  kHour12,                 // 3
  kZeroHour12,             // 03
  kMinute,                 // 4
  kZeroMinute,             // 04
  kSecond,                 // 5
  kZeroSecond,             // 05
  kLongYear,               // 2006
  kYear,                   // 06
  kPM,                     // PM
  kpm,                     // pm
  kTZ,                     // MST
  kISO8601TZ,              // Z0700
  kISO8601SecondsTZ,       // Z070000
  kISO8601ShortTZ,         // Z07
  kISO8601ColonTZ,         // Z07:00
  kISO8601ColonSecondsTZ,  // Z07:00:00
  kNumTZ,                  // -0700
  kNumSecondsTZ,           // -070000
  kNumShortTZ,             // -07
  kNumColonTZ,             // -07:00
  kNumColonSecondsTZ,      // -07:00:00
  kFracSecond0,            // .0, .00, ... (trailing zeros kept)
  kFracSecond9,            // .9, .99, ... (trailing zeros dropped)
};

struct Chunk {
  std::string_view prefix;  // literal text before the element
  Elem elem = Elem::kNone;
  std::string_view elem_text;  // the element as written in the layout
  std::string_view suffix;     // the rest of the layout
  int digits = 0;              // fraction digit count
  char sep = '.';              // fraction separator
};

constexpr std::array<std::string_view, 12> kLongMonths = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};
constexpr std::array<std::string_view, 12> kShortMonths = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kLongDays = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                       "Thursday", "Friday", "Saturday"};
constexpr std::array<std::string_view, 7> kShortDays = {"Sun", "Mon", "Tue", "Wed",
                                                        "Thu", "Fri", "Sat"};

bool is_digit(std::string_view s, size_t i) { return i < s.size() && s[i] >= '0' && s[i] <= '9'; }

bool starts_lower(std::string_view s) { return !s.empty() && s[0] >= 'a' && s[0] <= 'z'; }

bool has_at(std::string_view s, size_t i, std::string_view what) {
  return s.size() >= i + what.size() && s.substr(i, what.size()) == what;
}

// Finds the first layout element in `layout`.
Chunk next_chunk(std::string_view layout) {
  auto make = [&](size_t i, size_t len, Elem e) {
    Chunk c;
    c.prefix = layout.substr(0, i);
    c.elem = e;
    c.elem_text = layout.substr(i, len);
    c.suffix = layout.substr(i + len);
    return c;
  };
  for (size_t i = 0; i < layout.size(); ++i) {
    switch (layout[i]) {
      case 'J':
        if (has_at(layout, i, "Jan")) {
          if (has_at(layout, i, "January")) return make(i, 7, Elem::kLongMonth);
          if (!starts_lower(layout.substr(i + 3))) return make(i, 3, Elem::kMonth);
        }
        break;
      case 'M':
        if (has_at(layout, i, "Mon")) {
          if (has_at(layout, i, "Monday")) return make(i, 6, Elem::kLongWeekDay);
          if (!starts_lower(layout.substr(i + 3))) return make(i, 3, Elem::kWeekDay);
        }
        if (has_at(layout, i, "MST")) return make(i, 3, Elem::kTZ);
        break;
      case '0':
        if (i + 1 < layout.size() && layout[i + 1] >= '1' && layout[i + 1] <= '6') {
          static constexpr Elem kZero[] = {Elem::kZeroMonth,  Elem::kZeroDay,    Elem::kZeroHour12,
                                           Elem::kZeroMinute, Elem::kZeroSecond, Elem::kYear};
          return make(i, 2, kZero[layout[i + 1] - '1']);
        }
        if (has_at(layout, i, "002")) return make(i, 3, Elem::kZeroYearDay);
        break;
      case '1':
        if (has_at(layout, i, "15")) return make(i, 2, Elem::kHour);
        return make(i, 1, Elem::kNumMonth);
      case '2':
        if (has_at(layout, i, "2006")) return make(i, 4, Elem::kLongYear);
        return make(i, 1, Elem::kDay);
      case '_':
        if (has_at(layout, i, "_2")) {
          // "_2006" is a literal underscore followed by the year.
          if (has_at(layout, i + 1, "2006")) return make(i + 1, 4, Elem::kLongYear);
          return make(i, 2, Elem::kUnderDay);
        }
        if (has_at(layout, i, "__2")) return make(i, 3, Elem::kUnderYearDay);
        break;
      case '3':
        return make(i, 1, Elem::kHour12);
      case '4':
        return make(i, 1, Elem::kMinute);
      case '5':
        return make(i, 1, Elem::kSecond);
      case 'P':
        if (has_at(layout, i, "PM")) return make(i, 2, Elem::kPM);
        break;
      case 'p':
        if (has_at(layout, i, "pm")) return make(i, 2, Elem::kpm);
        break;
      case '-':
        if (has_at(layout, i, "-070000")) return make(i, 7, Elem::kNumSecondsTZ);
        if (has_at(layout, i, "-07:00:00")) return make(i, 9, Elem::kNumColonSecondsTZ);
        if (has_at(layout, i, "-0700")) return make(i, 5, Elem::kNumTZ);
        if (has_at(layout, i, "-07:00")) return make(i, 6, Elem::kNumColonTZ);
        if (has_at(layout, i, "-07")) return make(i, 3, Elem::kNumShortTZ);
        break;
      case 'Z':
        if (has_at(layout, i, "Z070000")) return make(i, 7, Elem::kISO8601SecondsTZ);
        if (has_at(layout, i, "Z07:00:00")) return make(i, 9, Elem::kISO8601ColonSecondsTZ);
        if (has_at(layout, i, "Z0700")) return make(i, 5, Elem::kISO8601TZ);
        if (has_at(layout, i, "Z07:00")) return make(i, 6, Elem::kISO8601ColonTZ);
        if (has_at(layout, i, "Z07")) return make(i, 3, Elem::kISO8601ShortTZ);
        break;
      case '.':
      case ',':
        if (i + 1 < layout.size() && (layout[i + 1] == '0' || layout[i + 1] == '9')) {
          char ch = layout[i + 1];
          size_t j = i + 1;
          while (j < layout.size() && layout[j] == ch) ++j;
          // Only a fraction when the run of digits ends here.
          if (!is_digit(layout, j)) {
            Chunk c = make(i, j - i, ch == '0' ? Elem::kFracSecond0 : Elem::kFracSecond9);
            c.digits = static_cast<int>(j - (i + 1));
            c.sep = layout[i];
            return c;
          }
        }
        break;
      default:
        break;
    }
  }
  Chunk c;
  c.prefix = layout;
  return c;
}

// Go's appendInt: optional '-', then at least `width` digits.
void append_int(std::string& b, int64_t x, int width) {
  uint64_t u = static_cast<uint64_t>(x);
  if (x < 0) {
    b.push_back('-');
    u = 0 - u;
  }
  char buf[24];
  int n = 0;
  do {
    buf[n++] = static_cast<char>('0' + u % 10);
    u /= 10;
  } while (u > 0);
  for (int pad = width - n; pad > 0; --pad) b.push_back('0');
  while (n > 0) b.push_back(buf[--n]);
}

void append_fraction(std::string& b, int32_t nsec, const Chunk& c) {
  const bool trim = c.elem == Elem::kFracSecond9;
  if (trim && (c.digits == 0 || nsec == 0)) return;
  const size_t start = b.size();
  b.push_back(c.sep);
  // Nine zero-padded digits, of which the layout keeps the first c.digits.
  char digits[9];
  for (int i = 8, v = nsec; i >= 0; --i, v /= 10) digits[i] = static_cast<char>('0' + v % 10);
  b.append(digits, static_cast<size_t>(c.digits < 9 ? c.digits : 9));
  if (trim) {
    while (b.size() > start && b.back() == '0') b.pop_back();
    if (b.size() > start && b.back() == c.sep) b.pop_back();
  }
}

bool is_iso8601(Elem e) {
  return e == Elem::kISO8601TZ || e == Elem::kISO8601SecondsTZ || e == Elem::kISO8601ShortTZ ||
         e == Elem::kISO8601ColonTZ || e == Elem::kISO8601ColonSecondsTZ;
}

void append_offset(std::string& b, Elem e, int32_t offset) {
  if (offset == 0 && is_iso8601(e)) {
    b.push_back('Z');
    return;
  }
  // In int64: a zone file may say -2^31, which int32 cannot negate.
  int64_t zone = offset / 60;
  int64_t abs_offset = offset;
  if (zone < 0) {
    b.push_back('-');
    zone = -zone;
    abs_offset = -abs_offset;
  } else {
    b.push_back('+');
  }
  append_int(b, zone / 60, 2);
  const bool colon = e == Elem::kISO8601ColonTZ || e == Elem::kNumColonTZ ||
                     e == Elem::kISO8601ColonSecondsTZ || e == Elem::kNumColonSecondsTZ;
  if (colon) b.push_back(':');
  if (e != Elem::kNumShortTZ && e != Elem::kISO8601ShortTZ) append_int(b, zone % 60, 2);
  if (e == Elem::kISO8601SecondsTZ || e == Elem::kNumSecondsTZ || e == Elem::kNumColonSecondsTZ ||
      e == Elem::kISO8601ColonSecondsTZ) {
    if (e == Elem::kNumColonSecondsTZ || e == Elem::kISO8601ColonSecondsTZ) b.push_back(':');
    append_int(b, abs_offset % 60, 2);
  }
}

// ---- parsing helpers (Go's time package semantics) ----------------------------------------

// Go's time.quote: non-ASCII and control bytes as \xNN.
std::string quote(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c >= 0x80 || c < 0x20) {
      out += "\\x";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    } else {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

struct Bad {};  // internal: the element did not match

// Leading decimal digits; nullopt on overflow or when none are present.
std::optional<int64_t> leading_int(std::string_view& s) {
  size_t i = 0;
  uint64_t x = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
    if (x > (uint64_t{1} << 63) / 10) return std::nullopt;
    x = x * 10 + static_cast<uint64_t>(s[i] - '0');
    if (x > (uint64_t{1} << 63)) return std::nullopt;
  }
  s.remove_prefix(i);
  return static_cast<int64_t>(x);
}

// Go's time.atoi: optional sign, then digits only (an empty run counts as 0).
int64_t atoi(std::string_view s) {
  bool neg = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  std::optional<int64_t> q = leading_int(s);
  if (!q || !s.empty()) throw Bad{};
  return neg ? -*q : *q;
}

int getnum(std::string_view& s, bool fixed) {
  if (!is_digit(s, 0)) throw Bad{};
  if (!is_digit(s, 1)) {
    if (fixed) throw Bad{};
    int v = s[0] - '0';
    s.remove_prefix(1);
    return v;
  }
  int v = (s[0] - '0') * 10 + (s[1] - '0');
  s.remove_prefix(2);
  return v;
}

int getnum3(std::string_view& s, bool fixed) {
  int n = 0;
  size_t i = 0;
  for (; i < 3 && is_digit(s, i); ++i) n = n * 10 + (s[i] - '0');
  if (i == 0 || (fixed && i != 3)) throw Bad{};
  s.remove_prefix(i);
  return n;
}

template <size_t N>
int lookup_name(const std::array<std::string_view, N>& tab, std::string_view& s) {
  for (size_t i = 0; i < N; ++i) {
    std::string_view v = tab[i];
    if (s.size() < v.size()) continue;
    bool match = true;
    for (size_t j = 0; j < v.size(); ++j) {
      char a = s[j], b = v[j];
      if (a == b) continue;
      // ASCII case-insensitive match.
      char la = (a >= 'A' && a <= 'Z') ? static_cast<char>(a + 32) : a;
      char lb = (b >= 'A' && b <= 'Z') ? static_cast<char>(b + 32) : b;
      if (la != lb || !((la >= 'a' && la <= 'z'))) {
        match = false;
        break;
      }
    }
    if (match) {
      s.remove_prefix(v.size());
      return static_cast<int>(i);
    }
  }
  throw Bad{};
}

std::string_view cut_space(std::string_view s) {
  while (!s.empty() && s[0] == ' ') s.remove_prefix(1);
  return s;
}

// Matches the literal `prefix` against `value`; runs of spaces match runs of spaces.
bool skip(std::string_view& value, std::string_view prefix) {
  while (!prefix.empty()) {
    if (prefix[0] == ' ') {
      if (!value.empty() && value[0] != ' ') return false;
      prefix = cut_space(prefix);
      value = cut_space(value);
      continue;
    }
    if (value.empty() || value[0] != prefix[0]) return false;
    prefix.remove_prefix(1);
    value.remove_prefix(1);
  }
  return true;
}

bool comma_or_period(char c) { return c == '.' || c == ','; }

// A fraction ".ddd" of `nbytes` bytes (separator included) as nanoseconds.
int32_t parse_nanoseconds(std::string_view value, size_t nbytes, std::string& range_err) {
  if (!comma_or_period(value[0])) throw Bad{};
  if (nbytes > 10) nbytes = 10;
  int64_t ns = atoi(value.substr(1, nbytes - 1));
  if (ns < 0) {
    range_err = "fractional second";
    return 0;
  }
  for (size_t i = 0; i < 10 - nbytes; ++i) ns *= 10;
  return static_cast<int32_t>(ns);
}

size_t parse_signed_offset(std::string_view value) {
  if (value.empty() || (value[0] != '-' && value[0] != '+')) return 0;
  std::string_view rest = value.substr(1);
  std::optional<int64_t> x = leading_int(rest);
  if (!x || rest.size() == value.size() - 1) return 0;
  if (*x > 12) return 0;
  return value.size() - rest.size();
}

// Length of a time zone abbreviation at the start of `value`, or 0.
size_t parse_zone_name(std::string_view value) {
  if (value.size() < 3) return 0;
  if (has_at(value, 0, "ChST") || has_at(value, 0, "MeST")) return 4;
  if (has_at(value, 0, "GMT")) {
    if (value.size() == 3) return 3;
    return 3 + parse_signed_offset(value.substr(3));
  }
  if (value[0] == '+' || value[0] == '-') return parse_signed_offset(value);
  size_t upper = 0;
  while (upper < 6 && upper < value.size() && value[upper] >= 'A' && value[upper] <= 'Z') {
    ++upper;
  }
  switch (upper) {
    case 3:
      return 3;
    case 4:
      return (value[3] == 'T' || has_at(value, 0, "WITA")) ? 4 : 0;
    case 5:
      return value[4] == 'T' ? 5 : 0;
    default:
      return 0;
  }
}

// Go's time.Date for an already validated date in `zone`.
Instant date_in(int64_t year, int month, int day, int hour, int min, int sec, int32_t nsec,
                const Zone& zone) {
  int64_t unix = civil::days_from_civil(year, month, day) * civil::kSecondsPerDay +
                 int64_t{hour} * 3600 + int64_t{min} * 60 + sec;
  Zone::Period p = zone.lookup(unix);
  if (p.offset != 0) {
    int64_t utc = unix - p.offset;
    int32_t offset = p.offset;
    if (utc < p.start || utc >= p.end) offset = zone.lookup(utc).offset;
    unix -= offset;
  }
  return {unix, nsec};
}

}  // namespace

Instant Instant::from_unix_nano(int64_t ns) {
  return {civil::floor_div(ns, 1000000000), static_cast<int32_t>(civil::floor_mod(ns, 1000000000))};
}

int64_t Instant::unix_nano() const {
  return static_cast<int64_t>(static_cast<uint64_t>(sec) * 1000000000u +
                              static_cast<uint64_t>(nsec));
}

std::string format(Instant t, const Zone& zone, std::string_view layout) {
  const Zone::Period p = zone.lookup(t.sec);
  const int64_t local = t.sec + p.offset;
  const int64_t days = civil::floor_div(local, civil::kSecondsPerDay);
  const int64_t secs = local - days * civil::kSecondsPerDay;
  const civil::Date d = civil::civil_from_days(days);
  const int hour = static_cast<int>(secs / 3600);
  const int min = static_cast<int>(secs / 60 % 60);
  const int sec = static_cast<int>(secs % 60);

  std::string b;
  b.reserve(layout.size() + 10);
  while (!layout.empty()) {
    Chunk c = next_chunk(layout);
    b.append(c.prefix);
    if (c.elem == Elem::kNone) break;
    layout = c.suffix;
    switch (c.elem) {
      case Elem::kYear: {
        int64_t y = d.year < 0 ? -d.year : d.year;
        append_int(b, y % 100, 2);
        break;
      }
      case Elem::kLongYear:
        append_int(b, d.year, 4);
        break;
      case Elem::kMonth:
        b.append(kShortMonths[d.month - 1]);
        break;
      case Elem::kLongMonth:
        b.append(kLongMonths[d.month - 1]);
        break;
      case Elem::kNumMonth:
        append_int(b, d.month, 0);
        break;
      case Elem::kZeroMonth:
        append_int(b, d.month, 2);
        break;
      case Elem::kWeekDay:
        b.append(kShortDays[d.weekday]);
        break;
      case Elem::kLongWeekDay:
        b.append(kLongDays[d.weekday]);
        break;
      case Elem::kDay:
        append_int(b, d.day, 0);
        break;
      case Elem::kUnderDay:
        if (d.day < 10) b.push_back(' ');
        append_int(b, d.day, 0);
        break;
      case Elem::kZeroDay:
        append_int(b, d.day, 2);
        break;
      case Elem::kUnderYearDay:
        if (d.yday < 100) {
          b.push_back(' ');
          if (d.yday < 10) b.push_back(' ');
        }
        append_int(b, d.yday, 0);
        break;
      case Elem::kZeroYearDay:
        append_int(b, d.yday, 3);
        break;
      case Elem::kHour:
        append_int(b, hour, 2);
        break;
      case Elem::kHour12:
      case Elem::kZeroHour12: {
        int h = hour % 12;
        if (h == 0) h = 12;
        append_int(b, h, c.elem == Elem::kZeroHour12 ? 2 : 0);
        break;
      }
      case Elem::kMinute:
        append_int(b, min, 0);
        break;
      case Elem::kZeroMinute:
        append_int(b, min, 2);
        break;
      case Elem::kSecond:
        append_int(b, sec, 0);
        break;
      case Elem::kZeroSecond:
        append_int(b, sec, 2);
        break;
      case Elem::kPM:
        b.append(hour >= 12 ? "PM" : "AM");
        break;
      case Elem::kpm:
        b.append(hour >= 12 ? "pm" : "am");
        break;
      case Elem::kTZ:
        if (!p.abbrev.empty()) {
          b.append(p.abbrev);
        } else {
          int32_t zone_min = p.offset / 60;
          if (zone_min < 0) {
            b.push_back('-');
            zone_min = -zone_min;
          } else {
            b.push_back('+');
          }
          append_int(b, zone_min / 60, 2);
          append_int(b, zone_min % 60, 2);
        }
        break;
      case Elem::kFracSecond0:
      case Elem::kFracSecond9:
        append_fraction(b, t.nsec, c);
        break;
      case Elem::kNone:
        break;
      default:  // the numeric and ISO 8601 zone offsets
        append_offset(b, c.elem, p.offset);
        break;
    }
  }
  return b;
}

Instant parse(std::string_view layout, std::string_view value, const Zone& zone) {
  return parse(layout, value, zone, zone);
}

Instant parse(std::string_view layout, std::string_view value, const Zone& dflt,
              const Zone& local) {
  const std::string_view all_layout = layout, all_value = value;
  auto fail = [&](std::string_view value_elem, std::string_view layout_elem) -> Error {
    return Error("parsing time " + quote(all_value) + " as " + quote(all_layout) +
                 ": cannot parse " + quote(value_elem) + " as " + quote(layout_elem));
  };
  auto fail_msg = [&](const std::string& msg) -> Error {
    return Error("parsing time " + quote(all_value) + msg);
  };

  bool am = false, pm = false;
  int64_t year = 0;
  int month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0;
  int32_t nsec = 0;
  bool utc = false;
  int64_t zone_offset = -1;
  bool have_offset = false;
  std::string_view zone_name;

  for (;;) {
    Chunk c = next_chunk(layout);
    if (!skip(value, c.prefix)) throw fail(value, c.prefix);
    if (c.elem == Elem::kNone) {
      if (!value.empty()) throw fail_msg(": extra text: " + quote(value));
      break;
    }
    layout = c.suffix;
    const std::string_view hold = value;
    std::string range_err;
    try {
      switch (c.elem) {
        case Elem::kYear: {
          if (value.size() < 2) throw Bad{};
          std::string_view p = value.substr(0, 2);
          value.remove_prefix(2);
          year = atoi(p);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case Elem::kLongYear: {
          if (value.size() < 4 || !is_digit(value, 0)) throw Bad{};
          std::string_view p = value.substr(0, 4);
          value.remove_prefix(4);
          year = atoi(p);
          break;
        }
        case Elem::kMonth:
          month = lookup_name(kShortMonths, value) + 1;
          break;
        case Elem::kLongMonth:
          month = lookup_name(kLongMonths, value) + 1;
          break;
        case Elem::kNumMonth:
        case Elem::kZeroMonth:
          month = getnum(value, c.elem == Elem::kZeroMonth);
          if (month <= 0 || month > 12) range_err = "month";
          break;
        case Elem::kWeekDay:
          lookup_name(kShortDays, value);
          break;
        case Elem::kLongWeekDay:
          lookup_name(kLongDays, value);
          break;
        case Elem::kDay:
        case Elem::kUnderDay:
        case Elem::kZeroDay:
          if (c.elem == Elem::kUnderDay && !value.empty() && value[0] == ' ') {
            value.remove_prefix(1);
          }
          day = getnum(value, c.elem == Elem::kZeroDay);
          break;
        case Elem::kUnderYearDay:
        case Elem::kZeroYearDay:
          for (int i = 0; i < 2; ++i) {
            if (c.elem == Elem::kUnderYearDay && !value.empty() && value[0] == ' ') {
              value.remove_prefix(1);
            }
          }
          yday = getnum3(value, c.elem == Elem::kZeroYearDay);
          break;
        case Elem::kHour:
          hour = getnum(value, false);
          if (hour < 0 || hour >= 24) range_err = "hour";
          break;
        case Elem::kHour12:
        case Elem::kZeroHour12:
          hour = getnum(value, c.elem == Elem::kZeroHour12);
          if (hour < 0 || hour > 12) range_err = "hour";
          break;
        case Elem::kMinute:
        case Elem::kZeroMinute:
          min = getnum(value, c.elem == Elem::kZeroMinute);
          if (min < 0 || min >= 60) range_err = "minute";
          break;
        case Elem::kSecond:
        case Elem::kZeroSecond: {
          sec = getnum(value, c.elem == Elem::kZeroSecond);
          if (sec < 0 || sec >= 60) {
            range_err = "second";
            break;
          }
          // A fraction in the value that the layout does not ask for is still accepted.
          if (value.size() >= 2 && comma_or_period(value[0]) && is_digit(value, 1)) {
            Elem next = next_chunk(layout).elem;
            if (next == Elem::kFracSecond0 || next == Elem::kFracSecond9) break;
            size_t n = 2;
            while (n < value.size() && is_digit(value, n)) ++n;
            nsec = parse_nanoseconds(value, n, range_err);
            value.remove_prefix(n);
          }
          break;
        }
        case Elem::kPM:
        case Elem::kpm: {
          if (value.size() < 2) throw Bad{};
          std::string_view p = value.substr(0, 2);
          value.remove_prefix(2);
          const bool upper = c.elem == Elem::kPM;
          if (p == (upper ? "PM" : "pm")) {
            pm = true;
          } else if (p == (upper ? "AM" : "am")) {
            am = true;
          } else {
            throw Bad{};
          }
          break;
        }
        case Elem::kTZ: {
          if (has_at(value, 0, "UTC")) {
            utc = true;
            value.remove_prefix(3);
            break;
          }
          size_t n = parse_zone_name(value);
          if (n == 0) throw Bad{};
          zone_name = value.substr(0, n);
          value.remove_prefix(n);
          break;
        }
        case Elem::kFracSecond0: {
          size_t ndigit = 1 + static_cast<size_t>(c.digits);
          if (value.size() < ndigit) throw Bad{};
          nsec = parse_nanoseconds(value, ndigit, range_err);
          value.remove_prefix(ndigit);
          break;
        }
        case Elem::kFracSecond9: {
          if (value.size() < 2 || !comma_or_period(value[0]) || !is_digit(value, 1)) break;
          size_t i = 0;
          while (i + 1 < value.size() && is_digit(value, i + 1)) ++i;
          nsec = parse_nanoseconds(value, 1 + i, range_err);
          value.remove_prefix(1 + i);
          break;
        }
        case Elem::kNone:
          break;
        default: {  // numeric / ISO 8601 offsets
          if (is_iso8601(c.elem) && !value.empty() && value[0] == 'Z') {
            value.remove_prefix(1);
            utc = true;
            break;
          }
          std::string_view sign, hh, mm, ss = "00";
          const Elem e = c.elem;
          if (e == Elem::kISO8601ColonTZ || e == Elem::kNumColonTZ) {
            if (value.size() < 6 || value[3] != ':') throw Bad{};
            sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2);
            value.remove_prefix(6);
          } else if (e == Elem::kNumShortTZ || e == Elem::kISO8601ShortTZ) {
            if (value.size() < 3) throw Bad{};
            sign = value.substr(0, 1), hh = value.substr(1, 2), mm = "00";
            value.remove_prefix(3);
          } else if (e == Elem::kISO8601ColonSecondsTZ || e == Elem::kNumColonSecondsTZ) {
            if (value.size() < 9 || value[3] != ':' || value[6] != ':') throw Bad{};
            sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(4, 2);
            ss = value.substr(7, 2);
            value.remove_prefix(9);
          } else if (e == Elem::kISO8601SecondsTZ || e == Elem::kNumSecondsTZ) {
            if (value.size() < 7) throw Bad{};
            sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2);
            ss = value.substr(5, 2);
            value.remove_prefix(7);
          } else {
            if (value.size() < 5) throw Bad{};
            sign = value.substr(0, 1), hh = value.substr(1, 2), mm = value.substr(3, 2);
            value.remove_prefix(5);
          }
          int h = getnum(hh, true);
          int m = getnum(mm, true);
          int s = getnum(ss, true);
          // Go uses > here: offsets of 24 hours or 60 minutes/seconds are accepted.
          if (h > 24) range_err = "time zone offset hour";
          if (m > 60) range_err = "time zone offset minute";
          if (s > 60) range_err = "time zone offset second";
          zone_offset = (int64_t{h} * 60 + m) * 60 + s;
          have_offset = true;
          if (sign[0] == '-') {
            zone_offset = -zone_offset;
          } else if (sign[0] != '+') {
            throw Bad{};
          }
          break;
        }
      }
    } catch (const Bad&) {
      // A range problem found before the syntax error wins, as in Go.
      if (!range_err.empty()) throw fail_msg(": " + range_err + " out of range");
      throw fail(hold, c.elem_text);
    }
    if (!range_err.empty()) {
      throw fail_msg(": " + range_err + " out of range");
    }
  }

  if (pm && hour < 12) {
    hour += 12;
  } else if (am && hour == 12) {
    hour = 0;
  }

  if (yday >= 0) {
    int m = 0, d = 0;
    if (civil::is_leap(year)) {
      if (yday == 31 + 29) {
        m = 2;
        d = 29;
      } else if (yday > 31 + 29) {
        --yday;
      }
    }
    if (yday < 1 || yday > 365) throw fail_msg(": day-of-year out of range");
    if (m == 0) {
      m = (yday - 1) / 31 + 1;
      if (civil::days_before(m + 1) < yday) ++m;
      d = yday - civil::days_before(m);
    }
    if (month >= 0 && month != m) throw fail_msg(": day-of-year does not match month");
    month = m;
    if (day >= 0 && day != d) throw fail_msg(": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > civil::days_in(month, year)) throw fail_msg(": day out of range");

  const int64_t wall = civil::days_from_civil(year, month, day) * civil::kSecondsPerDay +
                       int64_t{hour} * 3600 + int64_t{min} * 60 + sec;
  if (utc) return {wall, nsec};
  if (have_offset) return {wall - zone_offset, nsec};
  if (!zone_name.empty()) {
    if (std::optional<int32_t> off = local.lookup_name(zone_name, wall)) {
      return {wall - *off, nsec};
    }
    // An unknown abbreviation: Go attaches a made-up zone (GMT+h gets that offset) but
    // keeps the instant of the wall time read as UTC.
    return {wall, nsec};
  }
  return date_in(year, month, day, hour, min, sec, nsec, dflt);
}

}  // namespace sub::gotime
