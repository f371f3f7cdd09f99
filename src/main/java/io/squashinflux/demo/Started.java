package io.squashinflux.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/** What the demo started, stopped in reverse order once: on return or on SIGINT/SIGTERM. */
final class Started implements AutoCloseable {
  private SquashApiServer api;
  private PrivateInflux influx;
  private Path folder;
  private boolean closed;

  synchronized PrivateInflux influx(PrivateInflux started) {
    this.influx = started;
    return started;
  }

  synchronized SquashApiServer api(SquashApiServer started) {
    this.api = started;
    return started;
  }

  synchronized Path folder(Path created) {
    this.folder = created;
    return created;
  }

  synchronized void keepFolder() {
    this.folder = null;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (api != null) {
      api.close();
    }
    if (influx != null) {
      influx.close();
    }
    if (folder != null) {
      try (var files = Files.walk(folder)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // A leftover temporary folder is harmless.
      }
    }
  }

  static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs already and stops what was started.
    }
  }
}
