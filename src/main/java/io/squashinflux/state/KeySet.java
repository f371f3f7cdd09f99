package io.squashinflux.state;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A set of job keys that stays small on disk and in memory: SQuaSH ids (whole numbers) as runs of
 * consecutive ids, written as ranges ({@code 1-5000,5002}), other keys (file paths) as a sorted
 * list. Ids are arbitrary: memory grows with the number of runs, never with an id's magnitude.
 */
final class KeySet {
  /** The longest key read as an id: any 18-digit number fits a long. */
  private static final int MAX_ID_DIGITS = 18;

  /** Each run's first id to its last, runs apart (never touching). */
  private final TreeMap<Long, Long> runs = new TreeMap<>();
  private final TreeSet<String> others = new TreeSet<>();
  private long idCount;

  boolean contains(String key) {
    long id = idOf(key);
    return id >= 0 ? containsId(id) : others.contains(key);
  }

  void add(String key) {
    long id = idOf(key);
    if (id >= 0) {
      addRun(id, id);
    } else {
      others.add(key);
    }
  }

  void remove(String key) {
    long id = idOf(key);
    if (id >= 0) {
      removeId(id);
    } else {
      others.remove(key);
    }
  }

  void clear() {
    runs.clear();
    idCount = 0;
    others.clear();
  }

  int size() {
    return (int) Math.min(Integer.MAX_VALUE, idCount + others.size());
  }

  /** How many runs of consecutive ids are held: what the set's memory grows with. */
  int runCount() {
    return runs.size();
  }

  /** Every key, ids first in numeric order. */
  List<String> keys() {
    List<String> keys = new ArrayList<>(size());
    for (Map.Entry<Long, Long> run : runs.entrySet()) {
      for (long id = run.getKey(); id <= run.getValue(); id++) {
        keys.add(Long.toString(id));
      }
    }
    keys.addAll(others);
    return keys;
  }

  /** The ids as ranges: {@code 1-3,7,9-12}. */
  String ranges() {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<Long, Long> run : runs.entrySet()) {
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(run.getKey());
      if (run.getValue() > run.getKey()) {
        out.append('-').append(run.getValue());
      }
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
      long from = idOf(dash < 0 ? part : part.substring(0, dash));
      long to = dash < 0 ? from : idOf(part.substring(dash + 1));
      if (from < 0 || to < from) {
        throw new IllegalArgumentException("bad range '" + part + "'");
      }
      addRun(from, to);
    }
  }

  private boolean containsId(long id) {
    Map.Entry<Long, Long> run = runs.floorEntry(id);
    return run != null && run.getValue() >= id;
  }

  /** Adds {@code [from, to]}, merging it with every run it overlaps or touches. */
  private void addRun(long from, long to) {
    Map.Entry<Long, Long> before = runs.floorEntry(from);
    if (before != null && before.getValue() >= from - 1) {
      from = before.getKey();
      to = Math.max(to, before.getValue());
      removeRun(before);
    }
    Map.Entry<Long, Long> after = runs.ceilingEntry(from);
    while (after != null && after.getKey() <= to + 1) {
      to = Math.max(to, after.getValue());
      removeRun(after);
      after = runs.ceilingEntry(from);
    }
    runs.put(from, to);
    idCount += to - from + 1;
  }

  private void removeRun(Map.Entry<Long, Long> run) {
    runs.remove(run.getKey());
    idCount -= run.getValue() - run.getKey() + 1;
  }

  private void removeId(long id) {
    Map.Entry<Long, Long> run = runs.floorEntry(id);
    if (run == null || run.getValue() < id) {
      return;
    }
    removeRun(run);
    if (run.getKey() < id) {
      addRun(run.getKey(), id - 1);
    }
    if (run.getValue() > id) {
      addRun(id + 1, run.getValue());
    }
  }

  /** A key that is a plain non-negative whole number (a SQuaSH id), or -1. */
  private static long idOf(String key) {
    int n = key.length();
    if (n == 0 || n > MAX_ID_DIGITS || (n > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    long value = 0;
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
