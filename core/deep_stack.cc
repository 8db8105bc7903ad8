#include "core/deep_stack.h"

#include <pthread.h>

#include <cstring>
#include <exception>
#include <string>

#include "core/error.h"

namespace sub {
namespace {

constexpr size_t kDeepStackBytes = size_t{1} << 30;

struct Job {
  const std::function<void()>* fn;
  std::exception_ptr error;
};

extern "C" void* run_job(void* arg) {
  Job* job = static_cast<Job*>(arg);
  try {
    (*job->fn)();
  } catch (...) {
    job->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

void with_deep_stack(const std::function<void()>& fn) {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, kDeepStackBytes);
  Job job{&fn, nullptr};
  pthread_t thread;
  const int rc = pthread_create(&thread, &attr, &run_job, &job);
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    throw Error(std::string("cannot start a thread for deeply nested input: ") + std::strerror(rc));
  }
  pthread_join(thread, nullptr);
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace sub
