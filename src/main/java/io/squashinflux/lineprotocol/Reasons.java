package io.squashinflux.lineprotocol;

import java.util.List;

/**
 * Every reason the encoder gives {@link io.squashinflux.lineprotocol.Notes}, as fixed texts so that
 * reports can count by reason. The first group goes with {@code changed}, the rest with {@code
 * dropped}.
 */
public final class Reasons {
  private Reasons() {}

  // Changed: the value still arrives, altered.
  public static final String CONTROL_REPLACED = "CR/LF/TAB/NUL replaced by space";
  public static final String SURROGATE_REPLACED = "unpaired surrogate replaced by U+FFFD";
  public static final String TRAILING_BACKSLASH_TRIMMED = "trailing backslash trimmed";
  public static final String BACKSLASH_REPLACED =
      "backslash before space, comma, equals or quote replaced by '/'";
  public static final String HASH_PREFIXED = "leading '#' prefixed with '_'";
  public static final String TIME_RENAMED = "reserved key 'time' renamed to 'time_'";

  // Dropped: the tag, field or whole line does not arrive.
  public static final String EMPTY_MEASUREMENT = "empty measurement";
  public static final String EMPTY_TAG_KEY = "empty tag key";
  public static final String EMPTY_TAG_VALUE = "empty tag value";
  public static final String EMPTY_FIELD_KEY = "empty field key";
  public static final String NULL_FIELD_VALUE = "null field value";
  public static final String DUPLICATE_TAG_KEY = "duplicate tag key after cleaning";
  public static final String DUPLICATE_FIELD_KEY = "duplicate field key after cleaning";
  public static final String NOT_A_NUMBER = "NaN is not storable";
  public static final String INFINITE = "infinity is not storable";
  public static final String NO_FIELD = "no field left";
  public static final String TAG_OVER_KEY_LIMIT = "series key over 65535 bytes";
  public static final String FIELD_KEY_OVER_KEY_LIMIT = "field key over 65535 bytes";
  public static final String MEASUREMENT_OVER_KEY_LIMIT = "measurement over 65535 bytes";
  public static final String TIME_OUT_OF_RANGE = "time outside InfluxDB range";

  /** Reasons of {@code notes.changed}. */
  public static final List<String> CHANGED =
      List.of(
          CONTROL_REPLACED,
          SURROGATE_REPLACED,
          TRAILING_BACKSLASH_TRIMMED,
          BACKSLASH_REPLACED,
          HASH_PREFIXED,
          TIME_RENAMED);

  /** Reasons of {@code notes.dropped}. */
  public static final List<String> DROPPED =
      List.of(
          EMPTY_MEASUREMENT,
          EMPTY_TAG_KEY,
          EMPTY_TAG_VALUE,
          EMPTY_FIELD_KEY,
          NULL_FIELD_VALUE,
          DUPLICATE_TAG_KEY,
          DUPLICATE_FIELD_KEY,
          NOT_A_NUMBER,
          INFINITE,
          NO_FIELD,
          TAG_OVER_KEY_LIMIT,
          FIELD_KEY_OVER_KEY_LIMIT,
          MEASUREMENT_OVER_KEY_LIMIT,
          TIME_OUT_OF_RANGE);
}
