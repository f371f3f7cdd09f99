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
    // Keys and values apart: an unmodifiable map's entries are each wrapped on the way out.
    long size = point.measurement().length() + 21;
    for (String key : point.tags().keySet()) {
      size += key.length() + 2;
    }
    for (String value : point.tags().values()) {
      size += value.length();
    }
    for (String key : point.fields().keySet()) {
      size += (key == null ? 0 : key.length()) + 26;
    }
    for (FieldValue value : point.fields().values()) {
      size += value instanceof FieldValue.StringValue text ? text.value().length() : 0;
    }
    return size;
  }
}
