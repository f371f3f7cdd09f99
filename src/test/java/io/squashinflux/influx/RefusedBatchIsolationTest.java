package io.squashinflux.influx;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.Line;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.FakeInflux;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch that a server refuses as a whole, 400 naming the lines it cannot parse: the
 * bad lines are found from the message in two requests, not by bisecting down to single lines
 * (2n-1 requests).
 */
class RefusedBatchIsolationTest {
  private static final int LINES = 1000;

  private static InfluxWriter writer(FakeInflux influx) {
    return new InfluxWriter(new InfluxTarget(URI.create(influx.url()), "d", null, null, null,
        false, false, LINES, InfluxTarget.DEFAULT_BATCH_BYTES, Duration.ofSeconds(5), null),
        InfluxWriterTest.instantRetrier(3));
  }

  /** Answers 400 to a whole request holding a bad line, naming every bad line, as influxd does. */
  private static FakeInflux.Answer refuseWholeBatches(List<String> lines) {
    List<String> named = new ArrayList<>();
    for (String line : lines) {
      if (line.contains("bad")) {
        named.add("unable to parse '" + line + "': invalid field format");
      }
    }
    return named.isEmpty() ? FakeInflux.Answer.WRITTEN
        : new FakeInflux.Answer(400, String.join("\n", named));
  }

  @Test
  void badLinesNamedByTheServerAreIsolatedInTwoRequests() throws Exception {
    List<Line> batch = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      batch.add(new Line("job " + i, i % 250 == 7 ? "m f=bad " + i : "m f=" + i + " " + i, 1));
    }
    try (FakeInflux influx = FakeInflux.start(RefusedBatchIsolationTest::refuseWholeBatches)) {
      BatchResult result = writer(influx).write(batch);

      assertThat(result.rejected()).extracting(r -> r.line().text())
          .containsExactly("m f=bad 7", "m f=bad 257", "m f=bad 507", "m f=bad 757");
      assertThat(result.rejected()).allSatisfy(r ->
          assertThat(r.reason()).startsWith("unable to parse 'm f=bad").endsWith("invalid field format"));
      assertThat(result.written()).hasSize(LINES - 4);
      assertThat(influx.writes()).isEqualTo(2);
      assertThat(result.requests()).isEqualTo(2);
    }
  }

  @Test
  void aBatchWhoseEveryPointWasDroppedIsRefusedInOneRequest() throws Exception {
    List<Line> batch = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      batch.add(new Line("job " + i, "m f=\"text\" " + i, 1));
    }
    try (FakeInflux influx = FakeInflux.start(lines -> new FakeInflux.Answer(400,
        "partial write: field type conflict: input field \"f\" on measurement \"m\" is type string,"
            + " already exists as type float dropped=" + lines.size()))) {
      BatchResult result = writer(influx).write(batch);

      assertThat(result.rejected()).hasSize(LINES)
          .allSatisfy(r -> assertThat(r.reason()).contains("field type conflict"));
      assertThat(influx.writes()).isEqualTo(1);
    }
  }
}
