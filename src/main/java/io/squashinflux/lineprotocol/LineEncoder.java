package io.squashinflux.lineprotocol;

import io.squashinflux.lineprotocol.Names.Kind;
import io.squashinflux.lineprotocol.Notes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Encodes points as InfluxDB 1.x line protocol, one line per point, so that influxd 1.6 accepts
 * every line it is given and stores every name and value exactly as the point held it.
 *
 * <p>Whatever cannot be stored as is gets changed or dropped, and each such change is reported to
 * {@link Notes} with a reason from {@link Reasons}: lossless escaping is the only silent change.
 * Tags are written in UTF-8 byte order of their escaped keys, the order influxd sorts them into;
 * when two keys clash after cleaning, the first in the point's order wins. Thread-safe; a string
 * that needs no change is written without copying, and the escaped form of a field or tag key that
 * needed no change is remembered (up to {@link #KEYS_KEPT} of each), because the same keys come
 * in every job.
 */
public final class LineEncoder {
  static final int KEYS_KEPT = 10_000;

  private final Map<String, String> fieldKeys = new ConcurrentHashMap<>();
  private final Map<String, String> tagKeys = new ConcurrentHashMap<>();

  /** influxd 1.6.7 answers {@code time outside range} beyond these (seen); 1677-09-21..2262-04-11. */
  static final long MIN_TIME = Long.MIN_VALUE + 2;

  static final long MAX_TIME = Long.MAX_VALUE - 1;

  /**
   * Appends the point as one line ending in {@code '\n'} and returns how many field values it
   * carries; returns 0 and appends nothing when no line can be written (the reason is noted).
   */
  public int encode(Point point, StringBuilder out, Notes notes) {
    if (point.line() != null) {
      out.append(point.line()).append('\n');
      return LineText.fields(point.line());
    }
    String job = point.job();
    String rawMeasurement = point.measurement();
    if (point.timeNanos() < MIN_TIME || point.timeNanos() > MAX_TIME) {
      notes.dropped(job, rawMeasurement, Reasons.TIME_OUT_OF_RANGE);
      return 0;
    }
    List<EncodedField> fields = fields(point, notes);
    if (fields.isEmpty()) {
      notes.dropped(job, rawMeasurement, Reasons.NO_FIELD);
      return 0;
    }
    String measurement = Names.clean(rawMeasurement, Kind.MEASUREMENT, job, rawMeasurement, notes);
    if (measurement.isEmpty()) {
      notes.dropped(job, rawMeasurement, Reasons.EMPTY_MEASUREMENT);
      return 0;
    }
    measurement = Names.escape(measurement, Kind.MEASUREMENT);
    List<EncodedTag> tags = tags(point, notes);
    if (!KeyLimit.fit(job, rawMeasurement, measurement, tags, fields, notes)) {
      return 0;
    }
    append(measurement, tags, fields, point.timeNanos(), out);
    return fields.size();
  }

  /** The point's line with its {@code '\n'}, or null when it is dropped (the reason is noted). */
  public String encode(Point point, Notes notes) {
    StringBuilder out = new StringBuilder(128);
    return encode(point, out, notes) > 0 ? out.toString() : null;
  }

  /** The escaped key, or "" when nothing is left of it (noted); clean keys are remembered. */
  private static String key(Map<String, String> known, String raw, Kind kind, String job,
      Notes notes) {
    String escaped = known.get(raw);
    if (escaped != null) {
      return escaped;
    }
    String key = Names.clean(raw, kind, job, raw, notes);
    if (key.isEmpty()) {
      return key;
    }
    escaped = Names.escape(key, kind);
    if (key == raw && known.size() < KEYS_KEPT) { // unchanged: nothing was noted about it
      known.put(raw, escaped);
    }
    return escaped;
  }

  private List<EncodedField> fields(Point point, Notes notes) {
    String job = point.job();
    List<EncodedField> fields = new ArrayList<>(point.fields().size());
    // The raw keys are distinct and escaping is lossless, so two keys can only clash once one of
    // them was cleaned: keys are compared from the first key that is not known to be unchanged.
    Set<String> seen = null;
    boolean compare = false;
    for (Map.Entry<String, FieldValue> entry : point.fields().entrySet()) {
      String rawKey = entry.getKey() == null ? "" : entry.getKey();
      String unstorable = Values.unstorable(entry.getValue());
      if (unstorable != null) {
        notes.dropped(job, rawKey, unstorable);
        continue;
      }
      String unchanged = fieldKeys.get(rawKey);
      String key = unchanged != null ? unchanged
          : key(fieldKeys, rawKey, Kind.FIELD_KEY, job, notes);
      if (key.isEmpty()) {
        notes.dropped(job, rawKey, Reasons.EMPTY_FIELD_KEY);
        continue;
      }
      if (!compare && unchanged == null && fieldKeys.get(rawKey) == null) {
        compare = true;
        if (point.fields().size() > 8) {
          seen = new HashSet<>();
          for (EncodedField field : fields) {
            seen.add(field.key());
          }
        }
      }
      if (compare && (seen == null ? containsKey(fields, key) : !seen.add(key))) {
        notes.dropped(job, rawKey, Reasons.DUPLICATE_FIELD_KEY);
        continue;
      }
      FieldValue value = Values.clean(entry.getValue());
      if (value != entry.getValue()) {
        notes.changed(job, rawKey, Reasons.SURROGATE_REPLACED);
      }
      fields.add(new EncodedField(rawKey, key, value));
    }
    return fields;
  }

  private static boolean containsKey(List<EncodedField> fields, String key) {
    for (EncodedField field : fields) {
      if (field.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  private List<EncodedTag> tags(Point point, Notes notes) {
    String job = point.job();
    List<EncodedTag> tags = new ArrayList<>(point.tags().size());
    for (Map.Entry<String, String> entry : point.tags().entrySet()) {
      String rawKey = entry.getKey();
      String key = key(tagKeys, rawKey, Kind.TAG_KEY, job, notes);
      if (key.isEmpty()) {
        notes.dropped(job, rawKey, Reasons.EMPTY_TAG_KEY);
        continue;
      }
      String value = Names.clean(entry.getValue(), Kind.TAG_VALUE, job, rawKey, notes);
      if (value.isEmpty()) {
        notes.dropped(job, rawKey, Reasons.EMPTY_TAG_VALUE);
        continue;
      }
      tags.add(
          new EncodedTag(rawKey, key, Names.escape(value, Kind.TAG_VALUE)));
    }
    sortByKey(tags);
    dropDuplicates(job, tags, notes);
    return tags;
  }

  // A stable insertion sort: linear on the usual already-sorted tags, and equal keys keep their order.
  private static void sortByKey(List<EncodedTag> tags) {
    for (int i = 1; i < tags.size(); i++) {
      EncodedTag tag = tags.get(i);
      int j = i;
      while (j > 0 && Names.compareUtf8(tags.get(j - 1).key(), tag.key()) > 0) {
        tags.set(j, tags.get(j - 1));
        j--;
      }
      tags.set(j, tag);
    }
  }

  private static void dropDuplicates(String job, List<EncodedTag> tags, Notes notes) {
    for (int i = tags.size() - 1; i > 0; i--) {
      if (tags.get(i).key().equals(tags.get(i - 1).key())) {
        notes.dropped(job, tags.remove(i).rawKey(), Reasons.DUPLICATE_TAG_KEY);
      }
    }
  }

  private static void append(
      String measurement,
      List<EncodedTag> tags,
      List<EncodedField> fields,
      long timeNanos,
      StringBuilder out) {
    int size = measurement.length() + 24;
    for (EncodedTag tag : tags) {
      size += tag.key().length() + tag.value().length() + 2;
    }
    for (EncodedField field : fields) {
      size += field.key().length() + Values.sizeHint(field.value()) + 2;
    }
    out.ensureCapacity(out.length() + size);
    out.append(measurement);
    for (EncodedTag tag : tags) {
      out.append(',').append(tag.key()).append('=').append(tag.value());
    }
    char separator = ' ';
    for (EncodedField field : fields) {
      out.append(separator).append(field.key()).append('=');
      Values.append(field.value(), out);
      separator = ',';
    }
    out.append(' ').append(timeNanos).append('\n');
  }
}
