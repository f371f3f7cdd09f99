package io.squashinflux.http;

import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounds each exchange with the SQuaSH API, from the request to the body's last byte, with one
 * shared watchdog thread instead of a timer or a socket timeout per read: arming costs a set
 * insertion, and reads stay plain blocking reads (a socket timeout makes the JDK poll before every
 * read). Every {@link #TICK_MILLIS} the watchdog closes the sockets of exchanges past their
 * deadline, which ends their blocked reads with an error that {@link Deadline#explain} turns into
 * the timeout it is. The thread stops when nothing is armed and starts again when needed.
 */
final class Deadlines {
  static final long TICK_MILLIS = 20;

  private static final Set<Deadline> ARMED = ConcurrentHashMap.newKeySet();
  private static final Object LOCK = new Object();
  private static volatile Thread watchdog;

  private Deadlines() {}

  /** Something the watchdog can stop: closing it must end any read blocked on it. */
  interface Stoppable {
    void stop();
  }

  /** Starts the clock on one exchange; {@link Deadline#close} stops it. */
  static Deadline arm(long timeoutMillis, Stoppable target) {
    Deadline deadline = new Deadline(timeoutMillis, target);
    ARMED.add(deadline);
    ensureWatching();
    return deadline;
  }

  private static void ensureWatching() {
    if (watchdog != null) { // nearly always: no lock for the fetch threads to queue on
      return;
    }
    synchronized (LOCK) {
      if (watchdog == null) {
        Thread thread = new Thread(Deadlines::watch, "squash-deadlines");
        thread.setDaemon(true);
        watchdog = thread;
        thread.start();
      }
    }
  }

  private static void watch() {
    while (true) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (Deadline deadline : ARMED) {
        if (now - deadline.due >= 0) {
          deadline.fire();
        }
      }
      if (ARMED.isEmpty() && retire()) {
        return;
      }
    }
  }

  /**
   * Stops this watchdog unless an exchange was armed meanwhile. One armed between the check and
   * the retirement saw this thread still running and started none, so after retiring the set is
   * checked again and the duty taken back when it is not empty (and no new watchdog took it).
   */
  private static boolean retire() {
    synchronized (LOCK) {
      watchdog = null;
    }
    if (ARMED.isEmpty()) {
      return true;
    }
    synchronized (LOCK) {
      if (watchdog != null) {
        return true; // an exchange armed meanwhile started a new watchdog
      }
      watchdog = Thread.currentThread();
      return false;
    }
  }

  /** One armed exchange. */
  static final class Deadline {
    private final long timeoutMillis;
    private final long due;
    private final Stoppable target;
    private volatile boolean fired;

    private Deadline(long timeoutMillis, Stoppable target) {
      this.timeoutMillis = timeoutMillis;
      this.due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      this.target = target;
    }

    private void fire() {
      if (ARMED.remove(this)) { // not closed meanwhile: the exchange is still running
        fired = true;
        target.stop();
      }
    }

    /** The error a read failed with, or the timeout when it failed because the deadline passed. */
    java.io.IOException explain(java.io.IOException e) {
      return fired ? timedOut() : e;
    }

    TimedOut timedOut() {
      return new TimedOut("no complete answer within " + timeoutMillis + " ms");
    }

    /** Stops the clock; false when the watchdog got there first and stops the exchange. */
    boolean disarm() {
      return ARMED.remove(this);
    }
  }

  /** A timeout the policy knows as such: a subclass of the JDK's own. */
  static final class TimedOut extends HttpTimeoutException {
    TimedOut(String message) {
      super(message);
    }
  }
}
