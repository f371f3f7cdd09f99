package io.squashinflux.mapping;

import io.squashinflux.source.CiRuns;
import io.squashinflux.source.CiRuns.CodeChanges;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Asks {@link CiRuns} once per CI run however many jobs share it, and never for a run without a
 * usable id; the lookup runs outside the map's locks so slow runs do not block others.
 */
final class RunCache {
  private final CiRuns ciRuns;
  private final ConcurrentHashMap<String, Once<Optional<String>>> firstDates =
      new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Once<Optional<CodeChanges>>> codeChanges =
      new ConcurrentHashMap<>();

  RunCache(CiRuns ciRuns) {
    this.ciRuns = ciRuns;
  }

  /** False for ids the CI never had: absent, empty or {@code unknown} (lsst.verify's placeholder). */
  static boolean usable(String ciId) {
    return ciId != null && !ciId.isBlank() && !ciId.equals("unknown");
  }

  Optional<String> firstDateCreated(String ciId) {
    return firstDates
        .computeIfAbsent(ciId, id -> new Once<>(() -> ciRuns.firstDateCreated(id)))
        .get();
  }

  Optional<CodeChanges> codeChanges(String ciId, String ciName) {
    String key = ciId + "\0" + (ciName == null ? "" : ciName);
    return codeChanges
        .computeIfAbsent(key, k -> new Once<>(() -> ciRuns.codeChanges(ciId, ciName)))
        .get();
  }

  /** A value computed by the first caller; the others wait for it. */
  private static final class Once<T> {
    private Supplier<T> supplier;
    private T value;

    Once(Supplier<T> supplier) {
      this.supplier = supplier;
    }

    synchronized T get() {
      if (supplier != null) {
        value = supplier.get();
        supplier = null;
      }
      return value;
    }
  }
}
