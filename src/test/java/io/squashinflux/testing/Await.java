package io.squashinflux.testing;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Waits in a test for an event another thread or process causes: looks again every few
 * milliseconds until it holds, and fails with what was awaited when the limit passes, so a test
 * never goes on quietly as if the event had happened.
 */
public final class Await {
  private static final long LOOK_EVERY_MILLIS = 20;

  private Await() {}

  /** Something to look at; it may throw, which ends the wait. */
  @FunctionalInterface
  public interface Check {
    boolean holds() throws Exception;
  }

  /** Waits until {@code check} holds; fails after {@code limit} saying {@code what}. */
  public static void until(String what, Duration limit, Check check) throws Exception {
    until(what, limit, check, () -> "");
  }

  /** As {@link #until(String, Duration, Check)}, the failure ending with {@code detail}. */
  public static void until(String what, Duration limit, Check check, Supplier<String> detail)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!check.holds()) {
      if (System.nanoTime() - deadline > 0) {
        String more = detail.get();
        throw new AssertionError("not within " + limit + ": " + what
            + (more == null || more.isEmpty() ? "" : "; " + more));
      }
      Thread.sleep(LOOK_EVERY_MILLIS);
    }
  }
}
