package io.squashinflux.sink.sasquatch;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;

/**
 * Maps a point to the record Sasquatch's dispatchers send: topic {@code NAMESPACE.MEASUREMENT},
 * an Avro record of that full name with {@code timestamp} (long, microseconds since the epoch,
 * Sasquatch's default), the job metadata (the point's tags) as string fields, and the values.
 * Names Avro does not allow (dots, dashes) become underscores. Pure.
 */
final class AvroRecords {
  private final String namespace;

  AvroRecords(String namespace) {
    this.namespace = namespace;
  }

  /** One point as a record; refused (with the reason) when its names collide in Avro. */
  sealed interface Mapped {}

  /** The record's topic, schema and JSON value (Avro's JSON encoding, as the proxy reads it). */
  record Encoded(String topic, Schema schema, String valueJson) implements Mapped {}

  record Refused(String reason) implements Mapped {}

  Mapped map(Point point) {
    String name = avroName(point.measurement());
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, String> original = new LinkedHashMap<>();
    values.put("timestamp", Math.floorDiv(point.timeNanos(), 1000L));
    original.put("timestamp", "timestamp");
    for (Map.Entry<String, String> tag : point.tags().entrySet()) {
      String clash = put(values, original, tag.getKey(), tag.getValue());
      if (clash != null) {
        return new Refused(clash);
      }
    }
    for (Map.Entry<String, FieldValue> field : point.fields().entrySet()) {
      Object value = value(field.getValue());
      if (value == null) {
        continue;
      }
      String clash = put(values, original, field.getKey(), value);
      if (clash != null) {
        return new Refused(clash);
      }
    }
    Schema schema = schema(name, values);
    return new Encoded(namespace + "." + name, schema, json(schema, values));
  }

  private static String put(Map<String, Object> values, Map<String, String> original, String key,
      Object value) {
    String name = avroName(key);
    String before = original.putIfAbsent(name, key);
    if (before != null) {
      return "\"" + before + "\" and \"" + key + "\" both become the Avro field \"" + name + "\"";
    }
    values.put(name, value);
    return null;
  }

  /** A field's value as Avro holds it, or null for a value InfluxDB could not store either. */
  private static Object value(FieldValue value) {
    if (value instanceof FieldValue.FloatValue f) {
      return Double.isFinite(f.value()) ? f.value() : null;
    }
    if (value instanceof FieldValue.IntValue i) {
      return i.value();
    }
    if (value instanceof FieldValue.BoolValue b) {
      return b.value();
    }
    return ((FieldValue.StringValue) value).value();
  }

  private Schema schema(String name, Map<String, Object> values) {
    SchemaBuilder.FieldAssembler<Schema> fields =
        SchemaBuilder.record(name).namespace(namespace).fields();
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      Object value = entry.getValue();
      SchemaBuilder.FieldTypeBuilder<Schema> type = fields.name(entry.getKey()).type();
      if (value instanceof Double) {
        fields = type.doubleType().noDefault();
      } else if (value instanceof Long) {
        fields = type.longType().noDefault();
      } else if (value instanceof Boolean) {
        fields = type.booleanType().noDefault();
      } else {
        fields = type.stringType().noDefault();
      }
    }
    return fields.endRecord();
  }

  private static String json(Schema schema, Map<String, Object> values) {
    GenericRecord record = new GenericData.Record(schema);
    values.forEach(record::put);
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try {
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(schema, out);
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** A name Avro accepts: letters, digits and underscores, not starting with a digit. */
  static String avroName(String text) {
    StringBuilder name = new StringBuilder(text.length() + 1);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
      name.append(ok ? c : '_');
    }
    if (name.length() == 0 || Character.isDigit(name.charAt(0))) {
      name.insert(0, '_');
    }
    return name.toString();
  }
}
