package io.squashinflux.sync;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM and SIGINT into a {@link StopRequest} while open, and restores the previous
 * handlers on close. A shutdown hook cannot do this: it runs as the JVM exits, too late to choose
 * the exit code or to let the batch in flight finish.
 */
public final class Signals implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Signals.class.getName());

  private final List<Signal> signals = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private Signals() {}

  /** Handles TERM and INT by requesting {@code stop}; a signal the JVM reserves is skipped. */
  public static Signals stopOn(StopRequest stop) {
    Signals installed = new Signals();
    for (String name : List.of("TERM", "INT")) {
      Signal signal = new Signal(name);
      try {
        installed.previous.add(Signal.handle(signal, s -> stop.request()));
        installed.signals.add(signal);
      } catch (IllegalArgumentException reserved) {
        // E.g. the JVM runs with -Xrs: the signal keeps its default and still ends the process.
        LOG.log(System.Logger.Level.DEBUG, "cannot handle SIG" + name + ": " + reserved.getMessage());
      }
    }
    return installed;
  }

  @Override
  public void close() {
    for (int i = 0; i < signals.size(); i++) {
      Signal.handle(signals.get(i), previous.get(i));
    }
  }
}
