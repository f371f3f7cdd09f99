package io.squashinflux.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue.BoolValue;
import io.squashinflux.lineprotocol.FieldValue.IntValue;
import io.squashinflux.lineprotocol.FieldValue.StringValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class LineEncoderPropertiesTest {
  private static final List<String> HOSTILE =
      List.of(
          "a", "Z", "0", " ", ",", "=", "\"", "\\", "\\\\", "\r", "\n", "\t", "\0", "#", "time",
          "é", "日本", "\uD83D\uDE00", "\uD800", "\uDFFF", "\uFFFD", "\u2028", "_");

  private final LineEncoder encoder = new LineEncoder();

  @Property(tries = 2000)
  void everyKeptNameAndValueIsIntactOrNoted(
      @ForAll("texts") String measurement,
      @ForAll("tags") Map<String, String> tags,
      @ForAll("fields") Map<String, FieldValue> fields) {
    RecordingNotes notes = new RecordingNotes();
    Point point = new Point("job", measurement, tags, fields, 42);
    String line = encoder.encode(point, notes);
    if (line == null) {
      assertThat(notes.all).anyMatch(n -> n.dropped() && n.key().equals(measurement));
      return;
    }
    LineReader read = LineReader.read(line);
    assertWritable(read);
    if (!notes.about("job", measurement)) {
      assertThat(read.measurement()).isEqualTo(measurement);
    }
    tags.forEach(
        (k, v) -> {
          if (!notes.about("job", k)) {
            assertThat(read.tags()).containsEntry(k, v);
          }
        });
    fields.forEach(
        (k, v) -> {
          if (!notes.about("job", k)) {
            assertThat(read.fields()).containsEntry(k, written(v));
          }
        });
    assertThat(read.tags().size()).isLessThanOrEqualTo(tags.size());
    assertThat(read.fields().size()).isLessThanOrEqualTo(fields.size());
  }

  /** What influxd would refuse, misread or silently drop. */
  private static void assertWritable(LineReader read) {
    assertThat(read.measurement()).isNotEmpty().doesNotStartWith("#");
    List<String> names = new ArrayList<>(List.of(read.measurement()));
    names.addAll(read.tags().keySet());
    names.addAll(read.tags().values());
    names.addAll(read.fields().keySet());
    for (String name : names) {
      assertThat(name).isNotEmpty().doesNotEndWith("\\").doesNotContain("\r", "\n", "\t", "\0");
      // influxd reads backslashes pairwise when it splits a batch into lines.
      assertThat(name).doesNotContain("\\ ", "\\,", "\\=");
    }
    assertThat(read.measurement()).doesNotContain("\\\"");
    assertThat(read.fields().keySet()).allMatch(k -> !k.contains("\\\""));
    assertThat(read.tags()).doesNotContainKey("time");
    assertThat(read.fields()).isNotEmpty().doesNotContainKey("time");
    List<String> keys = new ArrayList<>(read.tags().keySet());
    for (int i = 1; i < keys.size(); i++) {
      assertThat(Names.compareUtf8(Names.escape(keys.get(i - 1), Names.Kind.TAG_KEY),
              Names.escape(keys.get(i), Names.Kind.TAG_KEY)))
          .isNegative();
    }
  }

  private static String written(FieldValue value) {
    if (value instanceof StringValue s) {
      return s.value();
    }
    StringBuilder out = new StringBuilder();
    Values.append(value, out);
    return out.toString();
  }

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.of(HOSTILE), Arbitraries.strings().all().ofMinLength(1).ofMaxLength(2));
    return piece.list().ofMaxSize(6).map(parts -> String.join("", parts));
  }

  @Provide
  Arbitrary<Map<String, String>> tags() {
    return Arbitraries.maps(texts(), texts()).ofMaxSize(5);
  }

  @Provide
  Arbitrary<Map<String, FieldValue>> fields() {
    return Arbitraries.maps(texts(), values()).ofMaxSize(4);
  }

  private Arbitrary<FieldValue> values() {
    return Arbitraries.oneOf(
        Arbitraries.doubles()
            .withSpecialValue(Double.NaN)
            .withSpecialValue(-0.0)
            .withSpecialValue(Double.POSITIVE_INFINITY)
            .withSpecialValue(Double.MIN_VALUE)
            .map(FieldValue::of),
        Arbitraries.longs().map(IntValue::new),
        Arbitraries.of(true, false).map(BoolValue::new),
        texts().map(FieldValue::of),
        Combinators.combine(texts(), texts()).as((a, b) -> FieldValue.of(a + "\\" + b + "\\")));
  }
}
