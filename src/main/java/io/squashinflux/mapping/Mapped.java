package io.squashinflux.mapping;

import io.squashinflux.lineprotocol.Point;
import java.util.List;
import java.util.Objects;

/** What became of one job: its points, or a skip with its kind and reason. */
public sealed interface Mapped {

  /** The job's points; empty when no value of it could be written (each one noted). */
  record Points(List<Point> points) implements Mapped {
    public Points {
      points = List.copyOf(points);
    }
  }

  /** The job is not written at all. */
  record Skipped(Skip kind, String reason) implements Mapped {
    public Skipped {
      Objects.requireNonNull(kind, "kind == null");
      Objects.requireNonNull(reason, "reason == null");
    }
  }

  /** Why a whole job is skipped; {@link #label} is how reports count them. */
  enum Skip {
    DATASET_FILTER("skipped by dataset filter"),
    NO_USABLE_TIME("no usable time");

    private final String label;

    Skip(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
