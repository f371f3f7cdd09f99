package io.squashinflux.testing;

import java.time.Duration;
import java.util.Objects;

/** A failure the test SQuaSH API ({@code SquashApiServer.setFaults}) injects instead of (or before) a normal answer. */
public sealed interface Fault {

  /** Answer with this status and a JSON {@code message}. */
  record Status(int code, String message) implements Fault {}

  /** Wait, then answer normally. */
  record Delay(Duration duration) implements Fault {
    public Delay {
      Objects.requireNonNull(duration, "duration == null");
    }
  }

  /**
   * Hold the request until the gate opens, then answer normally: a test waits for an event (the
   * client is stuck on this request) instead of for time.
   */
  record Hold(java.util.concurrent.CountDownLatch gate) implements Fault {
    public Hold {
      Objects.requireNonNull(gate, "gate == null");
    }
  }

  /** Announce the full length, send half of the body, then close the connection. */
  record Truncate() implements Fault {}

  /**
   * Close the connection without answering. The JDK HttpClient retries a GET once, silently, when
   * a reused connection closes before any answer: inject two drops for such a client to see one.
   */
  record Drop() implements Fault {}

  public static Fault status(int code) {
    return new Status(code, "injected fault: status " + code);
  }

  public static Fault delay(Duration duration) {
    return new Delay(duration);
  }

  public static Fault hold(java.util.concurrent.CountDownLatch gate) {
    return new Hold(gate);
  }

  public static Fault truncate() {
    return new Truncate();
  }

  public static Fault drop() {
    return new Drop();
  }
}
