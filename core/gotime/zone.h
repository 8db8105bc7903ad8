// Time zones with the semantics of Go's time.Location: IANA zones read from TZif files of
// the system time zone database (with the POSIX TZ rule that extends them past their last
// transition), fixed-offset zones, UTC, and the process-local zone (Go's time.Local, chosen
// from the TZ environment variable).
//
// A Zone is immutable once built and safe to share between threads. ZoneDb caches loaded
// zones; its cache is guarded by a mutex, so one ZoneDb may be used from many threads.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sub::gotime {

class Zone {
 public:
  // The zone in effect at one instant, and the interval [start, end) of Unix seconds during
  // which it stays in effect (open ends are the int64 extremes).
  struct Period {
    std::string_view abbrev;
    int32_t offset = 0;  // seconds east of UTC
    bool dst = false;
    int64_t start = 0;
    int64_t end = 0;
  };

  // Go's time.UTC: no zones at all; every lookup gives "UTC", offset 0.
  static std::shared_ptr<const Zone> utc();
  // Go's time.FixedZone(name, offset).
  static std::shared_ptr<const Zone> fixed(std::string name, int32_t offset);
  // Go's time.LoadLocationFromTZData. Throws sub::Error on malformed data.
  static std::shared_ptr<const Zone> from_tzif(std::string name, std::string_view data);

  // The location name ("UTC", "America/New_York", "Local").
  const std::string& name() const { return name_; }

  // The zone in effect at Unix second `sec`.
  Period lookup(int64_t sec) const;
  // The offset of the zone called `abbrev`, preferring one in effect at `sec` (the time as
  // if it were UTC); nullopt if no zone has that abbreviation.
  std::optional<int32_t> lookup_name(std::string_view abbrev, int64_t sec) const;

  // A copy of this zone under another location name (Go's time.Local keeps the zone data
  // of the file it was loaded from but is called "Local").
  std::shared_ptr<const Zone> renamed(std::string name) const;

 private:
  struct Type {
    std::string abbrev;
    int32_t offset = 0;
    bool dst = false;
  };
  struct Transition {
    int64_t when = 0;
    uint8_t index = 0;
  };

  size_t first_type() const;

  std::string name_;
  std::vector<Type> types_;
  std::vector<Transition> transitions_;
  std::string extend_;  // POSIX TZ rule for instants after the last transition
};

class ZoneDb {
 public:
  // Looks zones up in `dirs`, in order (each a directory of TZif files).
  explicit ZoneDb(std::vector<std::string> dirs);

  // The database of this process: the directory named by $ZONEINFO (if set), then the
  // usual system directories. Built on first use; thread-safe.
  static ZoneDb& system();

  // Go's time.LoadLocation: "" and "UTC" give UTC, "Local" the local zone, anything else a
  // TZif file name. Throws sub::Error ("unknown time zone X", "time: invalid location
  // name"). Results are cached.
  std::shared_ptr<const Zone> load(std::string_view name);

  // Go's time.Local, decided once from $TZ: unset → /etc/localtime; empty or "UTC" → UTC;
  // ":name" or "name" → that zone (an absolute path is read directly); a zone that cannot
  // be loaded → UTC.
  std::shared_ptr<const Zone> local();

 private:
  // The first zone file `name` that parses in the sources; `*is_directory` is set when a
  // source has a directory by that name.
  std::shared_ptr<const Zone> read_file(const std::string& name, bool* is_directory = nullptr);
  std::shared_ptr<const Zone> compute_local();

  const std::vector<std::string> dirs_;
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<const Zone>, std::less<>> cache_;
  std::once_flag local_once_;
  std::shared_ptr<const Zone> local_;
};

}  // namespace sub::gotime
