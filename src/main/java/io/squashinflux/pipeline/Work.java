package io.squashinflux.pipeline;

import io.squashinflux.source.Ack;
import io.squashinflux.lineprotocol.Point;
import java.util.List;

/**
 * One item's points on their way to the sink, with what the sink refused of them so far: the
 * item's ack is called once the batch holding its last point is written.
 */
final class Work {
  static final Work END = new Work(null, null, List.of());

  final String ref;
  final Ack ack;
  final List<Point> points;
  private String refusal; // the first reason the sink gave for one of these points

  Work(String ref, Ack ack, List<Point> points) {
    this.ref = ref;
    this.ack = ack;
    this.points = points;
  }

  void refused(String reason) {
    if (refusal == null) {
      refusal = reason;
    }
  }

  /** Whether every point was written (none refused). */
  boolean clean() {
    return refusal == null;
  }

  String refusal() {
    return refusal;
  }
}
