// send_file: writes batches of data to new local files, items back to back.
//
// Settings:
//   file_path                {prefix, time_format, uuid, suffix}: how each file is named
//                            (see transform/common/file_path.h); relative to the working
//                            directory
//   use_batch_key_as_prefix  a non-empty batch key replaces file_path.prefix
//   object.batch_key         gjson path whose string value groups items (missing: one group)
//   batch                    {count, size, duration} limits
//   auxiliary_transforms     chain applied to each batch before it is written; this
//                            is where framing (newlines, gzip) is added
// Every message passes through unchanged. A batch is written when an item does not fit it,
// and every non-empty batch is written (keys in first-seen order) on a control message.
// Missing directories are created with mode 0770; an existing file is truncated. A file
// path that comes out empty fails with `file path is empty`.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/common/file_path.h"
#include "transform/send/batch_send.h"

namespace sub::transform {
namespace {

std::string errno_text(const std::string& what, const std::string& path) {
  return what + " " + path + ": " + std::strerror(errno);
}

// mkdir -p with `mode` for every missing directory of `dir`.
void make_dirs(const std::string& dir, mode_t mode) {
  if (dir.empty() || dir == "." || dir == "/") return;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      errno = ENOTDIR;
      throw Error(errno_text("mkdir", dir));
    }
    return;
  }
  const size_t slash = dir.find_last_of('/');
  if (slash != std::string::npos && slash > 0) make_dirs(dir.substr(0, slash), mode);
  if (::mkdir(dir.c_str(), mode) != 0 && errno != EEXIST) throw Error(errno_text("mkdir", dir));
}

// Go's filepath.Dir for a cleaned, non-empty path.
std::string parent_dir(const std::string& path) {
  const size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return clean_path(path.substr(0, slash));
}

class SendFile final : public BatchSend {
 public:
  SendFile(FilePath path, bool key_as_prefix, std::string batch_key,
           const config::BatchSettings& limits, Auxiliary aux)
      : BatchSend(std::move(batch_key), limits, std::move(aux)),
        path_(std::move(path)),
        key_as_prefix_(key_as_prefix) {}

 private:
  void send(const std::string& key, const Batcher::Items& items,
            const Context& ctx) const override {
    const std::string path =
        path_.build(std::chrono::system_clock::now(), key_as_prefix_ ? std::string_view(key) : "");
    if (path.empty()) throw Error("file path is empty");
    // Without an auxiliary chain the items are already back to back in the batch.
    const std::vector<std::string> data =
        aux().empty() ? std::vector<std::string>() : aux().apply(items, ctx);

    make_dirs(parent_dir(path), 0770);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) throw Error(errno_text("open", path));
    const auto write_all = [&](std::string_view bytes) {
      size_t off = 0;
      while (off < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
        if (n < 0) {
          if (errno == EINTR) continue;
          const std::string err = errno_text("write", path);
          ::close(fd);
          throw Error(err);
        }
        off += static_cast<size_t>(n);
      }
    };
    if (aux().empty()) {
      write_all(items.joined());
    } else {
      for (const std::string& item : data) write_all(item);
    }
    if (::close(fd) != 0) throw Error(errno_text("close", path));
  }

  const FilePath path_;
  const bool key_as_prefix_;
};

}  // namespace

std::shared_ptr<Transform> new_send_file(const config::Settings& s, Builder& b) {
  FilePath path = FilePath::read(s);
  const bool key_as_prefix = s.boolean("use_batch_key_as_prefix");
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  config::BatchSettings limits = config::BatchSettings::read(s);
  Auxiliary aux = Auxiliary::read(s, b);
  return std::make_shared<SendFile>(std::move(path), key_as_prefix, std::move(obj.batch_key),
                                    limits, std::move(aux));
}

}  // namespace sub::transform
