package io.squashinflux.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.Secret;
import io.squashinflux.testing.InfluxServer;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InfluxQueryTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  static InfluxTarget target(String url, String db, String user, String password) {
    return new InfluxTarget(URI.create(url), db, null, user, Secret.of(password), false, false,
        InfluxTarget.DEFAULT_BATCH_LINES, InfluxTarget.DEFAULT_BATCH_BYTES, Duration.ofSeconds(10),
        io.squashinflux.net.HttpSettings.defaults());
  }

  @BeforeAll
  static void data() {
    influx.query("", "CREATE DATABASE \"q\"");
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 25_000; i++) {
      lines.append("validate_drp,dataset=hsc,filter=").append(i % 2 == 0 ? "r" : "g")
          .append(" PA1=").append(10 + i % 7).append(",run_id=\"").append(i).append("\" ")
          .append(1_600_000_000_000_000_000L + i * 1_000_000_000L).append('\n');
    }
    assertThat(influx.write("q", lines.toString())).isEqualTo(204);
  }

  @Test
  void chunkedAnswerIsJoinedPerSeriesWithNanosecondTimes() {
    InfluxQuery query = new InfluxQuery(target(influx.url(), "q", null, null));
    List<Series> series = query.series(
        "SELECT \"PA1\", \"run_id\" FROM \"validate_drp\" GROUP BY \"dataset\", \"filter\"");
    assertThat(series).hasSize(2);
    Series g = series.get(0);
    assertThat(g.tags()).containsEntry("dataset", "hsc").containsEntry("filter", "g");
    assertThat(g.columns()).containsExactly("time", "PA1", "run_id");
    assertThat(g.rows()).hasSize(12_500); // more than one 10,000-row chunk
    assertThat(g.rows().get(0)).containsExactly(1_600_000_000_000_000_000L + 1_000_000_000L, 11L, "1");
    List<Series> chunks = new ArrayList<>();
    query.stream("SELECT \"PA1\" FROM \"validate_drp\"", chunks::add);
    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks.stream().mapToInt(c -> c.rows().size()).sum()).isEqualTo(25_000);
    assertThat(query.firstColumn("SHOW MEASUREMENTS")).containsExactly("validate_drp");
  }

  @Test
  void missingDatabaseIsAConfigurationError() {
    InfluxQuery query = new InfluxQuery(target(influx.url(), "nope", null, null));
    assertThatThrownBy(query::requireDatabase)
        .hasMessageStartingWith("InfluxDB has no database \"nope\" (database not found: nope): check --db");
    assertThatThrownBy(() -> query.series("SELECT * FROM \"validate_drp\""))
        .isInstanceOfSatisfying(QueryException.class, e -> {
          assertThat(e.reason()).isEqualTo(QueryException.Reason.DATABASE_NOT_FOUND);
          assertThat(e.configuration()).isTrue();
        })
        .hasMessageStartingWith("InfluxDB has no database \"nope\" (database not found: nope): check --db");
  }

  @Test
  void unreachableServerSaysWhere() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    InfluxQuery query = new InfluxQuery(target("http://127.0.0.1:" + port, "q", null, null));
    assertThatThrownBy(() -> query.series("SHOW MEASUREMENTS"))
        .isInstanceOfSatisfying(QueryException.class,
            e -> assertThat(e.reason()).isEqualTo(QueryException.Reason.UNREACHABLE))
        .hasMessageStartingWith("InfluxDB unreachable: cannot connect to http://127.0.0.1:" + port);
  }

  @Test
  void refusedCredentialsAreNamedWithoutThePassword() {
    try (InfluxServer secured = InfluxServer.builder().auth().start()) {
      secured.createAdmin("admin", "s3cret");
      InfluxQuery query = new InfluxQuery(target(secured.url(), "q", "admin", "wrong-pass"));
      assertThatThrownBy(() -> query.series("SHOW DATABASES"))
          .isInstanceOfSatisfying(QueryException.class,
              e -> assertThat(e.reason()).isEqualTo(QueryException.Reason.AUTHENTICATION))
          .hasMessageContaining("refused the credentials")
          .hasMessageNotContaining("wrong-pass");
      secured.query("", "CREATE DATABASE \"q\"", "admin", "s3cret");
      InfluxQuery good = new InfluxQuery(target(secured.url(), "q", "admin", "s3cret"));
      good.requireDatabase();
      assertThat(good.firstColumn("SHOW DATABASES")).contains("q");
    }
  }

  @Test
  void identifiersAndLiteralsAreQuoted() {
    assertThat(InfluxQuery.identifier("a\"b")).isEqualTo("\"a\\\"b\"");
    assertThat(InfluxQuery.literal("it's")).isEqualTo("'it\\'s'");
  }
}
