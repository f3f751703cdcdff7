#include "support/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace handoff::support {

unsigned resolve_jobs(unsigned requested)
{
  if (requested != 0) {
    return requested;
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

void for_each_index(std::size_t count, const Parallelism& parallelism, const std::function<void(std::size_t)>& work)
{
  const auto jobs = static_cast<std::size_t>(resolve_jobs(parallelism.jobs));
  if (jobs == 1 && !parallelism.progress) {
    for (std::size_t i = 0; i < count; ++i) {
      work(i);
    }
    return;
  }

  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable finished;
  std::size_t done = 0;              // guarded by mutex
  std::size_t failed_index = count;  // guarded by mutex
  std::exception_ptr failure;        // guarded by mutex
  const auto worker = [&] {
    for (std::size_t i = next++; i < count; i = next++) {
      std::exception_ptr error;
      try {
        work(i);
      } catch (...) {
        error = std::current_exception();
      }
      const std::lock_guard lock(mutex);
      if (error && i < failed_index) {
        failed_index = i;
        failure = error;
      }
      ++done;
      if (done == count) {
        finished.notify_one();
      }
    }
  };

  std::vector<std::thread> threads;
  threads.reserve(std::min(jobs, count));
  for (std::size_t t = 0; t < std::min(jobs, count); ++t) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      break;  // the threads already started take all the work
    }
  }
  if (threads.empty()) {
    worker();
  }
  {
    std::unique_lock lock(mutex);
    while (done < count) {
      finished.wait_for(lock, std::chrono::milliseconds(100), [&] { return done == count; });
      if (parallelism.progress && done < count) {
        const std::size_t now = done;
        lock.unlock();
        parallelism.progress(now, count);
        lock.lock();
      }
    }
  }
  for (auto& t : threads) {
    t.join();
  }
  if (parallelism.progress) {
    parallelism.progress(count, count);
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
}

}  // namespace handoff::support
