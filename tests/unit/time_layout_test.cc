// Go layout formatting/parsing and time zones. The table cases come from Go itself:
// tests/differential/time/cases.tsv is the output of tests/differential/time/main.go.
#include <gtest/gtest.h>

#include <cstdint>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/gotime/layout.h"
#include "core/gotime/zone.h"

namespace sub::gotime {
namespace {

std::shared_ptr<const Zone> zone(const std::string& name) {
  return ZoneDb::system().load(name == "Local" ? "UTC" : name);
}

std::vector<std::vector<std::string>> load_cases() {
  std::ifstream in(std::string(SUBSTATION_SOURCE_DIR) + "/tests/differential/time/cases.tsv");
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cols;
    std::stringstream ss(line);
    std::string col;
    while (std::getline(ss, col, '\t')) cols.push_back(col);
    if (line.back() == '\t') cols.emplace_back();
    while (cols.size() < 5) cols.emplace_back();
    rows.push_back(cols);
  }
  return rows;
}

// Every int64 of Unix nanoseconds is an instant, as in Go's time.Unix(0, ns), with no
// signed overflow on the way (a fuzz finding: INT64_MIN overflowed in floor_mod).
TEST(TimeLayout, UnixNanoExtremes) {
  const Instant lo = Instant::from_unix_nano(INT64_MIN);
  EXPECT_EQ(lo.sec, -9223372037);
  EXPECT_EQ(lo.nsec, 145224192);
  EXPECT_EQ(lo.unix_nano(), INT64_MIN);
  const Instant hi = Instant::from_unix_nano(INT64_MAX);
  EXPECT_EQ(hi.sec, 9223372036);
  EXPECT_EQ(hi.nsec, 854775807);
  const Instant minus_one = Instant::from_unix_nano(-1);
  EXPECT_EQ(minus_one.sec, -1);
  EXPECT_EQ(minus_one.nsec, 999999999);
}

TEST(TimeLayout, GoDifferentialFormat) {
  auto rows = load_cases();
  ASSERT_GT(rows.size(), 1000u);
  int checked = 0;
  for (const auto& r : rows) {
    if (r[0] != "format") continue;
    Instant t = Instant::from_unix_nano(std::stoll(r[3]));
    EXPECT_EQ(format(t, *zone(r[1]), r[2]), r[4])
        << "zone " << r[1] << " layout " << r[2] << " ns " << r[3];
    ++checked;
  }
  EXPECT_GT(checked, 5000);
}

TEST(TimeLayout, GoDifferentialParse) {
  int checked = 0;
  for (const auto& r : load_cases()) {
    if (r[0] != "parse") continue;
    std::string got;
    try {
      got = std::to_string(parse(r[2], r[3], *zone(r[1])).unix_nano());
    } catch (const Error& e) {
      got = std::string("ERR ") + e.what();
    }
    EXPECT_EQ(got, r[4]) << "zone " << r[1] << " layout " << r[2] << " value " << r[3];
    ++checked;
  }
  EXPECT_GT(checked, 70);
}

TEST(TimeLayout, ReferenceVectors) {
  auto utc = Zone::utc();
  EXPECT_EQ(format(Instant::from_unix_nano(1639877490000000000), *utc, "2006-01-02T15:04:05.000Z"),
            "2021-12-19T01:31:30.000Z");
  EXPECT_EQ(parse("2006-01-02T15:04:05.000Z", "2021-12-19T01:31:30.000Z", *utc).unix_nano(),
            1639877490000000000);
  auto ny = ZoneDb::system().load("America/New_York");
  EXPECT_EQ(parse("2006-01-02T15:04:05.000Z", "2021-12-19T01:31:30.000Z", *ny).unix_nano(),
            1639895490000000000);
  EXPECT_EQ(format(Instant::from_unix_nano(1639895490000000000), *ny, "2006-01-02T15:04:05.000Z"),
            "2021-12-19T01:31:30.000Z");
}

TEST(TimeLayout, BareZIsLiteral) {
  auto utc = Zone::utc();
  EXPECT_EQ(format(Instant{0, 0}, *utc, "Z"), "Z");
  EXPECT_THROW(parse("2006Z", "2006+01:00", *utc), Error);
}

TEST(TimeLayout, NegativeNanosecondsFloor) {
  Instant t = Instant::from_unix_nano(-1);
  EXPECT_EQ(t.sec, -1);
  EXPECT_EQ(t.nsec, 999999999);
  EXPECT_EQ(t.unix_nano(), -1);
  EXPECT_EQ(format(t, *Zone::utc(), "2006-01-02 15:04:05.000000000"),
            "1969-12-31 23:59:59.999999999");
}

TEST(TimeLayout, ParseErrorNamesValueAndLayout) {
  try {
    parse("2006-01-02", "nope", *Zone::utc());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "parsing time \"nope\" as \"2006-01-02\": cannot parse \"nope\" as \"2006\"");
  }
}

TEST(TimeZone, LoadErrors) {
  auto& db = ZoneDb::system();
  try {
    db.load("Not/AZone");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "unknown time zone Not/AZone");
  }
  EXPECT_THROW(db.load("../etc/passwd"), Error);
  EXPECT_THROW(db.load("/etc/localtime"), Error);
  // A folder of the zone database (fuzz/crashes/config_json/time-location-is-a-directory):
  // reading it threw std::ios_base::failure out of the loader; v2.8 says this.
  try {
    db.load("America");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "is a directory");
  }
  EXPECT_EQ(db.load("")->name(), "UTC");
  EXPECT_EQ(db.load("UTC")->name(), "UTC");
  // Cached: the same object is returned.
  EXPECT_EQ(db.load("America/New_York").get(), db.load("America/New_York").get());
}

TEST(TimeZone, RuleExtendsPastLastTransition) {
  // A zone with only the POSIX rule: every instant uses the rule.
  std::string tzif;
  auto be32 = [&](uint32_t v) {
    for (int s = 24; s >= 0; s -= 8) tzif.push_back(static_cast<char>((v >> s) & 0xff));
  };
  auto header = [&](char version) {
    tzif += "TZif";
    tzif.push_back(version);
    tzif.append(15, '\0');
    be32(0), be32(0), be32(0), be32(0), be32(1), be32(4);
  };
  auto body = [&] {
    be32(static_cast<uint32_t>(-5 * 3600));
    tzif.push_back('\0');
    tzif.push_back('\0');
    tzif.append("EST", 4);
  };
  header('2');
  body();
  header('2');
  body();
  tzif += "\nEST5EDT,M3.2.0,M11.1.0\n";
  auto z = Zone::from_tzif("Test/Rule", tzif);
  // 2021-07-01T12:00:00Z is daylight time.
  Zone::Period p = z->lookup(1625140800);
  EXPECT_EQ(p.abbrev, "EDT");
  EXPECT_EQ(p.offset, -4 * 3600);
  EXPECT_TRUE(p.dst);
  p = z->lookup(1609502400);  // 2021-01-01T12:00:00Z
  EXPECT_EQ(p.abbrev, "EST");
  EXPECT_EQ(p.offset, -5 * 3600);
  EXPECT_EQ(format(Instant{1625140800, 0}, *z, "15:04 MST -07:00"), "08:00 EDT -04:00");
}

TEST(TimeZone, MalformedTzif) {
  EXPECT_THROW(Zone::from_tzif("x", "not a tzif file"), Error);
  EXPECT_THROW(Zone::from_tzif("x", "TZif2"), Error);
}

TEST(TimeZone, FixedZone) {
  auto z = Zone::fixed("ABC", 5400);
  EXPECT_EQ(format(Instant{0, 0}, *z, "15:04 MST Z07:00"), "01:30 ABC +01:30");
  auto unnamed = Zone::fixed("", -5400);
  EXPECT_EQ(format(Instant{0, 0}, *unnamed, "MST"), "-0130");
}

}  // namespace
}  // namespace sub::gotime
