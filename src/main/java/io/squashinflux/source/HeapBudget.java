package io.squashinflux.source;

/**
 * How many measurements one job may have, so that a job too large for the heap fails alone, with
 * its reason, before it is mapped: once the heap is full an {@link OutOfMemoryError} strikes
 * whichever thread allocates next (the sender, the batcher), not the one reading the huge job.
 * The one place that decides it; the sources' and the mapper's catches of that error are the
 * backstop behind it.
 */
public final class HeapBudget {
  /**
   * Heap a measurement may take from parse to encoded line, with room for the jobs in flight
   * beside it: a synthetic job of small measurements peaks well under this (BENCHMARKS.md).
   */
  static final long BYTES_PER_MEASUREMENT = 2048;

  private HeapBudget() {}

  /** The most measurements a job may have in this JVM's heap. */
  static int maxMeasurements() {
    return (int) Math.min(Integer.MAX_VALUE, heap() / BYTES_PER_MEASUREMENT);
  }

  /** The reason a job with more than {@code limit} measurements fails. */
  static String tooMany(int limit) {
    return "too large to map within the heap: more than " + limit + " measurements; "
        + advice();
  }

  /** The reason {@code ref} failed when {@code doing} it ran out of heap ("read", "map"). */
  public static String outOfMemory(String ref, String doing, OutOfMemoryError e) {
    return ref + ": too large to " + doing + " within the heap (" + e.getMessage() + "; "
        + advice() + ")";
  }

  /** What a user does about a job too large for the heap. */
  private static String advice() {
    return "raise -Xmx (now " + heap() / (1024 * 1024)
        + " MB) through SQUASH_INFLUX_JAVA_OPTS or JAVA_TOOL_OPTIONS";
  }

  private static long heap() {
    return Runtime.getRuntime().maxMemory();
  }
}
