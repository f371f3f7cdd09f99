package io.squashinflux.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * An answer's body as the caller reads it: gunzipped when the server compressed it, counted
 * against the size cap (the decoded bytes, so a small gzip bomb cannot pass), and cut off at the
 * exchange's deadline. The transport bounds only the wait for the head; here a timer aborts the
 * exchange at the deadline, which ends a read blocked on it, and the read then reports the
 * timeout rather than a short body. Closing reads what is left of the body (the connection then
 * serves the next request), still under the deadline.
 */
final class Body extends InputStream {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private final Transport.Exchange exchange;
  private final InputStream raw;
  private final boolean gzip;
  private final long limit;
  private final Supplier<String> timeoutMessage; // made only when it is said
  private final ScheduledFuture<?> deadline;
  private volatile boolean timedOut;
  private InputStream decoded;
  private long count;

  Body(Transport.Exchange exchange, boolean gzip, long limit, long remainingNanos,
      Supplier<String> timeoutMessage) {
    this.exchange = exchange;
    this.raw = exchange.body();
    this.gzip = gzip;
    this.limit = limit;
    this.timeoutMessage = timeoutMessage;
    this.deadline = TIMER.schedule(this::expire, Math.max(0, remainingNanos), TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "http-deadlines");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    timer.setKeepAliveTime(1, TimeUnit.SECONDS);
    timer.allowCoreThreadTimeOut(true); // no thread is left once no exchange is open
    return timer;
  }

  private void expire() {
    timedOut = true;
    exchange.abort();
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws IOException {
    int n;
    try {
      n = source().read(into, offset, length);
    } catch (SocketTimeoutException e) {
      // The transport's read timeout is what was left of the deadline: the same timeout.
      throw new HttpTimeoutException(timeoutMessage.get());
    } catch (IOException e) {
      throw timedOut ? new HttpTimeoutException(timeoutMessage.get()) : e;
    }
    if (timedOut) {
      throw new HttpTimeoutException(timeoutMessage.get());
    }
    if (n > 0) {
      count += n;
      if (count > limit) {
        abort();
        throw new TooLargeException(limit);
      }
    }
    return n;
  }

  private InputStream source() throws IOException {
    if (decoded == null) {
      decoded = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
    }
    return decoded;
  }

  /** Ends the exchange without reading the rest: the connection is dropped. */
  void abort() {
    deadline.cancel(false);
    exchange.abort();
  }

  @Override
  public void close() throws IOException {
    try {
      raw.close();
    } catch (IOException e) {
      throw timedOut ? new HttpTimeoutException(timeoutMessage.get()) : e;
    } finally {
      deadline.cancel(false);
    }
  }
}
