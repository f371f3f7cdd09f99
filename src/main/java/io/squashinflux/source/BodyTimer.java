package io.squashinflux.source;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the time to read a response body: the JDK client's request timeout stops at the headers,
 * so a server that stalls mid-body would otherwise hang a fetch thread for ever.
 */
final class BodyTimer {
  private static final ScheduledExecutorService ALARMS = alarms();

  private static ScheduledExecutorService alarms() {
    ScheduledThreadPoolExecutor alarms = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "squash-body-timeout");
      t.setDaemon(true);
      return t;
    });
    // A cancelled alarm would otherwise stay queued for the whole timeout, holding its body:
    // a read timeout's worth of jobs (60 s by default, tens of thousands) in memory.
    alarms.setRemoveOnCancelPolicy(true);
    return alarms;
  }

  private final Duration timeout;

  BodyTimer(Duration timeout) {
    this.timeout = timeout;
  }

  /** Starts the clock on one body; closing the watch stops it and closes the body. */
  Watch watch(InputStream body) {
    return new Watch(body);
  }

  /** An I/O error caused by the alarm is reported as the timeout it is. */
  IOException explain(IOException e) {
    if (e instanceof TimedOut) {
      return e;
    }
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof TimedOut timedOut) {
        return timedOut;
      }
    }
    return e;
  }

  /** The body under watch. */
  final class Watch implements AutoCloseable {
    private final InputStream body;
    private final ScheduledFuture<?> alarm;
    private volatile boolean fired;

    private Watch(InputStream body) {
      this.body = body;
      this.alarm = ALARMS.schedule(this::fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    InputStream body() {
      return new java.io.FilterInputStream(body) {
        @Override
        public int read() throws IOException {
          return check(() -> super.read());
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          return check(() -> super.read(b, off, len));
        }
      };
    }

    private int check(IORead read) throws IOException {
      try {
        int n = read.run();
        if (fired) {
          throw new TimedOut("no complete answer within " + timeout.toMillis() + " ms");
        }
        return n;
      } catch (IOException e) {
        throw fired ? new TimedOut("no complete answer within " + timeout.toMillis() + " ms") : e;
      }
    }

    private void fire() {
      fired = true;
      try {
        body.close();
      } catch (IOException ignored) {
        // The body is abandoned either way.
      }
    }

    @Override
    public void close() throws IOException {
      alarm.cancel(false);
      body.close();
    }
  }

  private interface IORead {
    int run() throws IOException;
  }

  /** A timeout the policy knows as such: a subclass of the JDK's own. */
  static final class TimedOut extends HttpTimeoutException {
    TimedOut(String message) {
      super(message);
    }
  }
}
