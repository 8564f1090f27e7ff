// Running independent tasks on several threads: how many workers to start,
// and the one pool that hands the tasks out. Tasks are taken in order, each by
// one worker; a worker takes the next as soon as it is free.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace intentctl {

// What the workers spend their time on.
enum class Workload {
  computing, // one worker per core
  waiting,   // on servers and disks: twice as many as cores, at least four
};

// How many workers to start for tasks: jobs when it is not 0 (a -j flag),
// else what the workload wants; never more than there are tasks, never none.
unsigned worker_count(unsigned jobs, std::size_t tasks, Workload workload);

// A task: task(index, worker) with index < the number of tasks and worker <
// the number of workers, so a worker can keep its own state (a connection).
using Task = std::function<void(std::size_t index, unsigned worker)>;

// Runs task for every index below count on workers threads, this one among
// them (as worker 0), and returns when all are done. Once a task throws, no
// other one starts, and the first exception is thrown here.
void parallel_for(std::size_t count, unsigned workers, const Task& task);

// The same in the background, for a caller that takes the results as they
// come. It waits for its workers when it is destroyed, unless told to leave
// them behind: a worker stuck in a system call past a deadline can be left to
// finish alone, holding (through the task it copied) whatever it touches.
class WorkerPool {
 public:
  WorkerPool(std::size_t count, unsigned workers, Task task);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Waits for every worker; throws the first exception a task threw.
  void wait();
  // Lets the workers run on without the pool; no task starts after this.
  void leave_behind();

  struct Queue; // the tasks, shared by the pool and its workers

 private:
  std::shared_ptr<Queue> queue_;
  std::vector<std::thread> threads_;
};

} // namespace intentctl
