#include "services/parquet/thrift.h"

#include "core/error.h"

namespace sub::parquet {
namespace {

[[noreturn]] void corrupt(const char* what) {
  throw Error(std::string("corrupt parquet metadata: ") + what);
}

int64_t unzigzag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }

}  // namespace

uint8_t ThriftReader::byte() {
  if (pos_ >= buf_.size()) corrupt("unexpected end of data");
  return static_cast<uint8_t>(buf_[pos_++]);
}

uint64_t ThriftReader::varint() {
  uint64_t v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    const uint8_t b = byte();
    v |= static_cast<uint64_t>(b & 0x7F) << shift;
    if (b < 0x80) return v;
  }
  corrupt("varint too long");
}

void ThriftReader::begin_struct() {
  if (depth_ >= static_cast<int>(sizeof(stack_) / sizeof(stack_[0]))) corrupt("nesting too deep");
  stack_[depth_++] = last_id_;
  last_id_ = 0;
}

void ThriftReader::end_struct() {
  if (depth_ > 0) last_id_ = stack_[--depth_];
}

bool ThriftReader::next_field(int16_t& id, uint8_t& type) {
  const uint8_t h = byte();
  type = h & 0x0F;
  if (type == kStop) return false;
  const uint8_t delta = h >> 4;
  if (delta != 0) {
    id = static_cast<int16_t>(last_id_ + delta);
  } else {
    id = static_cast<int16_t>(unzigzag(varint()));
  }
  last_id_ = id;
  return true;
}

bool ThriftReader::read_bool(uint8_t type) {
  if (type == kTrue) return true;
  if (type == kFalse) return false;
  return byte() == 1;  // a boolean element of a container
}

int32_t ThriftReader::read_i32() { return static_cast<int32_t>(unzigzag(varint())); }

int64_t ThriftReader::read_i64() { return unzigzag(varint()); }

std::string_view ThriftReader::read_binary() {
  const uint64_t n = varint();
  if (n > buf_.size() - pos_) corrupt("string length out of bounds");
  std::string_view s = buf_.substr(pos_, n);
  pos_ += n;
  return s;
}

size_t ThriftReader::read_list(uint8_t& elem_type) {
  const uint8_t h = byte();
  elem_type = h & 0x0F;
  uint64_t n = h >> 4;
  if (n == 15) n = varint();
  // Every element takes at least one byte (booleans in containers do too).
  if (n > buf_.size() - pos_) corrupt("list size out of bounds");
  return static_cast<size_t>(n);
}

void ThriftReader::skip(uint8_t type, int depth) {
  if (depth > 64) corrupt("nesting too deep");
  switch (type) {
    case kTrue:
    case kFalse:
      return;
    case kByte:
      byte();
      return;
    case kI16:
    case kI32:
    case kI64:
      varint();
      return;
    case kDouble:
      if (buf_.size() - pos_ < 8) corrupt("unexpected end of data");
      pos_ += 8;
      return;
    case kBinary:
      read_binary();
      return;
    case kList:
    case kSet: {
      uint8_t et = 0;
      const size_t n = read_list(et);
      for (size_t i = 0; i < n; ++i) {
        if (et == kTrue || et == kFalse) {
          byte();
        } else {
          skip(et, depth + 1);
        }
      }
      return;
    }
    case kMap: {
      const uint64_t n = varint();
      if (n == 0) return;
      if (n > buf_.size() - pos_) corrupt("map size out of bounds");
      const uint8_t kv = byte();
      for (uint64_t i = 0; i < n; ++i) {
        for (uint8_t t : {static_cast<uint8_t>(kv >> 4), static_cast<uint8_t>(kv & 0x0F)}) {
          if (t == kTrue || t == kFalse) {
            byte();
          } else {
            skip(t, depth + 1);
          }
        }
      }
      return;
    }
    case kStruct: {
      begin_struct();
      int16_t id = 0;
      uint8_t t = 0;
      while (next_field(id, t)) skip(t, depth + 1);
      end_struct();
      return;
    }
    default:
      corrupt("unknown field type");
  }
}

}  // namespace sub::parquet
