package io.squashinflux.pipeline;

/** Hears how far a run is; implementations draw a bar or log a line now and then. */
public interface Progress {

  /** {@code done} of {@code total} jobs are finished. */
  void update(long done, long total, long points);

  /** The run is over. */
  default void finish() {}

  Progress NONE = (done, total, points) -> {};
}
