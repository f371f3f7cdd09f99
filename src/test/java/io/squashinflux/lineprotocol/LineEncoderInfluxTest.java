package io.squashinflux.lineprotocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.lineprotocol.FieldValue.BoolValue;
import io.squashinflux.lineprotocol.FieldValue.FloatValue;
import io.squashinflux.lineprotocol.FieldValue.IntValue;
import io.squashinflux.lineprotocol.FieldValue.StringValue;
import io.squashinflux.testing.InfluxServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Writes encoded lines to a real influxd 1.6 and reads every name and value back. */
class LineEncoderInfluxTest {
  private static final List<String> PIECES =
      List.of(
          "a", "Z", " ", ",", "=", "\"", "\\", "\r", "\n", "\t", "\0", "#", "time", "é", "日本",
          "\uD83D\uDE00", "\uD800", "_", "'");

  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  private final LineEncoder encoder = new LineEncoder();
  private final RecordingNotes notes = new RecordingNotes();

  @Test
  void hostilePointsReadBackAsSentUnlessNoted() {
    String x70k = "x".repeat(70_000);
    List<Point> points =
        List.of(
            point("#hash", Map.of("k", "v"), Map.of("f", FieldValue.of(1))),
            point(
                "sp ace,comma=eq\"q\\b\\",
                Map.of("a b", "c d", "e,f", "g,h", "i=j", "k=l", "q\"", "\"v\"", "bs\\x", "v\\y\\",
                    "nl\n", "cr\rtab\t", "uni é", "日本 \uD83D\uDE00", "empty", "", "\\ lead", " "),
                Map.of("s", FieldValue.of("a \"q\" b\\c\nd\re\\"), "emoji \uD83D\uDE00", FieldValue.of(2))),
            point("big", Map.of("huge", x70k, "small", "kept"), Map.of("s", FieldValue.of(x70k))),
            point(
                "floats",
                Map.of(),
                Map.of("negzero", FieldValue.of(-0.0), "tiny", FieldValue.of(1e-300),
                    "huge", FieldValue.of(1e300), "min", FieldValue.of(Double.MIN_VALUE),
                    "above53", FieldValue.of(9007199254740994.0),
                    "maxlong", FieldValue.of((double) Long.MAX_VALUE),
                    "nan", FieldValue.of(Double.NaN))),
            point(
                "ints",
                Map.of(),
                Map.of("min", new IntValue(Long.MIN_VALUE), "max", new IntValue(Long.MAX_VALUE),
                    "yes", new BoolValue(true), "no", new BoolValue(false))),
            point("time", Map.of("time", "t"), Map.of("time", FieldValue.of(3))),
            point("fk\\ x", Map.of(), Map.of("k\\,x", FieldValue.of(4), "q\\\"", FieldValue.of(5))));
    assertStoredAsSent("hostile", points);
    assertThat(measurements("hostile")).contains("_#hash").doesNotContain("#hash");
    assertThat(notes.has("huge", Reasons.TAG_OVER_KEY_LIMIT)).isTrue();
    assertThat(notes.has("empty", Reasons.EMPTY_TAG_VALUE)).isTrue();
    assertThat(notes.has("nan", Reasons.NOT_A_NUMBER)).isTrue();
  }

  @Test
  void negativeZeroKeepsItsSign() throws Exception {
    influx.query(null, "CREATE DATABASE \"negzero\"");
    String line = encoder.encode(point("z", Map.of(), Map.of("f", FieldValue.of(-0.0))), notes);
    assertThat(influx.write("negzero", line)).isEqualTo(204);
    // Jackson reads -0 as the integer 0, so look at the JSON text influxd sends.
    assertThat(rawQuery("negzero", "SELECT f FROM z")).contains(",-0]");
  }

  @Test
  void twoHundredRandomPointsInOneBatchReadBackAsSentUnlessNoted() {
    Random random = new Random(20_240_611L);
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      Map<String, String> tags = new HashMap<>();
      Map<String, FieldValue> fields = new LinkedHashMap<>();
      for (int t = random.nextInt(5); t > 0; t--) {
        tags.put(text(random), text(random));
      }
      for (int f = random.nextInt(4); f > 0; f--) {
        fields.put(text(random), value(random));
      }
      points.add(point(text(random) + "~" + i, tags, fields));
    }
    assertStoredAsSent("random", points);
  }

  private void assertStoredAsSent(String db, List<Point> sent) {
    influx.query(null, "CREATE DATABASE \"" + db + "\"");
    StringBuilder batch = new StringBuilder();
    List<Point> written = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      Point p = sent.get(i);
      Point timed = new Point(p.job(), p.measurement(), p.tags(), p.fields(), 1_000_000L + i);
      if (encoder.encode(timed, batch, notes) > 0) {
        written.add(timed);
      }
    }
    assertThat(write(db, batch.toString())).isEqualTo("204 ");
    // One query per measurement: across measurements influxd casts a field to one type.
    Map<Long, JsonNode> seriesByTime = new HashMap<>();
    for (String measurement : measurements(db)) {
      String from = "\"" + measurement.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
      JsonNode answer = influx.query(db, "SELECT * FROM " + from + " GROUP BY *");
      for (JsonNode series : answer.path("results").path(0).path("series")) {
        seriesByTime.put(series.path("values").path(0).path(0).asLong(), series);
      }
    }
    assertThat(seriesByTime).hasSize(written.size());
    for (Point p : written) {
      assertPointStored(p, seriesByTime.get(p.timeNanos()));
    }
  }

  private void assertPointStored(Point p, JsonNode series) {
    String job = p.job();
    if (!notes.about(job, p.measurement())) {
      assertThat(series.path("name").asText()).isEqualTo(p.measurement());
    }
    p.tags().forEach((k, v) -> {
      if (!notes.about(job, k)) {
        assertThat(series.path("tags").path(k).asText()).as("tag %s", k).isEqualTo(v);
      }
    });
    List<String> columns = new ArrayList<>();
    series.path("columns").forEach(c -> columns.add(c.asText()));
    p.fields().forEach((k, v) -> {
      if (!notes.about(job, k) && !p.tags().containsKey(k)) {
        int column = columns.indexOf(k);
        assertThat(column).as("field %s in %s", k, columns).isPositive();
        assertSameValue(k, v, series.path("values").path(0).path(column));
      }
    });
  }

  private static void assertSameValue(String key, FieldValue sent, JsonNode stored) {
    if (sent instanceof FloatValue f) {
      assertThat(stored.isNumber()).as(key + " " + stored).isTrue();
      assertThat(stored.asDouble()).as(key).isEqualTo(f.value() == 0 ? 0.0 : f.value());
    } else if (sent instanceof IntValue i) {
      assertThat(stored.canConvertToLong() && stored.isIntegralNumber()).as(key + " " + stored).isTrue();
      assertThat(stored.asLong()).as(key).isEqualTo(i.value());
    } else if (sent instanceof BoolValue b) {
      assertThat(stored.isBoolean() && stored.asBoolean() == b.value()).as(key).isTrue();
    } else {
      assertThat(stored.asText()).as(key).isEqualTo(((StringValue) sent).value());
    }
  }

  private static Point point(String m, Map<String, String> tags, Map<String, FieldValue> fields) {
    return new Point("job " + m, m, tags, fields, 0);
  }

  private static String text(Random random) {
    StringBuilder text = new StringBuilder();
    for (int n = random.nextInt(6); n > 0; n--) {
      text.append(PIECES.get(random.nextInt(PIECES.size())));
    }
    return text.toString();
  }

  private static FieldValue value(Random random) {
    switch (random.nextInt(4)) {
      case 0:
        return FieldValue.of(Double.longBitsToDouble(random.nextLong()));
      case 1:
        return new IntValue(random.nextLong());
      case 2:
        return new BoolValue(random.nextBoolean());
      default:
        return FieldValue.of(text(random) + (random.nextBoolean() ? "\\" : ""));
    }
  }

  private static List<String> measurements(String db) {
    List<String> names = new ArrayList<>();
    influx.rows(db, "SHOW MEASUREMENTS").forEach(row -> names.add(row.get(0).asText()));
    return names;
  }

  /** Status and error body, so that a refused batch says why. */
  private static String write(String db, String lines) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(influx.url() + "/write?db=" + db + "&precision=ns"))
              .POST(HttpRequest.BodyPublishers.ofString(lines))
              .build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() + " " + response.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String rawQuery(String db, String q) throws Exception {
    String form = "db=" + db + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(influx.url() + "/query?" + form)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).body();
  }
}
