package io.squashinflux.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one stop path of a {@link Pipeline}: every way a run ends goes through here. The end of the
 * source closes the queues in order (each stage passes the end on when it has emptied its input);
 * {@link #drain} (SIGTERM, {@code watch} stopping) interrupts only the reading, so what was read is
 * still written and acknowledged; {@link #fail} (a fatal error in any stage) keeps the first cause
 * and interrupts every other stage, whose items then stay unacknowledged and are read again by a
 * later run. A SIGKILL has no path at all: the checkpoint's last save is the recovery.
 */
final class Stop {
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final List<Thread> readers = new CopyOnWriteArrayList<>();
  private final List<Thread> stages = new CopyOnWriteArrayList<>();
  private volatile boolean draining;

  /** The thread reading the source: {@link #drain} interrupts it. */
  void reading(Thread thread) {
    readers.add(thread);
    stages.add(thread);
    if (draining) {
      thread.interrupt();
    }
  }

  /** A stage thread: {@link #fail} interrupts it. */
  void stage(Thread thread) {
    stages.add(thread);
  }

  /** Stops reading; what was read is still written. Callable from any thread, at any time. */
  void drain() {
    draining = true;
    readers.forEach(Thread::interrupt);
  }

  /** A fatal error: the first one is kept, every other stage is interrupted. */
  void fail(Throwable cause) {
    if (failure.compareAndSet(null, cause)) {
      draining = true;
      for (Thread stage : stages) {
        if (stage != Thread.currentThread()) {
          stage.interrupt();
        }
      }
    }
  }

  boolean draining() {
    return draining;
  }

  boolean failed() {
    return failure.get() != null;
  }

  Throwable failure() {
    return failure.get();
  }
}
