package io.squashinflux.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.source.Job;
import io.squashinflux.source.Measurement;
import java.util.Map;

/**
 * How many nanoseconds (0 to 999) a job's points sit after its time, so that two jobs of one
 * series with the same time (two CI runs uploading within one second) are two points, not one
 * overwriting the other. It follows from the job alone, so a re-sync, another run or another
 * {@code --parallel} order puts the job on the same nanosecond, and no series is added. Below a
 * microsecond, it never reorders times Python wrote (SQuaSH's and lsst.verify's have microseconds).
 */
final class JobOffset {
  static final int SPAN = 1000;

  private JobOffset() {}

  /**
   * The SQuaSH id modulo {@link #SPAN}: ids are given in upload order, so jobs of one second never
   * share it. A job file without an id: a hash of what it holds (never of its path, which a move
   * changes).
   */
  static long of(Job job) {
    Long id = job.squashId();
    return Math.floorMod(id != null ? id : contentHash(job), SPAN);
  }

  /** The time moved by the job's offset; a time at the very end of InfluxDB's range stays. */
  static long apply(long nanos, Job job) {
    long offset = of(job);
    return nanos > Long.MAX_VALUE - offset ? nanos : nanos + offset;
  }

  /** FNV-1a over the job's times, dataset, metric values and meta, the same on every machine. */
  private static long contentHash(Job job) {
    Fnv hash = new Fnv();
    hash.add(job.dateCreated()).add(job.runDate()).add(job.dataset());
    for (Measurement measurement : job.measurements()) {
      hash.add(measurement.metric()).add(measurement.literal());
    }
    add(hash, job.meta());
    add(hash, job.env());
    return hash.value;
  }

  private static void add(Fnv hash, Map<String, JsonNode> entries) {
    entries.forEach((key, value) -> hash.add(key).add(value.toString()));
  }

  private static final class Fnv {
    long value = 0xcbf29ce484222325L;

    Fnv add(String text) {
      String part = text == null ? "\u0000null" : text;
      for (int i = 0; i < part.length(); i++) {
        value = (value ^ part.charAt(i)) * 0x100000001b3L;
      }
      value = (value ^ 0x1f) * 0x100000001b3L; // a separator, so "ab","c" differs from "a","bc"
      return this;
    }
  }
}
