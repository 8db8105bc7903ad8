// send_stdout: writes batches of data to standard output, one line per item.
//
// Settings:
//   object.batch_key      gjson path whose string value groups items (missing: one group)
//   batch                 {count, size, duration} limits (reference §1.8)
//   auxiliary_transforms  chain applied to each batch before it is written (§1.9)
// Every message passes through unchanged. A batch is written when an item does not fit it,
// and every non-empty batch is written (keys in first-seen order) on a control message.
// Lines go to the pipeline's stdout sink (Services::stdout_sink), each followed by '\n'.
#include <unistd.h>

#include <mutex>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/output.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"

namespace sub {
namespace {

class SendStdout final : public Transform {
 public:
  SendStdout(std::string batch_key, const BatchSettings& limits, Auxiliary aux,
             std::shared_ptr<OutputSink> sink)
      : batch_key_(std::move(batch_key)),
        aux_(std::move(aux)),
        sink_(std::move(sink)),
        batch_(limits) {}

  void transform(Message msg, std::vector<Message>& out, const Context& ctx) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (msg.is_control()) {
      batch_.flush_all([&](const std::string&, const Batcher::Items& items) { send(items, ctx); });
      sink_->flush();
      out.push_back(std::move(msg));
      return;
    }
    const std::string key = msg.get(batch_key_).to_string();
    batch_.add(key, msg.data(),
               [&](const std::string&, const Batcher::Items& items) { send(items, ctx); });
    out.push_back(std::move(msg));
  }

 private:
  void send(const Batcher::Items& items, const Context& ctx) {
    aux_.each(items, ctx, [&](std::string_view item) { sink_->write_line(item); });
  }

  const std::string batch_key_;
  const Auxiliary aux_;
  const std::shared_ptr<OutputSink> sink_;
  std::mutex mu_;
  Batcher batch_;
};

}  // namespace

std::shared_ptr<Transform> new_send_stdout(const config::Settings& s, Builder& b) {
  ObjectSettings obj = ObjectSettings::read(s);
  BatchSettings limits = BatchSettings::read(s);
  Auxiliary aux = Auxiliary::read(s, b);
  std::shared_ptr<OutputSink> sink = b.services().stdout_sink;
  // Without a configured sink, write to file descriptor 1 directly.
  if (!sink) sink = std::make_shared<FdSink>(STDOUT_FILENO);
  return std::make_shared<SendStdout>(std::move(obj.batch_key), limits, std::move(aux),
                                      std::move(sink));
}

}  // namespace sub
