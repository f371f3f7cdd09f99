package io.squashinflux.source;

import io.squashinflux.lineprotocol.Point;
import io.squashinflux.source.Job;
import java.util.List;

/**
 * What a {@link Source} yields: a job still to be enriched and mapped, points already made (a
 * Kafka record holding them), or a key that could not be read. Each carries its {@link Ack}, and
 * the pipeline calls exactly one of the ack's methods for it, once the item's fate is known.
 */
public sealed interface Item {

  /** How reports name the item: {@code "job 1234"}, a file's path. */
  String ref();

  Ack ack();

  /** A job to enrich and map. */
  record OfJob(Job job, Ack ack) implements Item {
    @Override
    public String ref() {
      return job.ref();
    }
  }

  /** Points that need no mapping. */
  record OfPoints(String ref, List<Point> points, Ack ack) implements Item {
    public OfPoints {
      points = List.copyOf(points);
    }
  }

  /** A key the source listed but could not read; {@code reason} is one line. */
  record Unreadable(String ref, String reason, Ack ack) implements Item {}
}
