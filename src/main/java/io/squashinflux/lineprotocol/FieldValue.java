package io.squashinflux.lineprotocol;

import java.util.Objects;

/** A field value of one of the types InfluxDB 1.x stores. */
public sealed interface FieldValue {

  /** A float field; every metric value is one, so jobs never conflict on field types. */
  record FloatValue(double value) implements FieldValue {}

  /** An integer field ({@code 123i}). */
  record IntValue(long value) implements FieldValue {}

  /** A string field. */
  record StringValue(String value) implements FieldValue {
    public StringValue {
      Objects.requireNonNull(value, "value == null");
    }
  }

  /** A boolean field. */
  record BoolValue(boolean value) implements FieldValue {}

  static FieldValue of(double value) {
    return new FloatValue(value);
  }

  static FieldValue of(String value) {
    return new StringValue(value);
  }
}
