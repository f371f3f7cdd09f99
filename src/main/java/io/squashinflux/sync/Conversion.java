package io.squashinflux.sync;

import io.squashinflux.delivery.Line;
import io.squashinflux.source.Job;
import java.util.List;

/** Turns one job into encoded lines under the run's data model, or says why it is not written. */
public interface Conversion {

  Result convert(Job job);

  /** What became of a job. */
  sealed interface Result {}

  /** The job's lines (possibly none, when it held no storable value). */
  record Lines(List<Line> lines) implements Result {
    public Lines {
      lines = List.copyOf(lines);
    }
  }

  /**
   * The job is not written: {@code loss} is false for a deliberate skip (the dataset filter) and
   * true when it should have been written but cannot be (no usable time).
   */
  record Skipped(String reason, boolean loss) implements Result {}
}
