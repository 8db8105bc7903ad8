#include "services/aws/kpl.h"

#include <openssl/evp.h>

#include <cstdint>
#include <cstring>

#include "core/error.h"

namespace sub::aws {

namespace {

void put_varint(std::string& out, uint64_t v) {
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
}

size_t varint_size(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

void put_bytes(std::string& out, uint8_t tag, std::string_view b) {
  out.push_back(static_cast<char>(tag));
  put_varint(out, b.size());
  out.append(b);
}

std::string md5(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), out, &len, EVP_md5(), nullptr);
  return std::string(reinterpret_cast<const char*>(out), len);
}

// A protobuf reader over a byte range; throws on truncation.
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  bool done() const { return pos_ >= b_.size(); }
  uint64_t varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= b_.size()) fail("truncated varint");
      uint8_t c = static_cast<uint8_t>(b_[pos_++]);
      v |= static_cast<uint64_t>(c & 0x7F) << shift;
      if ((c & 0x80) == 0) return v;
    }
    fail("varint too long");
  }
  std::string_view bytes() {
    uint64_t n = varint();
    if (n > b_.size() - pos_) fail("truncated field");
    std::string_view s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  void skip(uint32_t wire) {
    switch (wire) {
      case 0:
        varint();
        break;
      case 1:
        advance(8);
        break;
      case 2:
        bytes();
        break;
      case 5:
        advance(4);
        break;
      default:
        fail("unsupported wire type " + std::to_string(wire));
    }
  }
  [[noreturn]] static void fail(const std::string& why) {
    throw Error("kpl: invalid aggregated record: " + why);
  }

 private:
  void advance(size_t n) {
    if (n > b_.size() - pos_) fail("truncated field");
    pos_ += n;
  }
  std::string_view b_;
  size_t pos_ = 0;
};

}  // namespace

bool KplAggregator::add(std::string_view data, std::string_view partition_key,
                        std::string_view explicit_hash_key) {
  if (partition_key.size() > 256) partition_key = partition_key.substr(0, 256);
  // The encoded user record and its cost in the aggregate (Substation's accounting).
  std::string rec;
  rec.push_back(0x08);
  put_varint(rec, count_);
  if (!explicit_hash_key.empty()) {
    rec.push_back(0x10);
    put_varint(rec, ehk_count_);  // its entry in the explicit-hash-key table
  }
  put_bytes(rec, 0x1A, data);
  size_t added = 1 + varint_size(partition_key.size()) + partition_key.size() + 1 +
                 varint_size(rec.size()) + rec.size();
  if (!explicit_hash_key.empty()) {
    added += 1 + varint_size(explicit_hash_key.size()) + explicit_hash_key.size();
  }
  if (protobuf_size() + added + kKplMagic.size() + 16 > kKplMaxAggregateSize) return false;
  if (count_ == 0) first_partition_key_ = partition_key;
  put_bytes(pk_table_, 0x0A, partition_key);
  if (!explicit_hash_key.empty()) {
    put_bytes(ehk_table_, 0x12, explicit_hash_key);
    ++ehk_count_;
  }
  put_bytes(records_, 0x1A, rec);
  ++count_;
  return true;
}

std::string KplAggregator::get() const {
  std::string out;
  out.reserve(kKplMagic.size() + protobuf_size() + 16);
  out.append(kKplMagic);
  out += pk_table_;
  out += ehk_table_;
  out += records_;
  out += md5(std::string_view(out).substr(kKplMagic.size()));
  return out;
}

void KplAggregator::reset() {
  pk_table_.clear();
  ehk_table_.clear();
  records_.clear();
  count_ = 0;
  ehk_count_ = 0;
  first_partition_key_.clear();
}

bool kpl_deaggregate(std::string_view record, std::vector<KplUserRecord>& out) {
  if (record.size() < kKplMagic.size() || record.substr(0, kKplMagic.size()) != kKplMagic) {
    return false;
  }
  std::string_view rest = record.substr(kKplMagic.size());
  if (rest.size() <= 16) return false;
  std::string_view message = rest.substr(0, rest.size() - 16);
  if (md5(message) != rest.substr(rest.size() - 16)) return false;

  std::vector<std::string_view> pks, ehks;
  struct Rec {
    uint64_t pk = 0;
    int64_t ehk = -1;
    std::string_view data;
    bool has_pk = false, has_data = false;
  };
  std::vector<Rec> recs;
  Reader r(message);
  while (!r.done()) {
    uint64_t key = r.varint();
    uint32_t field = static_cast<uint32_t>(key >> 3), wire = key & 7;
    if (wire == 2 && field == 1) {
      pks.push_back(r.bytes());
    } else if (wire == 2 && field == 2) {
      ehks.push_back(r.bytes());
    } else if (wire == 2 && field == 3) {
      Reader rr(r.bytes());
      Rec rec;
      while (!rr.done()) {
        uint64_t k = rr.varint();
        uint32_t f = static_cast<uint32_t>(k >> 3), w = k & 7;
        if (f == 1 && w == 0) {
          rec.pk = rr.varint();
          rec.has_pk = true;
        } else if (f == 2 && w == 0) {
          rec.ehk = static_cast<int64_t>(rr.varint());
        } else if (f == 3 && w == 2) {
          rec.data = rr.bytes();
          rec.has_data = true;
        } else {
          rr.skip(w);
        }
      }
      if (!rec.has_pk || !rec.has_data) Reader::fail("record without partition_key_index or data");
      recs.push_back(rec);
    } else {
      r.skip(wire);
    }
  }
  std::vector<KplUserRecord> result;
  result.reserve(recs.size());
  for (const Rec& rec : recs) {
    if (rec.pk >= pks.size()) Reader::fail("partition_key_index out of range");
    KplUserRecord u;
    u.data = rec.data;
    u.partition_key = pks[rec.pk];
    if (rec.ehk >= 0) {
      if (static_cast<size_t>(rec.ehk) >= ehks.size()) {
        Reader::fail("explicit_hash_key_index out of range");
      }
      u.explicit_hash_key = ehks[rec.ehk];
    }
    result.push_back(std::move(u));
  }
  for (auto& u : result) out.push_back(std::move(u));
  return true;
}

}  // namespace sub::aws
