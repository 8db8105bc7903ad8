// A reader for the Thrift compact protocol, the encoding of Parquet's footer and page
// headers. Every length and count read is checked against the bytes left, so corrupt
// input throws sub::Error instead of reading out of bounds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sub::parquet {

// Compact protocol type ids (the low nibble of a field header).
enum ThriftType : uint8_t {
  kStop = 0,
  kTrue = 1,
  kFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

class ThriftReader {
 public:
  explicit ThriftReader(std::string_view buf) : buf_(buf) {}

  size_t pos() const { return pos_; }

  // Struct framing. Inside a struct, next_field() returns false at the stop byte.
  void begin_struct();
  void end_struct();
  [[nodiscard]] bool next_field(int16_t& id, uint8_t& type);

  // Field values. read_bool takes the field's type (booleans live in the header).
  bool read_bool(uint8_t type);
  int32_t read_i32();
  int64_t read_i64();
  std::string_view read_binary();
  // A list or set header: its element count (bounded by the bytes left) and type.
  size_t read_list(uint8_t& elem_type);

  // Skips a value of the given type, nested structs and containers included.
  void skip(uint8_t type, int depth = 0);

 private:
  uint8_t byte();
  uint64_t varint();

  std::string_view buf_;
  size_t pos_ = 0;
  int16_t last_id_ = 0;
  // Field ids of enclosing structs; the depth is bounded to stop deep nesting.
  int16_t stack_[64] = {};
  int depth_ = 0;
};

}  // namespace sub::parquet
