#include "transform/time/common.h"

#include "core/error.h"
#include "core/gotime/civil.h"

namespace sub::transform::time {

Location::Location(const std::string& name, bool fallback_local) : name_(name) {
  try {
    if (name.empty()) {
      zone_ = fallback_local ? gotime::ZoneDb::system().local() : gotime::Zone::utc();
    } else {
      zone_ = gotime::ZoneDb::system().load(name);
    }
  } catch (const Error& e) {
    error_ = "location " + name + ": " + e.what();
  }
}

const gotime::Zone& Location::zone() const {
  if (!zone_) throw Error(error_);
  return *zone_;
}

int64_t floor_div(int64_t a, int64_t b) { return gotime::civil::floor_div(a, b); }

}  // namespace sub::transform::time
