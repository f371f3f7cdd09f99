package io.squashinflux.ledger;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts by reason, and within a reason by key (a few keys only, to stay small). */
final class Tally {
  private static final int KEYS_PER_REASON = 20;
  /** Where keys past the first {@value #KEYS_PER_REASON} of a reason are counted. */
  static final String OTHER_KEYS = "(other keys)";

  private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
  private final Map<String, Map<String, LongAdder>> keysByReason = new ConcurrentHashMap<>();

  void add(String reason, String key) {
    byReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    if (key == null) {
      return;
    }
    Map<String, LongAdder> keys = keysByReason.computeIfAbsent(reason, r -> new ConcurrentHashMap<>());
    LongAdder count = keys.get(key);
    if (count == null && keys.size() >= KEYS_PER_REASON) {
      key = OTHER_KEYS;
    }
    keys.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  long total() {
    return byReason.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Reason to count, sorted by reason. */
  Map<String, Long> byReason() {
    Map<String, Long> sorted = new TreeMap<>();
    byReason.forEach((reason, count) -> sorted.put(reason, count.sum()));
    return sorted;
  }

  /** Key to count within one reason, sorted by key. */
  Map<String, Long> keys(String reason) {
    Map<String, Long> sorted = new TreeMap<>();
    keysByReason.getOrDefault(reason, Map.of()).forEach((key, count) -> sorted.put(key, count.sum()));
    return sorted;
  }
}
