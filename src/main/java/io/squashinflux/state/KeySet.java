package io.squashinflux.state;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * A set of job keys that stays small on disk and in memory: SQuaSH ids (whole numbers) in a
 * bit set written as ranges ({@code 1-5000,5002}), other keys (file paths) as a sorted list.
 */
final class KeySet {
  private final BitSet ids = new BitSet();
  private final TreeSet<String> others = new TreeSet<>();

  boolean contains(String key) {
    int id = idOf(key);
    return id >= 0 ? ids.get(id) : others.contains(key);
  }

  void add(String key) {
    int id = idOf(key);
    if (id >= 0) {
      ids.set(id);
    } else {
      others.add(key);
    }
  }

  void remove(String key) {
    int id = idOf(key);
    if (id >= 0) {
      ids.clear(id);
    } else {
      others.remove(key);
    }
  }

  void clear() {
    ids.clear();
    others.clear();
  }

  int size() {
    return ids.cardinality() + others.size();
  }

  /** Every key, ids first in numeric order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(size());
    ids.stream().forEach(id -> keys.add(Integer.toString(id)));
    keys.addAll(others);
    return keys;
  }

  /** The ids as ranges: {@code 1-3,7,9-12}. */
  String ranges() {
    StringBuilder out = new StringBuilder();
    int start = ids.nextSetBit(0);
    while (start >= 0) {
      int end = ids.nextClearBit(start) - 1;
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(start);
      if (end > start) {
        out.append('-').append(end);
      }
      start = ids.nextSetBit(end + 1);
    }
    return out.toString();
  }

  Collection<String> others() {
    return others;
  }

  /** Reads {@link #ranges()} back; throws IllegalArgumentException on anything else. */
  void addRanges(String ranges) {
    if (ranges.isEmpty()) {
      return;
    }
    for (String part : ranges.split(",")) {
      int dash = part.indexOf('-');
      int from = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(part.substring(dash + 1));
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("bad range '" + part + "'");
      }
      ids.set(from, to + 1);
    }
  }

  /** A key that is a plain non-negative int (a SQuaSH id), or -1. */
  private static int idOf(String key) {
    int n = key.length();
    if (n == 0 || n > 9 || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < n; i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
