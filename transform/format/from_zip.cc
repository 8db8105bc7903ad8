// format_from_zip: unpacks a zip archive, one message per file entry.
//
// Settings: none (data only).
// Each entry that is not a directory and not empty becomes a new message with the entry's
// bytes as data and the input's metadata, in the archive's central-directory order. An
// archive with no such entries produces no messages.
#include <memory>

#include "core/error.h"
#include "transform/builder.h"
#include "transform/format/zip_library.h"

namespace sub::transform {
namespace {

std::string error_text(zip_error_t* err) {
  const ZipLibrary& lib = libzip();
  std::string text = lib.zip_error_strerror(err);
  lib.zip_error_fini(err);
  return text;
}

class FormatFromZip final : public Transform {
 public:
  explicit FormatFromZip(size_t limit) : limit_(limit) {}
  void transform(Message msg, std::vector<Message>& out, const Context&) const override {
    if (msg.is_control()) {
      out.push_back(std::move(msg));
      return;
    }
    unpack(msg, out);
  }

 private:
  void unpack(const Message& msg, std::vector<Message>& out) const {
    const ZipLibrary& lib = libzip();
    const std::string& data = msg.data();
    // Too short for an end-of-central-directory record (libzip would open it as a new,
    // empty archive).
    if (data.size() < 22) throw Error("zip: not a valid zip file");
    zip_error_t err;
    lib.zip_error_init(&err);
    zip_source_t* src = lib.zip_source_buffer_create(data.data(), data.size(), 0, &err);
    if (src == nullptr) throw Error("zip: " + error_text(&err));
    zip_t* archive = lib.zip_open_from_source(src, ZIP_RDONLY, &err);
    if (archive == nullptr) {
      lib.zip_source_free(src);
      lib.zip_error_fini(&err);
      throw Error("zip: not a valid zip file");
    }
    lib.zip_error_fini(&err);
    std::unique_ptr<zip_t, void (*)(zip_t*)> guard(archive,
                                                   [](zip_t* z) { libzip().zip_discard(z); });

    std::vector<Message> files;
    size_t total = 0;  // every file's bytes count against the limit: a bomb is many files too
    const zip_int64_t n = lib.zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
      zip_stat_t st;
      lib.zip_stat_init(&st);
      if (lib.zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) != 0) {
        throw Error(std::string("zip: ") + lib.zip_strerror(archive));
      }
      const std::string_view name = (st.valid & ZIP_STAT_NAME) ? st.name : "";
      if (!name.empty() && name.back() == '/') continue;  // a directory
      if ((st.valid & ZIP_STAT_SIZE) && st.size == 0) continue;
      zip_file_t* f = lib.zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
      if (f == nullptr) {
        throw Error("zip: " + std::string(name) + ": " + lib.zip_strerror(archive));
      }
      std::string bytes;
      char buf[64 * 1024];
      for (;;) {
        zip_int64_t got = lib.zip_fread(f, buf, sizeof(buf));
        if (got < 0) {
          std::string why = lib.zip_error_strerror(lib.zip_file_get_error(f));
          lib.zip_fclose(f);
          throw Error("zip: " + std::string(name) + ": " + why);
        }
        if (got == 0) break;
        bytes.append(buf, static_cast<size_t>(got));
        total += static_cast<size_t>(got);
        if (total > limit_) {
          lib.zip_fclose(f);
          throw Error("zip: decompressed data exceeds the limit of " + std::to_string(limit_) +
                      " bytes");
        }
      }
      lib.zip_fclose(f);
      // A file shorter than its headers say is truncated: Go's archive/zip fails it; libzip
      // would hand over what is there without a word.
      if ((st.valid & ZIP_STAT_SIZE) && bytes.size() != st.size) {
        throw Error("zip: " + std::string(name) + ": unexpected EOF");
      }
      files.emplace_back(std::move(bytes), msg.metadata());
    }
    for (auto& m : files) out.push_back(std::move(m));
  }

  const size_t limit_;
};

}  // namespace

std::shared_ptr<Transform> new_format_from_zip(const config::Settings&, Builder& b) {
  libzip();  // a missing library is a configuration error, not one per message
  return std::make_shared<FormatFromZip>(b.services().max_decompressed);
}

}  // namespace sub::transform
