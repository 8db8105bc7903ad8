#include "services/aws/kinesis_metadata.h"

#include "core/json/encode.h"

namespace sub::aws {

std::string kinesis_record_metadata(gotime::Instant arrival, std::string_view stream,
                                    std::string_view partition_key,
                                    std::string_view sequence_number) {
  std::string meta = "{\"approximateArrivalTimestamp\":\"";
  meta += gotime::format(arrival, *gotime::Zone::utc(), "2006-01-02T15:04:05.999999999Z07:00");
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
