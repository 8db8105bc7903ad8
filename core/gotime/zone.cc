#include "core/gotime/zone.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>

#include "core/error.h"
#include "core/gotime/civil.h"

namespace sub::gotime {
namespace {

constexpr int64_t kAlpha = std::numeric_limits<int64_t>::min();
constexpr int64_t kOmega = std::numeric_limits<int64_t>::max();

// ---- POSIX TZ rules ("EST5EDT,M3.2.0,M11.1.0") -------------------------------------------

struct Rule {
  enum Kind { kJulian, kDayOfYear, kMonthWeekDay } kind = kMonthWeekDay;
  int day = 0;
  int week = 0;
  int mon = 0;
  int64_t time = 0;  // seconds after local midnight
};

// A zone abbreviation: "<+03>" or a run of letters.
bool rule_name(std::string_view& s, std::string_view& name) {
  if (s.empty()) return false;
  if (s[0] == '<') {
    size_t end = s.find('>');
    if (end == std::string_view::npos) return false;
    name = s.substr(1, end - 1);
    s.remove_prefix(end + 1);
    return true;
  }
  size_t i = 0;
  while (i < s.size() && !(s[i] >= '0' && s[i] <= '9') && s[i] != ',' && s[i] != '-' &&
         s[i] != '+') {
    ++i;
  }
  if (i < 3) return false;
  name = s.substr(0, i);
  s.remove_prefix(i);
  return true;
}

bool rule_num(std::string_view& s, int64_t lo, int64_t hi, int64_t& out) {
  size_t i = 0;
  int64_t n = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    n = n * 10 + (s[i] - '0');
    if (n > hi) return false;
    ++i;
  }
  if (i == 0 || n < lo) return false;
  out = n;
  s.remove_prefix(i);
  return true;
}

// [+-]hh[:mm[:ss]] in seconds.
bool rule_offset(std::string_view& s, int64_t& out) {
  if (s.empty()) return false;
  bool neg = false;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    s.remove_prefix(1);
  }
  int64_t hours = 0;
  if (!rule_num(s, 0, 24 * 7, hours)) return false;
  int64_t total = hours * 3600;
  if (!s.empty() && s[0] == ':') {
    s.remove_prefix(1);
    int64_t mins = 0;
    if (!rule_num(s, 0, 59, mins)) return false;
    total += mins * 60;
    if (!s.empty() && s[0] == ':') {
      s.remove_prefix(1);
      int64_t secs = 0;
      if (!rule_num(s, 0, 59, secs)) return false;
      total += secs;
    }
  }
  out = neg ? -total : total;
  return true;
}

bool rule_date(std::string_view& s, Rule& r) {
  if (s.empty()) return false;
  int64_t n = 0;
  if (s[0] == 'J') {
    s.remove_prefix(1);
    if (!rule_num(s, 1, 365, n)) return false;
    r.kind = Rule::kJulian;
    r.day = static_cast<int>(n);
  } else if (s[0] == 'M') {
    s.remove_prefix(1);
    int64_t mon = 0, week = 0, day = 0;
    if (!rule_num(s, 1, 12, mon) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!rule_num(s, 1, 5, week) || s.empty() || s[0] != '.') return false;
    s.remove_prefix(1);
    if (!rule_num(s, 0, 6, day)) return false;
    r.kind = Rule::kMonthWeekDay;
    r.mon = static_cast<int>(mon);
    r.week = static_cast<int>(week);
    r.day = static_cast<int>(day);
  } else {
    if (!rule_num(s, 0, 365, n)) return false;
    r.kind = Rule::kDayOfYear;
    r.day = static_cast<int>(n);
  }
  r.time = 2 * 3600;
  if (!s.empty() && s[0] == '/') {
    s.remove_prefix(1);
    if (!rule_offset(s, r.time)) return false;
  }
  return true;
}

// Seconds from the start of `year` (UTC) to the moment rule `r` fires, for a zone whose
// offset before the change is `offset`.
int64_t rule_time(int64_t year, const Rule& r, int64_t offset) {
  int64_t days = 0;
  switch (r.kind) {
    case Rule::kJulian:
      days = r.day - 1;
      if (civil::is_leap(year) && r.day >= 60) ++days;
      break;
    case Rule::kDayOfYear:
      days = r.day;
      break;
    case Rule::kMonthWeekDay: {
      // Weekday of the first of the month, then the requested weekday's occurrence.
      int dow = static_cast<int>(civil::floor_mod(civil::days_from_civil(year, r.mon, 1) + 4, 7));
      int d = r.day - dow;
      if (d < 0) d += 7;
      for (int i = 1; i < r.week; ++i) {
        if (d + 7 >= civil::days_in(r.mon, year)) break;
        d += 7;
      }
      days = d + civil::days_before(r.mon);
      if (civil::is_leap(year) && r.mon > 2) ++days;
      break;
    }
  }
  return days * civil::kSecondsPerDay + r.time - offset;
}

// Applies the POSIX TZ rule `tz` at Unix second `sec`; `last_tx` is the last transition of
// the file (the start of the period when the rule has no daylight time).
bool apply_rule(std::string_view tz, int64_t last_tx, int64_t sec, Zone::Period& out) {
  std::string_view std_name, dst_name;
  int64_t std_offset = 0, dst_offset = 0;
  if (!rule_name(tz, std_name) || !rule_offset(tz, std_offset)) return false;
  std_offset = -std_offset;
  if (tz.empty() || tz[0] == ',') {
    out = {std_name, static_cast<int32_t>(std_offset), false, last_tx, kOmega};
    return true;
  }
  if (!rule_name(tz, dst_name)) return false;
  if (tz.empty() || tz[0] == ',') {
    dst_offset = std_offset + 3600;
  } else {
    if (!rule_offset(tz, dst_offset)) return false;
    dst_offset = -dst_offset;
  }
  if (tz.empty()) tz = ",M3.2.0,M11.1.0";
  if (tz[0] != ',' && tz[0] != ';') return false;
  tz.remove_prefix(1);
  Rule start_rule, end_rule;
  if (!rule_date(tz, start_rule) || tz.empty() || tz[0] != ',') return false;
  tz.remove_prefix(1);
  if (!rule_date(tz, end_rule) || !tz.empty()) return false;

  const int64_t day = civil::floor_div(sec, civil::kSecondsPerDay);
  const int64_t year = civil::civil_from_days(day).year;
  const int64_t year_start = civil::days_from_civil(year, 1, 1) * civil::kSecondsPerDay;
  const int64_t ysec = sec - year_start;

  int64_t start = rule_time(year, start_rule, std_offset);
  int64_t end = rule_time(year, end_rule, dst_offset);
  bool dst_is_dst = true, std_is_dst = false;
  // Southern hemisphere: the daylight period spans the new year.
  if (end < start) {
    std::swap(start, end);
    std::swap(std_name, dst_name);
    std::swap(std_offset, dst_offset);
    std::swap(std_is_dst, dst_is_dst);
  }
  if (ysec < start) {
    out = {std_name, static_cast<int32_t>(std_offset), std_is_dst, year_start, start + year_start};
  } else if (ysec >= end) {
    // Go ends this period 365 days after the start of the year, even in leap years.
    out = {std_name, static_cast<int32_t>(std_offset), std_is_dst, end + year_start,
           year_start + 365 * civil::kSecondsPerDay};
  } else {
    out = {dst_name, static_cast<int32_t>(dst_offset), dst_is_dst, start + year_start,
           end + year_start};
  }
  return true;
}

// ---- TZif ------------------------------------------------------------------------------

class Reader {
 public:
  explicit Reader(std::string_view d) : d_(d) {}
  bool ok() const { return ok_; }
  std::string_view bytes(size_t n) {
    if (!ok_ || d_.size() < n) {
      ok_ = false;
      return {};
    }
    std::string_view r = d_.substr(0, n);
    d_.remove_prefix(n);
    return r;
  }
  uint32_t be32() {
    std::string_view b = bytes(4);
    if (!ok_) return 0;
    return (uint32_t{static_cast<uint8_t>(b[0])} << 24) |
           (uint32_t{static_cast<uint8_t>(b[1])} << 16) |
           (uint32_t{static_cast<uint8_t>(b[2])} << 8) | uint32_t{static_cast<uint8_t>(b[3])};
  }
  uint64_t be64() {
    uint64_t hi = be32();
    return (hi << 32) | be32();
  }
  uint8_t byte() {
    std::string_view b = bytes(1);
    return ok_ ? static_cast<uint8_t>(b[0]) : 0;
  }
  std::string_view rest() const { return d_; }

 private:
  std::string_view d_;
  bool ok_ = true;
};

struct Counts {
  uint32_t isut, isstd, leap, time, type, chars;
};

bool read_header(Reader& r, int& version, Counts& c) {
  if (r.bytes(4) != "TZif") return false;
  std::string_view v = r.bytes(1);
  if (!r.ok()) return false;
  version = v[0] == 0 ? 1 : v[0] - '0';
  r.bytes(15);
  c.isut = r.be32();
  c.isstd = r.be32();
  c.leap = r.be32();
  c.time = r.be32();
  c.type = r.be32();
  c.chars = r.be32();
  return r.ok();
}

[[noreturn]] void bad_data() { throw Error("malformed time zone information"); }

bool contains_dot_dot(std::string_view s) {
  if (s.size() < 2) return false;
  for (size_t i = 0; i + 1 < s.size(); ++i) {
    if (s[i] == '.' && s[i + 1] == '.') return true;
  }
  return false;
}

// The file's bytes, or nothing when it cannot be read. A directory (a zone name such as
// "America") sets `*is_directory`: libstdc++'s file buffer throws std::ios_base::failure
// when a read fails, so it is not read at all, and any other read failure is caught here.
std::optional<std::string> read_whole_file(const std::string& path, bool* is_directory = nullptr) {
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
    if (is_directory != nullptr) *is_directory = true;
    return std::nullopt;
  }
  try {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::string data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) return std::nullopt;
    return data;
  } catch (const std::ios_base::failure&) {
    return std::nullopt;
  }
}

}  // namespace

// ---- Zone --------------------------------------------------------------------------------

std::shared_ptr<const Zone> Zone::utc() {
  static const std::shared_ptr<const Zone> kUtc = [] {
    auto z = std::make_shared<Zone>();
    z->name_ = "UTC";
    return std::shared_ptr<const Zone>(std::move(z));
  }();
  return kUtc;
}

std::shared_ptr<const Zone> Zone::fixed(std::string name, int32_t offset) {
  auto z = std::make_shared<Zone>();
  z->name_ = name;
  z->types_.push_back({std::move(name), offset, false});
  z->transitions_.push_back({kAlpha, 0});
  return z;
}

std::shared_ptr<const Zone> Zone::from_tzif(std::string name, std::string_view data) {
  Reader r(data);
  int version = 0;
  Counts c{};
  if (!read_header(r, version, c)) bad_data();
  size_t time_size = 4;
  if (version >= 2) {
    // Skip the 32-bit block; the 64-bit block after the second header has the full data.
    r.bytes(size_t{c.time} * 5 + size_t{c.type} * 6 + c.chars + size_t{c.leap} * 8 + c.isstd +
            c.isut);
    if (!read_header(r, version, c)) bad_data();
    time_size = 8;
  }
  if (c.type == 0 || c.type > 256 || c.isstd > c.type || c.isut > c.type) bad_data();

  // Counts larger than the data are malformed (and must not size allocations).
  if (size_t{c.time} * (time_size + 1) + size_t{c.type} * 6 + c.chars > r.rest().size()) {
    bad_data();
  }
  std::vector<int64_t> whens(c.time);
  for (auto& w : whens) {
    w = time_size == 8 ? static_cast<int64_t>(r.be64())
                       : static_cast<int64_t>(static_cast<int32_t>(r.be32()));
  }
  const std::string_view indexes = r.bytes(c.time);
  struct RawType {
    int32_t offset;
    bool dst;
    uint8_t abbrev;
  };
  std::vector<RawType> raw(c.type);
  for (auto& t : raw) {
    t.offset = static_cast<int32_t>(r.be32());
    t.dst = r.byte() != 0;
    t.abbrev = r.byte();
  }
  std::string_view chars = r.bytes(c.chars);
  r.bytes(size_t{c.leap} * (time_size + 4) + c.isstd + c.isut);
  if (!r.ok()) bad_data();

  auto z = std::make_shared<Zone>();
  z->name_ = std::move(name);
  for (const auto& t : raw) {
    if (t.abbrev >= chars.size() && !(t.abbrev == 0 && chars.empty())) bad_data();
    std::string_view a = chars.substr(std::min<size_t>(t.abbrev, chars.size()));
    a = a.substr(0, a.find('\0'));
    z->types_.push_back({std::string(a), t.offset, t.dst});
  }
  for (size_t i = 0; i < whens.size(); ++i) {
    const auto index = static_cast<uint8_t>(indexes[i]);
    if (index >= z->types_.size()) bad_data();
    z->transitions_.push_back({whens[i], index});
  }
  if (z->transitions_.empty()) z->transitions_.push_back({kAlpha, 0});
  if (version >= 2) {
    std::string_view footer = r.rest();
    if (footer.size() > 2 && footer[0] == '\n' && footer.back() == '\n') {
      z->extend_ = std::string(footer.substr(1, footer.size() - 2));
    }
  }
  return z;
}

std::shared_ptr<const Zone> Zone::renamed(std::string name) const {
  auto z = std::make_shared<Zone>(*this);
  z->name_ = std::move(name);
  return z;
}

size_t Zone::first_type() const {
  // A type no transition uses is the zone before the first transition.
  bool first_used = false;
  for (const auto& t : transitions_) {
    if (t.index == 0) first_used = true;
  }
  if (!first_used) return 0;
  // If the first transition goes to daylight time, the standard zone just before it.
  if (!transitions_.empty() && types_[transitions_[0].index].dst) {
    for (int i = static_cast<int>(transitions_[0].index) - 1; i >= 0; --i) {
      if (!types_[i].dst) return static_cast<size_t>(i);
    }
  }
  for (size_t i = 0; i < types_.size(); ++i) {
    if (!types_[i].dst) return i;
  }
  return 0;
}

Zone::Period Zone::lookup(int64_t sec) const {
  if (types_.empty()) return {"UTC", 0, false, kAlpha, kOmega};
  if (transitions_.empty() || sec < transitions_[0].when) {
    const Type& t = types_[first_type()];
    int64_t end = transitions_.empty() ? kOmega : transitions_[0].when;
    return {t.abbrev, t.offset, t.dst, kAlpha, end};
  }
  // The last transition at or before sec.
  size_t lo = 0, hi = transitions_.size();
  int64_t end = kOmega;
  while (hi - lo > 1) {
    size_t m = lo + (hi - lo) / 2;
    if (sec < transitions_[m].when) {
      end = transitions_[m].when;
      hi = m;
    } else {
      lo = m;
    }
  }
  const Type& t = types_[transitions_[lo].index];
  Period p{t.abbrev, t.offset, t.dst, transitions_[lo].when, end};
  if (lo == transitions_.size() - 1 && !extend_.empty()) {
    Period ext;
    if (apply_rule(extend_, p.start, sec, ext)) return ext;
  }
  return p;
}

std::optional<int32_t> Zone::lookup_name(std::string_view abbrev, int64_t sec) const {
  for (const auto& t : types_) {
    if (t.abbrev == abbrev) {
      Period p = lookup(sec - t.offset);
      if (p.abbrev == t.abbrev) return p.offset;
    }
  }
  for (const auto& t : types_) {
    if (t.abbrev == abbrev) return t.offset;
  }
  return std::nullopt;
}

// ---- ZoneDb ------------------------------------------------------------------------------

ZoneDb::ZoneDb(std::vector<std::string> dirs) : dirs_(std::move(dirs)) {}

ZoneDb& ZoneDb::system() {
  static ZoneDb db([] {
    std::vector<std::string> dirs;
    if (const char* zi = std::getenv("ZONEINFO"); zi != nullptr && *zi != '\0') {
      dirs.emplace_back(zi);
    }
    for (const char* d : {"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ",
                          "/etc/zoneinfo"}) {
      dirs.emplace_back(d);
    }
    return dirs;
  }());
  return db;
}

std::shared_ptr<const Zone> ZoneDb::read_file(const std::string& name, bool* is_directory) {
  for (const auto& dir : dirs_) {
    std::string path = dir.empty() ? name : dir + "/" + name;
    std::optional<std::string> data = read_whole_file(path, is_directory);
    if (!data) continue;
    try {
      return Zone::from_tzif(name, *data);
    } catch (const Error&) {
      // Go moves on to the next source when a file does not parse.
    }
  }
  return nullptr;
}

std::shared_ptr<const Zone> ZoneDb::load(std::string_view name) {
  if (name.empty() || name == "UTC") return Zone::utc();
  if (name == "Local") return local();
  if (contains_dot_dot(name) || name[0] == '/' || name[0] == '\\') {
    throw Error("time: invalid location name");
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = cache_.find(name);
    if (it != cache_.end()) return it->second;
  }
  bool is_directory = false;
  std::shared_ptr<const Zone> z = read_file(std::string(name), &is_directory);
  // Go's LoadLocation reports the first error that is not "no such file" (v2.8: `location
  // America: is a directory`).
  if (!z && is_directory) throw Error("is a directory");
  if (!z) throw Error("unknown time zone " + std::string(name));
  std::lock_guard<std::mutex> lock(mu_);
  return cache_.emplace(std::string(name), z).first->second;
}

std::shared_ptr<const Zone> ZoneDb::compute_local() {
  const char* tz_env = std::getenv("TZ");
  if (tz_env == nullptr) {
    std::optional<std::string> data = read_whole_file("/etc/localtime");
    if (data) {
      try {
        return Zone::from_tzif("Local", *data);
      } catch (const Error&) {
      }
    }
    return Zone::utc();
  }
  std::string tz = tz_env;
  if (!tz.empty() && tz[0] == ':') tz.erase(0, 1);
  if (!tz.empty() && tz[0] == '/') {
    std::optional<std::string> data = read_whole_file(tz);
    if (data) {
      try {
        return Zone::from_tzif(tz == "/etc/localtime" ? "Local" : tz, *data);
      } catch (const Error&) {
      }
    }
  } else if (!tz.empty() && tz != "UTC") {
    if (!contains_dot_dot(tz)) {
      if (auto z = read_file(tz)) return z;
    }
  }
  return Zone::utc();
}

std::shared_ptr<const Zone> ZoneDb::local() {
  std::call_once(local_once_, [this] { local_ = compute_local(); });
  return local_;
}

}  // namespace sub::gotime
