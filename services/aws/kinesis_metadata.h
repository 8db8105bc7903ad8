// The metadata of a message read from a Kinesis data stream, shared by the Lambda
// AWS_KINESIS_DATA_STREAM handler (apps/lambda) and `substation tap` (apps/cli): Go's
// json.Marshal of {approximateArrivalTimestamp (time.Time, RFC3339Nano in UTC), stream,
// partitionKey, sequenceNumber}.
#pragma once

#include <string>
#include <string_view>

#include "core/gotime/layout.h"

namespace sub::aws {

std::string kinesis_record_metadata(gotime::Instant arrival, std::string_view stream,
                                    std::string_view partition_key,
                                    std::string_view sequence_number);

}  // namespace sub::aws
