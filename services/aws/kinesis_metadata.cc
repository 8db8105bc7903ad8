#include "services/aws/kinesis_metadata.h"

#include "core/gotime/rfc3339.h"
#include "core/json/encode.h"

namespace sub::aws {

std::string kinesis_record_metadata(gotime::Instant arrival, std::string_view stream,
                                    std::string_view partition_key,
                                    std::string_view sequence_number) {
  std::string meta;
  // The keys, the time and the quotes take about 110 bytes: one allocation in the usual case.
  meta.reserve(128 + stream.size() + partition_key.size() + sequence_number.size());
  meta += "{\"approximateArrivalTimestamp\":\"";
  gotime::append_rfc3339_nano_utc(meta, arrival);
  meta += "\",\"stream\":";
  json::append_go_string(meta, stream);
  meta += ",\"partitionKey\":";
  json::append_go_string(meta, partition_key);
  meta += ",\"sequenceNumber\":";
  json::append_go_string(meta, sequence_number);
  meta += '}';
  return meta;
}

}  // namespace sub::aws
