#include "util/worker_pool.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <system_error>

namespace intentctl {

struct WorkerPool::Queue {
  Queue(std::size_t count, Task task) : count(count), task(std::move(task)) {}

  const std::size_t count;
  const Task task;
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stopped{false};
  std::mutex mutex;
  std::exception_ptr failure; // the first, under mutex

  // Takes tasks until there are none left or the queue is stopped.
  void work(unsigned worker) {
    for (;;) {
      if (stopped) return;
      const std::size_t index = next.fetch_add(1);
      if (index >= count) return;
      try {
        task(index, worker);
      } catch (...) {
        std::lock_guard lock(mutex);
        if (!failure) failure = std::current_exception();
        stopped = true;
        return;
      }
    }
  }

  void rethrow() {
    std::lock_guard lock(mutex);
    if (failure) std::rethrow_exception(failure);
  }
};

unsigned worker_count(unsigned jobs, std::size_t tasks, Workload workload) {
  unsigned wanted = jobs;
  if (wanted == 0) {
    const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
    wanted = workload == Workload::computing ? cores : std::max(4u, cores * 2);
  }
  return static_cast<unsigned>(std::clamp<std::size_t>(std::min<std::size_t>(wanted, tasks), 1, wanted));
}

// A machine out of threads runs the tasks on fewer workers; on none at all,
// the error is thrown.
WorkerPool::WorkerPool(std::size_t count, unsigned workers, Task task)
    : queue_(std::make_shared<Queue>(count, std::move(task))) {
  for (unsigned worker = 0; worker < workers; ++worker) {
    try {
      threads_.emplace_back([queue = queue_, worker] { queue->work(worker); });
    } catch (const std::system_error&) {
      if (threads_.empty()) throw;
      break;
    }
  }
}

WorkerPool::~WorkerPool() {
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
}

void WorkerPool::wait() {
  for (auto& thread : threads_)
    if (thread.joinable()) thread.join();
  queue_->rethrow();
}

void WorkerPool::leave_behind() {
  queue_->stopped = true;
  for (auto& thread : threads_)
    if (thread.joinable()) thread.detach();
}

void parallel_for(std::size_t count, unsigned workers, const Task& task) {
  if (count == 0) return;
  auto queue = std::make_shared<WorkerPool::Queue>(count, task);
  std::vector<std::thread> threads;
  for (unsigned worker = 1; worker < workers; ++worker) {
    try {
      threads.emplace_back([&queue, worker] { queue->work(worker); });
    } catch (const std::system_error&) {
      break; // out of threads: fewer workers, this one among them
    }
  }
  queue->work(0);
  for (auto& thread : threads) thread.join();
  queue->rethrow();
}

} // namespace intentctl
