package io.squashinflux.pipeline;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import java.util.ArrayList;
import java.util.List;

/**
 * Points gathered for one write, each with the item it came from, and the items whose last point
 * is in here (an item's earlier points may be in earlier batches, which are written first).
 */
final class Batch {
  static final Batch END = new Batch();

  final List<Point> points = new ArrayList<>();
  final List<Work> owners = new ArrayList<>();
  final List<Work> completes = new ArrayList<>();
  long bytes;
  long startedNanos;

  void add(Point point, Work owner, long size, long now) {
    if (points.isEmpty()) {
      startedNanos = now;
    }
    points.add(point);
    owners.add(owner);
    bytes += size;
  }

  boolean isEmpty() {
    return points.isEmpty() && completes.isEmpty();
  }

  /** A rough size of a point as line protocol, to keep a request body under the server's limit. */
  static long estimatedBytes(Point point) {
    if (point.line() != null) {
      return point.line().length() + 1;
    }
    long size = point.measurement().length() + 21;
    for (var tag : point.tags().entrySet()) {
      size += tag.getKey().length() + tag.getValue().length() + 2;
    }
    for (var field : point.fields().entrySet()) {
      size += field.getKey().length() + 26
          + (field.getValue() instanceof FieldValue.StringValue text ? text.value().length() : 0);
    }
    return size;
  }
}
