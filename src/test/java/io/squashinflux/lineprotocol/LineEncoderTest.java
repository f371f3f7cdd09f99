package io.squashinflux.lineprotocol;

import static io.squashinflux.lineprotocol.Points.ordered;
import static io.squashinflux.lineprotocol.Points.point;
import static io.squashinflux.lineprotocol.Points.withFields;
import static io.squashinflux.lineprotocol.Points.withTags;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue.BoolValue;
import io.squashinflux.lineprotocol.FieldValue.IntValue;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineEncoderTest {
  private final LineEncoder encoder = new LineEncoder();
  private final RecordingNotes notes = new RecordingNotes();

  private String encode(Point point) {
    return encoder.encode(point, notes);
  }

  @Test
  void writesOneLineWithExplicitTimestamp() {
    Point p = point("m", Map.of("b", "2", "a", "1"), Map.of("f", FieldValue.of(1.5)));
    assertThat(encode(p)).isEqualTo("m,a=1,b=2 f=1.5 1000\n");
    assertThat(notes.all).isEmpty();
  }

  @Test
  void keysThatNeedAChangeAreNotedForEveryPointWhileCleanKeysRepeatSilently() {
    Point first = point("m", Map.of("tag\nkey", "v", "ok", "v"),
        ordered(entry("field\tkey", FieldValue.of(1.0)), entry("plain", FieldValue.of(2.0))));
    for (int i = 0; i < 3; i++) {
      assertThat(encode(first)).isEqualTo("m,ok=v,tag\\ key=v field\\ key=1.0,plain=2.0 1000\n");
    }
    assertThat(notes.all).extracting(RecordingNotes.Note::key)
        .containsExactly("field\tkey", "tag\nkey", "field\tkey", "tag\nkey", "field\tkey",
            "tag\nkey");
  }

  @Test
  void writesFloatsWithoutIIntegersWithIAndBooleansAsWords() {
    Point p =
        withFields(
            ordered(
                entry("f", FieldValue.of(3.0)),
                entry("i", new IntValue(3)),
                entry("t", new BoolValue(true)),
                entry("n", new BoolValue(false))));
    assertThat(encode(p)).isEqualTo("m f=3.0,i=3i,t=true,n=false 1000\n");
  }

  @Test
  void floatsAreWrittenSoTheyReadBackExactly() {
    for (double d : List.of(-0.0, 1e-300, 1e300, Double.MIN_VALUE, 9007199254740993.0, 0.1)) {
      String line = encode(withFields(Map.of("f", FieldValue.of(d))));
      String number = line.substring("m f=".length(), line.indexOf(' ', 4));
      assertThat(Double.parseDouble(number)).isEqualTo(d);
    }
    assertThat(encode(withFields(Map.of("f", FieldValue.of(-0.0))))).isEqualTo("m f=-0.0 1000\n");
  }

  @Test
  void escapesMeasurementCommaAndSpaceOnly() {
    assertThat(encode(point("a b,c=d\"e", Map.of(), Map.of("f", FieldValue.of(1)))))
        .startsWith("a\\ b\\,c=d\"e f=");
  }

  @Test
  void escapesCommaEqualsAndSpaceInTagsAndFieldKeysButNeverBackslash() {
    Point p = point("m", Map.of("k =,", "v =,\\x"), Map.of("f =,\\x", FieldValue.of(1)));
    assertThat(encode(p)).isEqualTo("m,k\\ \\=\\,=v\\ \\=\\,\\x f\\ \\=\\,\\x=1.0 1000\n");
    assertThat(notes.all).isEmpty();
  }

  @Test
  void escapesQuotesAndBackslashesInStringValuesAndKeepsNewlines() {
    Point p = withFields(Map.of("s", FieldValue.of("a\"b\\c\nd\re\\")));
    assertThat(encode(p)).isEqualTo("m s=\"a\\\"b\\\\c\nd\re\\\\\" 1000\n");
    assertThat(notes.all).isEmpty();
  }

  @Test
  void sortsTagsByUtf8BytesOfEscapedKeys() {
    // String order puts U+1F600 (a surrogate pair) before U+FFFD, and "a b" before "a!".
    Point p = withTags(Map.of("\uD83D\uDE00", "1", "\uFFFD", "2", "a b", "3", "a!", "4"));
    assertThat(encode(p)).startsWith("m,a!=4,a\\ b=3,\uFFFD=2,\uD83D\uDE00=1 ");
  }

  @Test
  void omitsTagWithEmptyValue() {
    assertThat(encode(withTags(Map.of("a", "", "b", "x")))).startsWith("m,b=x f=");
    assertThat(notes.has("a", Reasons.EMPTY_TAG_VALUE)).isTrue();
  }

  @Test
  void keepsFirstOfTagKeysThatClashAfterCleaning() {
    assertThat(encode(withTags(Map.of("a\n", "1", "a ", "2")))).startsWith("m,a\\ =1 f=");
    assertThat(notes.has("a\n", Reasons.CONTROL_REPLACED)).isTrue();
    assertThat(notes.has("a ", Reasons.DUPLICATE_TAG_KEY)).isTrue();
  }

  @Test
  void keepsFirstOfFieldKeysThatClashAfterCleaning() {
    Point p = withFields(ordered(entry("x\\", FieldValue.of(1)), entry("x", FieldValue.of(2))));
    assertThat(encode(p)).isEqualTo("m x=1.0 1000\n");
    assertThat(notes.has("x\\", Reasons.TRAILING_BACKSLASH_TRIMMED)).isTrue();
    assertThat(notes.has("x", Reasons.DUPLICATE_FIELD_KEY)).isTrue();
  }

  @Test
  void keepsFirstOfFieldKeysThatClashAfterCleaningAmongManyFields() {
    Point p = withFields(ordered(entry("a", FieldValue.of(1)), entry("b", FieldValue.of(2)),
        entry("c", FieldValue.of(3)), entry("d", FieldValue.of(4)), entry("e", FieldValue.of(5)),
        entry("f", FieldValue.of(6)), entry("g", FieldValue.of(7)), entry("h", FieldValue.of(8)),
        entry("x", FieldValue.of(9)), entry("x\\", FieldValue.of(10)), entry("a\\", FieldValue.of(11)),
        entry("y", FieldValue.of(12))));
    assertThat(encode(p)).isEqualTo(
        "m a=1.0,b=2.0,c=3.0,d=4.0,e=5.0,f=6.0,g=7.0,h=8.0,x=9.0,y=12.0 1000\n");
    assertThat(notes.has("x\\", Reasons.DUPLICATE_FIELD_KEY)).isTrue();
    assertThat(notes.has("a\\", Reasons.DUPLICATE_FIELD_KEY)).isTrue();
  }

  @Test
  void dropsNaNAndInfinityAndTheLineWhenNoFieldIsLeft() {
    Point p =
        withFields(
            ordered(
                entry("n", FieldValue.of(Double.NaN)),
                entry("i", FieldValue.of(Double.NEGATIVE_INFINITY))));
    StringBuilder out = new StringBuilder("before\n");
    assertThat(encoder.encode(p, out, notes)).isZero();
    assertThat(out).hasToString("before\n");
    assertThat(notes.reasons())
        .containsExactly(Reasons.NOT_A_NUMBER, Reasons.INFINITE, Reasons.NO_FIELD);
  }

  @Test
  void dropsLineWithoutFields() {
    assertThat(encode(withFields(Map.of()))).isNull();
    assertThat(notes.has("m", Reasons.NO_FIELD)).isTrue();
  }

  @Test
  void dropsLineWhoseMeasurementIsEmptyOrOnlyBackslashes() {
    assertThat(encode(point("", Map.of(), Map.of("f", FieldValue.of(1))))).isNull();
    assertThat(encode(point("\\\\", Map.of(), Map.of("f", FieldValue.of(1))))).isNull();
    assertThat(notes.reasons()).containsExactly(Reasons.EMPTY_MEASUREMENT, Reasons.EMPTY_MEASUREMENT);
  }

  @Test
  void trimsTrailingBackslashesEverywhere() {
    Point p = point("m\\\\", Map.of("k\\", "v\\"), Map.of("f\\", FieldValue.of(1)));
    assertThat(encode(p)).isEqualTo("m,k=v f=1.0 1000\n");
    assertThat(notes.all).hasSize(4).allMatch(n -> !n.dropped());
  }

  @Test
  void replacesCrLfTabAndNulInNamesBySpace() {
    Point p = point("a\rb", Map.of("k\t", "v\n"), Map.of("f\0", FieldValue.of(1)));
    assertThat(encode(p)).isEqualTo("a\\ b,k\\ =v\\  f\\ =1.0 1000\n");
    assertThat(notes.reasons()).containsOnly(Reasons.CONTROL_REPLACED).hasSize(4);
  }

  @Test
  void prefixesMeasurementStartingWithHash() {
    assertThat(encode(point("#x", Map.of(), Map.of("f", FieldValue.of(1))))).startsWith("_#x f=");
    assertThat(notes.has("#x", Reasons.HASH_PREFIXED)).isTrue();
  }

  @Test
  void renamesTimeTagAndFieldKeys() {
    Point p = point("time", Map.of("time", "v"), Map.of("time", FieldValue.of(1)));
    assertThat(encode(p)).isEqualTo("time,time_=v time_=1.0 1000\n");
    assertThat(notes.reasons()).containsExactly(Reasons.TIME_RENAMED, Reasons.TIME_RENAMED);
  }

  @Test
  void replacesBackslashBeforeAnEscapedCharacter() {
    Point p = point("a\\ b", Map.of("k\\ x", "v\\,x"), Map.of("f\\=x", FieldValue.of(1)));
    assertThat(encode(p)).isEqualTo("a/\\ b,k/\\ x=v/\\,x f/\\=x=1.0 1000\n");
    assertThat(notes.reasons()).containsOnly(Reasons.BACKSLASH_REPLACED).hasSize(4);
  }

  @Test
  void replacesBackslashBeforeQuoteInMeasurementAndFieldKeyButNotInTags() {
    Point p = point("a\\\"b", Map.of("k\\\"", "v\\\""), Map.of("f\\\"x", FieldValue.of(1)));
    assertThat(encode(p)).isEqualTo("a/\"b,k\\\"=v\\\" f/\"x=1.0 1000\n");
    assertThat(notes.has("a\\\"b", Reasons.BACKSLASH_REPLACED)).isTrue();
    assertThat(notes.has("f\\\"x", Reasons.BACKSLASH_REPLACED)).isTrue();
    assertThat(notes.all).hasSize(2);
  }

  @Test
  void replacesUnpairedSurrogates() {
    Point p = point("m\uD800", Map.of(), Map.of("s", FieldValue.of("x\uDC00")));
    assertThat(encode(p)).isEqualTo("m\uFFFD s=\"x\uFFFD\" 1000\n");
    assertThat(notes.reasons()).containsOnly(Reasons.SURROGATE_REPLACED).hasSize(2);
  }

  @Test
  void dropsLongestTagsUntilSeriesKeyFits() {
    String big = "x".repeat(40_000);
    Point p = withTags(Map.of("a", big, "b", big, "c", "small"));
    String line = encode(p);
    assertThat(line).startsWith("m,b=" + big + ",c=small f=");
    assertThat(notes.reasons()).containsExactly(Reasons.TAG_OVER_KEY_LIMIT);
  }

  @Test
  void countsKeyLimitInEscapedUtf8Bytes() {
    // 65,535 = 1 (m) + 2 + 1 (k) + value + 4 + 1 (f): a value of 65,526 bytes fits, one more does not.
    String fits = "é".repeat(65_526 / 2);
    assertThat(encode(withTags(Map.of("k", fits)))).contains(fits);
    assertThat(encode(withTags(Map.of("k", fits + "x")))).doesNotContain(",k=");
    String escaped = " ".repeat(65_526 / 2);
    assertThat(encode(withTags(Map.of("k", escaped)))).contains(",k=");
    assertThat(encode(withTags(Map.of("k", escaped + "x")))).doesNotContain(",k=");
  }

  @Test
  void dropsFieldWhoseKeyAloneCannotFit() {
    Point p = withFields(ordered(entry("f".repeat(65_531), FieldValue.of(1)), entry("g", FieldValue.of(2))));
    assertThat(encode(p)).isEqualTo("m g=2.0 1000\n");
    assertThat(notes.reasons()).containsExactly(Reasons.FIELD_KEY_OVER_KEY_LIMIT);
  }

  @Test
  void dropsLineWhoseMeasurementAloneCannotFit() {
    assertThat(encode(point("m".repeat(65_531), Map.of(), Map.of("f", FieldValue.of(1))))).isNull();
    assertThat(notes.reasons()).containsExactly(Reasons.MEASUREMENT_OVER_KEY_LIMIT);
  }

  @Test
  void dropsTimesInfluxCannotStoreAndKeepsTheExtremesItCan() {
    for (long t : List.of(Long.MIN_VALUE, Long.MIN_VALUE + 1, Long.MAX_VALUE)) {
      Point p = new Point("j", "m", Map.of(), Map.of("f", FieldValue.of(1)), t);
      assertThat(encode(p)).isNull();
    }
    assertThat(notes.reasons()).containsOnly(Reasons.TIME_OUT_OF_RANGE).hasSize(3);
    for (long t : List.of(Long.MIN_VALUE + 2, Long.MAX_VALUE - 1)) {
      Point p = new Point("j", "m", Map.of(), Map.of("f", FieldValue.of(1)), t);
      assertThat(encode(p)).endsWith(" " + t + "\n");
    }
  }

  @Test
  void appendsToWhatTheBuilderHolds() {
    StringBuilder out = new StringBuilder("x 1\n");
    assertThat(encoder.encode(withTags(Map.of()), out, notes)).isEqualTo(1);
    assertThat(out).hasToString("x 1\nm f=1.0 1000\n");
  }

  @Test
  void notesNameTheJob() {
    encoder.encode(new Point("job 7", "m", Map.of("k", ""), Map.of("f", FieldValue.of(1)), 0), notes);
    assertThat(notes.all).extracting(RecordingNotes.Note::job).containsExactly("job 7");
  }

  @Test
  void reasonsAreDistinct() {
    List<String> all = new java.util.ArrayList<>(Reasons.CHANGED);
    all.addAll(Reasons.DROPPED);
    assertThat(new HashSet<>(all)).hasSameSizeAs(all);
  }
}
