package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.testing.InfluxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a sync of an API must store, computed independently of the sync: {@code convert} writes the
 * line protocol, which is posted as is into a reference database; a synced database must then hold
 * the same points and the same field counts and sums.
 */
record Expected(long points, long fields, String referenceDb) {

  /** Converts the API's jobs and writes them, unretried and in one go, into {@code referenceDb}. */
  static Expected of(String squashUrl, InfluxServer influx, String referenceDb, Path dir) {
    Path lp = dir.resolve("expected.lp");
    Cli.Result convert = Cli.run("convert", "--squash-url", squashUrl, "-o", lp.toString(), "--json");
    assertThat(convert.code()).as(convert.toString()).isZero();
    System.err.printf("convert took %d ms%n", convert.took().toMillis());
    JsonNode summary = Cli.parse(convert.err());
    influx.query(null, "CREATE DATABASE \"" + referenceDb + "\"");
    try {
      assertThat(influx.write(referenceDb, Files.readString(lp))).isEqualTo(204);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Expected expected = new Expected(summary.get("points_written").asLong(),
        summary.get("fields_written").asLong(), referenceDb);
    assertThat(points(influx, referenceDb)).isEqualTo(expected.points());
    return expected;
  }

  /** Every point and field value of the reference is in {@code db}, none twice, none else. */
  void assertStoredIn(InfluxServer influx, String db) {
    assertThat(points(influx, db)).as("points in " + db).isEqualTo(points);
    assertThat(fields(influx, db)).as("field values in " + db).isEqualTo(fields);
    assertThat(influx.query(db, "SELECT count(*) FROM /.*/").toString())
        .isEqualTo(influx.query(referenceDb, "SELECT count(*) FROM /.*/").toString());
    assertThat(influx.query(db, "SELECT sum(*) FROM /.*/").toString())
        .isEqualTo(influx.query(referenceDb, "SELECT sum(*) FROM /.*/").toString());
  }

  /** Points: rows of every series of every measurement. */
  static long points(InfluxServer influx, String db) {
    long rows = 0;
    for (JsonNode series : influx.query(db, "SELECT * FROM /.*/").path("results").path(0).path("series")) {
      rows += series.path("values").size();
    }
    return rows;
  }

  /** Field values: the sum of every field's count. */
  static long fields(InfluxServer influx, String db) {
    long total = 0;
    for (JsonNode series : influx.query(db, "SELECT count(*) FROM /.*/").path("results").path(0).path("series")) {
      for (JsonNode row : series.path("values")) {
        for (int i = 1; i < row.size(); i++) {
          total += row.get(i).asLong();
        }
      }
    }
    return total;
  }
}
