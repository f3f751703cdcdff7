#pragma once

#include <cstddef>
#include <functional>

// A small pool of threads for per-project work (`check`, `status`, `report --portfolio`).
namespace handoff::support {

// Called on the calling thread with the number of items done and the total: about every
// 100 ms while work runs, and once more when all is done (done == total). It decides itself
// whether to show anything.
using ProgressFn = std::function<void(std::size_t done, std::size_t total)>;

struct Parallelism {
  unsigned jobs = 1;    // worker threads; 0 means one per core (std::thread::hardware_concurrency)
  ProgressFn progress;  // optional
};

// Returns `requested`, or the number of cores when it is 0 (at least 1).
unsigned resolve_jobs(unsigned requested);

// Calls `work(i)` once for every i in [0, count), on up to `parallelism.jobs` threads, each
// taking the next index when it is free, and returns when all calls have returned. `work` must
// be safe to call concurrently for different indices; results belong in slot i of a
// pre-sized vector, so the order of the output never depends on the schedule. With one job
// and no progress the calls run on the calling thread, in order. Workers are std::threads,
// whose stack on Linux is 8 MiB (yaml-cpp needs at least 1 MiB). Rethrows the exception of
// the lowest index that threw, after every thread has stopped.
void for_each_index(std::size_t count, const Parallelism& parallelism, const std::function<void(std::size_t)>& work);

// Like for_each_index, and calls `finish(i)` on the calling thread, in index order, as soon as
// work(0) ... work(i) have all returned: the caller can print or fold slot i and free it while
// later items are still being worked on, so memory holds only the items between the first
// unfinished one and the fastest thread, not every result. When work(i) throws, finish is not
// called for i or any later index; the exception is rethrown as for_each_index does. When
// finish throws, it is not called again, and its exception is rethrown once all work is done.
void for_each_index_in_order(std::size_t count, const Parallelism& parallelism,
                             const std::function<void(std::size_t)>& work,
                             const std::function<void(std::size_t)>& finish);

}  // namespace handoff::support
