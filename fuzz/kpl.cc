// KPL de-aggregation (services/aws/kpl.cc), the parser the Kinesis handler and `tap` run on
// every record a stream delivers.
//
// Input: <mode> <rest>. The low two bits of <mode> pick what <rest> is:
//   0  a whole Kinesis record (magic, protobuf, MD5), passed as it is;
//   1  the protobuf body only: the target adds the magic and the correct MD5, so that the
//      fuzzer reaches the protobuf reader without having to forge digests;
//   2, 3  user records <data> 0x00 <partition key> 0x00 <explicit hash key> 0x00 ...,
//      aggregated with KplAggregator and de-aggregated again: every record must come back.
#include <openssl/evp.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz/support/fuzz_support.h"
#include "services/aws/kpl.h"

namespace {

std::string md5(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<const char*>(out), len);
}

void deaggregate(std::string_view record) {
  std::vector<sub::aws::KplUserRecord> out;
  sub::fuzz::run_expecting_only_sub_errors([&] { (void)sub::aws::kpl_deaggregate(record, out); });
}

void round_trip(std::string_view rest) {
  const auto fields = sub::fuzz::split(rest, '\0', 3 * 64);
  sub::aws::KplAggregator agg;
  std::vector<sub::aws::KplUserRecord> added;
  for (size_t i = 0; i < fields.size(); i += 3) {
    sub::aws::KplUserRecord r;
    r.data = fields[i];
    if (i + 1 < fields.size()) r.partition_key = fields[i + 1];
    if (i + 2 < fields.size()) r.explicit_hash_key = fields[i + 2];
    if (!agg.add(r.data, r.partition_key, r.explicit_hash_key)) break;
    if (r.partition_key.size() > 256) r.partition_key.resize(256);  // as add() keeps it
    added.push_back(std::move(r));
  }
  const std::string record = agg.get();
  std::vector<sub::aws::KplUserRecord> back;
  bool was_aggregate = false;
  const bool ok = sub::fuzz::run_expecting_only_sub_errors(
      [&] { was_aggregate = sub::aws::kpl_deaggregate(record, back); });
  sub::fuzz::check(ok, "an aggregate we built does not de-aggregate");
  sub::fuzz::check(was_aggregate, "an aggregate we built is not recognised as one");
  sub::fuzz::check(back.size() == added.size(), "de-aggregation changed the record count");
  for (size_t i = 0; i < back.size(); ++i) {
    sub::fuzz::check(back[i].data == added[i].data, "record data changed");
    sub::fuzz::check(back[i].partition_key == added[i].partition_key, "partition key changed");
    sub::fuzz::check(back[i].explicit_hash_key == added[i].explicit_hash_key,
                     "explicit hash key changed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest = sub::fuzz::bytes_of(data + 1, size - 1);
  switch (data[0] & 3) {
    case 0:
      deaggregate(rest);
      break;
    case 1:
      deaggregate(std::string(sub::aws::kKplMagic) + std::string(rest) + md5(rest));
      break;
    default:
      round_trip(rest);
      break;
  }
  return 0;
}
