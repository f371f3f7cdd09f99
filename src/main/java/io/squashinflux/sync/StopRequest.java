package io.squashinflux.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A request to stop a long-running command, from SIGTERM, SIGINT or a test: it ends the wait
 * between cycles at once and tells the cycle in flight to finish gracefully.
 */
public final class StopRequest {
  private final CountDownLatch requested = new CountDownLatch(1);
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  /** Requests the stop; later calls do nothing more. */
  public void request() {
    if (requested.getCount() > 0) {
      requested.countDown();
      actions.forEach(Runnable::run);
    }
  }

  public boolean isRequested() {
    return requested.getCount() == 0;
  }

  /** Runs {@code action} when the stop is requested, or now if it already was. */
  public void onRequest(Runnable action) {
    actions.add(action);
    if (isRequested()) {
      action.run();
    }
  }

  /** Waits up to {@code duration}; returns true as soon as the stop is requested. */
  public boolean await(Duration duration) throws InterruptedException {
    return requested.await(duration.toMillis(), TimeUnit.MILLISECONDS);
  }
}
