package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.InfluxWriter;
import io.squashinflux.influx.QueryException;
import io.squashinflux.influx.Series;
import io.squashinflux.lineprotocol.Notes;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.retry.Retrier;
import io.squashinflux.sink.DeliveryException;
import io.squashinflux.sink.Sink;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code report --annotate}: each finding as a Chronograf annotation and as a point the generated
 * Grafana dashboards draw ({@link FindingPoints}); the annotations of ours that the run no longer
 * finds, within its {@link Scope}, are marked deleted.
 */
public final class Annotator {
  /** What a run wrote to one place. */
  public record Result(int written, int deleted) {}

  private final InfluxTarget data;
  private final Retrier retrier;
  private final Clock clock;

  public Annotator(InfluxTarget data, Retrier retrier, Clock clock) {
    this.data = data;
    this.retrier = retrier;
    this.clock = clock;
  }

  /** Chronograf's annotations, then the data database's points: {@code [chronograf, data]}. */
  public List<Result> annotate(List<Finding> findings, Scope scope)
      throws IOException, InterruptedException {
    long now = clock.millis() * 1_000_000L;
    String db = data.database();
    InfluxTarget chronograf = withDatabase(data, FindingPoints.CHRONOGRAF_DATABASE, null, true);
    Result first = place(chronograf, findings, scope,
        "SELECT * FROM " + InfluxQuery.identifier(FindingPoints.CHRONOGRAF_MEASUREMENT)
            + " WHERE \"deleted\" = false AND " + InfluxQuery.identifier(FindingPoints.SOURCE_TAG)
            + " = " + InfluxQuery.literal(FindingPoints.SOURCE) + " AND "
            + InfluxQuery.identifier(FindingPoints.DATABASE_TAG) + " = " + InfluxQuery.literal(db),
        (tags, f, time, deleted) -> FindingPoints.chronograf(tags, db, time,
            deleted ? "" : Wording.line(f), deleted, now));
    Result second = place(data, findings, scope,
        "SELECT * FROM " + InfluxQuery.identifier(FindingPoints.MEASUREMENT)
            + " WHERE \"deleted\" = false",
        (tags, f, time, deleted) -> FindingPoints.data(tags, time,
            f == null ? "" : Wording.line(f), f == null ? 0 : f.change().orElse(Double.NaN), deleted));
    return List.of(first, second);
  }

  /** One annotation's point: the finding, or null for a deleted one known by its tags only. */
  private interface Annotation {
    Point point(Map<String, String> tags, Finding finding, long time, boolean deleted);
  }

  private Result place(InfluxTarget target, List<Finding> findings, Scope scope, String live,
      Annotation annotation) throws IOException, InterruptedException {
    InfluxWriter writer = new InfluxWriter(target, retrier);
    try {
      writer.open();
      Set<String> ids = new HashSet<>();
      List<Point> points = new ArrayList<>();
      for (Finding f : findings) {
        Map<String, String> tags = FindingPoints.tags(f);
        ids.add(tags.get("id"));
        points.add(annotation.point(tags, f, f.at(), false));
      }
      int deleted = 0;
      for (Series s : query(target, live)) {
        for (List<Object> row : s.rows()) {
          Map<String, String> tags = new LinkedHashMap<>();
          for (String key : FindingPoints.TAGS) {
            int column = s.column(key);
            tags.put(key, column < 0 || row.get(column) == null ? "" : row.get(column).toString());
          }
          long time = (Long) row.get(s.column("time"));
          if (!ids.contains(tags.get("id")) && scope.covers(tags.get("metric"), time)) {
            points.add(annotation.point(tags, null, time, true));
            deleted++;
          }
        }
      }
      List<String> dropped = new ArrayList<>();
      Sink.Written result = writer.write(points, new Notes() {
        @Override
        public synchronized void dropped(String job, String key, String reason) {
          dropped.add(key + ": " + reason);
        }

        @Override
        public void changed(String job, String key, String reason) {}
      });
      if (!dropped.isEmpty()) { // a value the encoder had to drop is reported, never silent
        throw new IOException("an annotation for database " + target.database()
            + " lost a value: " + dropped.get(0));
      }
      if (!result.refused().isEmpty()) {
        Sink.Refused first = result.refused().get(0);
        throw new IOException("InfluxDB refused an annotation in database " + target.database()
            + ": " + first.reason() + " (" + first.text() + ")");
      }
      return new Result(findings.size(), deleted);
    } catch (DeliveryException e) {
      throw new IOException("cannot write annotations to database " + target.database() + ": "
          + e.getMessage(), e);
    } finally {
      writer.close();
    }
  }

  private static List<Series> query(InfluxTarget target, String influxQl) throws IOException {
    try {
      return new InfluxQuery(target).series(influxQl);
    } catch (QueryException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static InfluxTarget withDatabase(InfluxTarget t, String database, String retentionPolicy,
      boolean create) {
    return new InfluxTarget(t.url(), database, retentionPolicy, t.user(), t.password(), create,
        t.gzip(), t.batchLines(), t.batchBytes(), t.timeout(), t.http(), t.api());
  }
}
