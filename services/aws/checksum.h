// Object checksums of the S3 flexible-checksum API: CRC32 (zlib) and CRC32C (Castagnoli),
// sent as the base64 of the big-endian 4-byte value (x-amz-checksum-crc32, -crc32c).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace sub::aws {

uint32_t crc32(std::string_view data);
uint32_t crc32c(std::string_view data);

// Base64 of the big-endian bytes of `value`, the form of the x-amz-checksum-crc32* headers.
std::string checksum_base64(uint32_t value);

}  // namespace sub::aws
