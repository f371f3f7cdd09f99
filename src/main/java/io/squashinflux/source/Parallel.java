package io.squashinflux.source;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one task per key on a fixed number of worker threads that take the keys in order, so at most
 * that many keys are in flight and nothing is queued per key.
 */
final class Parallel {

  /** The work for one key. */
  interface Task {
    void run(String key) throws InterruptedException;
  }

  private Parallel() {}

  /**
   * Runs {@code task} for every key and returns when all are done; the first exception a task throws
   * stops the others and is rethrown.
   */
  static void forEach(List<String> keys, int parallelism, String threadName, Task task)
      throws InterruptedException {
    int workers = Math.max(1, Math.min(parallelism, keys.size()));
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger threads = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, threadName + "-" + threads.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    try {
      List<Callable<Void>> loops = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        loops.add(() -> {
          for (int k; !stop.get() && (k = next.getAndIncrement()) < keys.size(); ) {
            task.run(keys.get(k));
          }
          return null;
        });
      }
      List<Future<Void>> futures = new ArrayList<>();
      loops.forEach(loop -> futures.add(pool.submit(loop)));
      for (Future<Void> future : futures) {
        awaitOrStop(future, stop, pool);
      }
    } finally {
      pool.shutdownNow();
      awaitEnd(pool);
    }
  }

  /**
   * Returns once every worker has ended, so a stopped or failed run leaves no thread behind; a
   * worker in a request ends within that request's deadline.
   */
  private static void awaitEnd(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitOrStop(Future<Void> future, AtomicBoolean stop, ExecutorService pool)
      throws InterruptedException {
    try {
      future.get();
    } catch (InterruptedException e) {
      stop.set(true);
      pool.shutdownNow();
      throw e;
    } catch (ExecutionException e) {
      stop.set(true);
      pool.shutdownNow();
      Throwable cause = e.getCause();
      if (cause instanceof InterruptedException interrupted) {
        throw interrupted;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw (Error) cause;
    }
  }
}
