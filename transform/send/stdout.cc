// send_stdout: writes batches of data to standard output, one line per item.
//
// Settings:
//   object.batch_key      gjson path whose string value groups items (missing: one group)
//   batch                 {count, size, duration} limits
//   auxiliary_transforms  chain applied to each batch before it is written
// Every message passes through unchanged. A batch is written when an item does not fit it,
// and every non-empty batch is written (keys in first-seen order) on a control message.
// Lines go to the pipeline's stdout sink (Services::stdout_sink), each followed by '\n'.
#include <unistd.h>

#include "config/batch_settings.h"
#include "config/object_settings.h"
#include "services/output.h"
#include "transform/builder.h"
#include "transform/common/auxiliary.h"
#include "transform/common/batch.h"
#include "transform/send/batch_send.h"

namespace sub::transform {
namespace {

class SendStdout final : public BatchSend {
 public:
  SendStdout(std::string batch_key, const config::BatchSettings& limits, Auxiliary aux,
             std::shared_ptr<services::OutputSink> sink)
      : BatchSend(std::move(batch_key), limits, std::move(aux)), sink_(std::move(sink)) {}

 private:
  void send(const std::string&, const Batcher::Items& items, const Context& ctx) const override {
    if (aux().empty()) {
      sink_->write_lines(items.joined(), items.ends());
      return;
    }
    aux().each(items, ctx, [&](std::string_view item) { sink_->write_line(item); });
  }
  void flushed() const override { sink_->flush(); }

  const std::shared_ptr<services::OutputSink> sink_;
};

}  // namespace

std::shared_ptr<Transform> new_send_stdout(const config::Settings& s, Builder& b) {
  config::ObjectSettings obj = config::ObjectSettings::read(s);
  config::BatchSettings limits = config::BatchSettings::read(s);
  Auxiliary aux = Auxiliary::read(s, b);
  std::shared_ptr<services::OutputSink> sink = b.services().stdout_sink;
  // Without a configured sink, write to file descriptor 1 directly.
  if (!sink) sink = std::make_shared<services::FdSink>(STDOUT_FILENO);
  return std::make_shared<SendStdout>(std::move(obj.batch_key), limits, std::move(aux),
                                      std::move(sink));
}

}  // namespace sub::transform
