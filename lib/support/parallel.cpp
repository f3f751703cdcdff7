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
  for_each_index_in_order(count, parallelism, work, {});
}

void for_each_index_in_order(std::size_t count, const Parallelism& parallelism,
                             const std::function<void(std::size_t)>& work,
                             const std::function<void(std::size_t)>& finish)
{
  const auto jobs = static_cast<std::size_t>(resolve_jobs(parallelism.jobs));
  if (jobs == 1 && !parallelism.progress) {
    for (std::size_t i = 0; i < count; ++i) {
      work(i);
      if (finish) {
        finish(i);
      }
    }
    return;
  }

  std::atomic<std::size_t> next{0};
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t done = 0;                  // guarded by mutex
  std::vector<char> returned(count, 0);  // guarded by mutex: work(i) has returned (or thrown)
  std::size_t failed_index = count;      // guarded by mutex
  std::exception_ptr failure;            // guarded by mutex
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
      returned[i] = 1;
      ++done;
      if (finish || done == count) {
        changed.notify_one();
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
  std::size_t finished = 0;           // items handed to finish, on this thread only
  std::exception_ptr finish_failure;  // this thread only
  {
    std::unique_lock lock(mutex);
    auto last_progress = std::chrono::steady_clock::now();
    while (done < count) {
      changed.wait_for(lock, std::chrono::milliseconds(100));
      while (finish && !finish_failure && finished < count && returned[finished] && finished < failed_index) {
        lock.unlock();
        try {
          finish(finished);
        } catch (...) {
          finish_failure = std::current_exception();  // the work goes on, as after a failing item
        }
        lock.lock();
        ++finished;
      }
      const auto now = std::chrono::steady_clock::now();
      if (parallelism.progress && done < count && now - last_progress >= std::chrono::milliseconds(100)) {
        last_progress = now;
        const std::size_t so_far = done;
        lock.unlock();
        parallelism.progress(so_far, count);
        lock.lock();
      }
    }
  }
  for (auto& t : threads) {
    t.join();
  }
  // Items that returned after the loop last looked (all of them when no thread could start).
  while (finish && !finish_failure && finished < count && finished < failed_index) {
    try {
      finish(finished);
    } catch (...) {
      finish_failure = std::current_exception();
    }
    ++finished;
  }
  if (parallelism.progress) {
    parallelism.progress(count, count);
  }
  if (failure) {
    std::rethrow_exception(failure);
  }
  if (finish_failure) {
    std::rethrow_exception(finish_failure);
  }
}

}  // namespace handoff::support
