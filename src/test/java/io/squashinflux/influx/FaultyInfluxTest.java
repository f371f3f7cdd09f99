package io.squashinflux.influx;

import io.squashinflux.sink.BatchResult;
import io.squashinflux.sink.Line;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.testing.FakeTime;
import io.squashinflux.testing.FaultProxy;
import io.squashinflux.testing.FaultProxy.Drop;
import io.squashinflux.testing.FaultProxy.Slow;
import io.squashinflux.testing.FaultProxy.Status;
import io.squashinflux.testing.InfluxServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class FaultyInfluxTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @Test
  void faultsOnTheWayLoseAndDoubleNothing() throws Exception {
    try (FaultProxy proxy = new FaultProxy(influx.url(), "/write")) {
      proxy.then(
              new Drop(),
              new Status(503, "", "7"),
              new Slow(Duration.ofMillis(300)),
              new Status(413, "{\"error\":\"Request Entity Too Large\"}", null),
              new Status(500, "{\"error\":\"timeout\"}", null),
              new Drop())
          .every(2);
      FakeTime time = new FakeTime();
      Retrier retrier = new Retrier(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(10), 8,
          Duration.ofMinutes(5)), time, time, new SplittableRandom(3));
      InfluxTarget target = new InfluxTarget(URI.create(proxy.url()), "faults", null, null, null,
          true, true, 500, InfluxTarget.DEFAULT_BATCH_BYTES, Duration.ofSeconds(5), null);
      InfluxWriter writer = new InfluxWriter(target, retrier);
      writer.prepare();
      long written = 0;
      for (int batch = 0; batch < 10; batch++) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
          long n = batch * 500L + i;
          lines.add(new Line("job " + n, "p,b=" + batch + " v=" + n + ".0 " + (1_000_000_000L + n), 1));
        }
        BatchResult result = writer.write(lines);
        assertThat(result.rejected()).isEmpty();
        written += result.written().size();
      }

      assertThat(proxy.pending()).isZero();
      assertThat(written).isEqualTo(5000);
      assertThat(influx.scalar("faults", "SELECT count(v) FROM p").asLong()).isEqualTo(5000);
      assertThat(influx.scalar("faults", "SELECT sum(v) FROM p").asDouble())
          .isEqualTo(4999.0 * 5000 / 2);
      assertThat(time.sleeps()).contains(Duration.ofSeconds(7));
    }
  }
}
