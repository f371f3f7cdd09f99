package io.squashinflux.mapping;

import io.squashinflux.lineprotocol.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which job wrote each point (series and time) of this run, so that a second job writing the same
 * point, which InfluxDB would merge into one, is reported naming both. Kept compact (a 64-bit hash
 * per point and the index of its job), since a run may map millions of points. Thread-safe.
 */
final class PointOwners {
  private final List<String> jobs = new ArrayList<>();
  private long[] hashes = new long[1 << 10];
  private int[] owners = new int[1 << 10];
  private int size;

  /**
   * Records the job's points; returns, per point another job of this run wrote already, that
   * job's name (the point's index to it), empty when none.
   */
  synchronized Map<Integer, String> claim(String job, List<Point> points) {
    Map<Integer, String> others = new TreeMap<>();
    int owner = -1;
    for (int i = 0; i < points.size(); i++) {
      long hash = hash(points.get(i));
      int slot = find(hash);
      if (hashes[slot] == hash) {
        String other = jobs.get(owners[slot]);
        if (!other.equals(job)) {
          others.put(i, other);
        }
        continue;
      }
      if (owner < 0) {
        jobs.add(job);
        owner = jobs.size() - 1;
      }
      hashes[slot] = hash;
      owners[slot] = owner;
      if (++size * 2 > hashes.length) {
        grow();
      }
    }
    return others;
  }

  /** The slot holding {@code hash}, or the empty slot where it belongs. */
  private int find(long hash) {
    int mask = hashes.length - 1;
    int slot = (int) (hash ^ (hash >>> 32)) & mask;
    while (hashes[slot] != 0 && hashes[slot] != hash) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void grow() {
    long[] oldHashes = hashes;
    int[] oldOwners = owners;
    hashes = new long[oldHashes.length * 2];
    owners = new int[oldOwners.length * 2];
    for (int i = 0; i < oldHashes.length; i++) {
      if (oldHashes[i] != 0) {
        int slot = find(oldHashes[i]);
        hashes[slot] = oldHashes[i];
        owners[slot] = oldOwners[i];
      }
    }
  }

  /** A 64-bit hash of the measurement, the tags in key order and the time; never 0 (empty). */
  private static long hash(Point point) {
    long h = 0xcbf29ce484222325L;
    h = mix(h, point.measurement());
    for (Map.Entry<String, String> tag : point.tags().entrySet()) { // sorted by key
      h = mix(mix(h, tag.getKey()), tag.getValue());
    }
    h = (h ^ point.timeNanos()) * 0x100000001b3L;
    h ^= h >>> 31;
    return h == 0 ? 1 : h;
  }

  private static long mix(long h, String text) {
    for (int i = 0; i < text.length(); i++) {
      h = (h ^ text.charAt(i)) * 0x100000001b3L;
    }
    return (h ^ 0x1f) * 0x100000001b3L;
  }
}
