package io.squashinflux.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InfluxServerTest {
  @Test
  void startsWritesQueriesAndSurvivesRestart() {
    try (InfluxServer influx = InfluxServer.start()) {
      influx.query(null, "CREATE DATABASE \"t\"");
      assertThat(influx.write("t", "m,tag=a f=1.5 1000000000\n")).isEqualTo(204);
      influx.restart();
      assertThat(influx.scalar("t", "SELECT f FROM m").asDouble()).isEqualTo(1.5);
    }
  }
}
