package io.squashinflux.lineprotocol;

import io.squashinflux.lineprotocol.Notes;
import java.util.List;

/**
 * Keeps measurement + tag set + field key within InfluxDB's 65,535 bytes. influxd 1.6.7 rejects a
 * line (400 {@code max key length exceeded}) as soon as, for any of its fields, the escaped series
 * key, a 4-byte separator and the escaped field key together exceed 65,535 bytes (seen).
 */
final class KeyLimit {
  private KeyLimit() {}

  static final int MAX_KEY_BYTES = 65_535;
  /** The {@code #!~#} influxd puts between series key and field key. */
  static final int SEPARATOR_BYTES = 4;

  /**
   * Drops fields whose key alone cannot fit, then the longest tags until the longest field key fits;
   * false when the line cannot be written at all (the drop is already noted).
   */
  static boolean fit(
      String job,
      String rawMeasurement,
      String measurement,
      List<EncodedTag> tags,
      List<EncodedField> fields,
      Notes notes) {
    if (obviouslyFits(measurement, tags, fields)) {
      return true;
    }
    int room = MAX_KEY_BYTES - SEPARATOR_BYTES - Names.utf8Length(measurement);
    if (room < 1) {
      notes.dropped(job, rawMeasurement, Reasons.MEASUREMENT_OVER_KEY_LIMIT);
      return false;
    }
    int longestField = 0;
    for (int i = fields.size() - 1; i >= 0; i--) {
      int bytes = Names.utf8Length(fields.get(i).key());
      if (bytes > room) {
        notes.dropped(job, fields.get(i).rawKey(), Reasons.FIELD_KEY_OVER_KEY_LIMIT);
        fields.remove(i);
      } else {
        longestField = Math.max(longestField, bytes);
      }
    }
    if (fields.isEmpty()) {
      notes.dropped(job, rawMeasurement, Reasons.NO_FIELD);
      return false;
    }
    dropLongestTags(job, tags, room - longestField, notes);
    return true;
  }

  // A UTF-16 char is at most 3 UTF-8 bytes, so short lines skip the byte counting.
  private static boolean obviouslyFits(
      String measurement, List<EncodedTag> tags, List<EncodedField> fields) {
    long chars = measurement.length();
    for (EncodedTag tag : tags) {
      chars += 2 + tag.key().length() + tag.value().length();
    }
    int longestField = 0;
    for (EncodedField field : fields) {
      longestField = Math.max(longestField, field.key().length());
    }
    return 3 * (chars + longestField) <= MAX_KEY_BYTES - SEPARATOR_BYTES;
  }

  private static void dropLongestTags(String job, List<EncodedTag> tags, int budget, Notes notes) {
    int total = 0;
    for (EncodedTag tag : tags) {
      total += tag.bytes();
    }
    while (total > budget) {
      int longest = 0;
      for (int i = 1; i < tags.size(); i++) {
        if (tags.get(i).bytes() > tags.get(longest).bytes()) {
          longest = i;
        }
      }
      EncodedTag dropped = tags.remove(longest);
      total -= dropped.bytes();
      notes.dropped(job, dropped.rawKey(), Reasons.TAG_OVER_KEY_LIMIT);
    }
  }
}
