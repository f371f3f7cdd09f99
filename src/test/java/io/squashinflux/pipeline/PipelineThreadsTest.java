package io.squashinflux.pipeline;

import io.squashinflux.source.Ack;
import io.squashinflux.source.Checkpoint;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.enrich.Enricher;
import io.squashinflux.mapping.Mapper;
import io.squashinflux.mapping.Mapping;
import io.squashinflux.ledger.Ledger;
import io.squashinflux.ledger.RejectsLog;
import io.squashinflux.demo.Endpoint;
import io.squashinflux.testing.Await;
import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.influx.InfluxWriter;
import io.squashinflux.source.ApiJobSource;
import io.squashinflux.source.ApiOptions;
import io.squashinflux.source.JobItems;
import io.squashinflux.testing.FakeInflux;
import io.squashinflux.testing.FakeTime;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A pipeline that fails or is stopped returns only once every thread it started has ended (the
 * source's fetch threads too), and acknowledges exactly the items it wrote.
 */
class PipelineThreadsTest {
  private final Ledger ledger = new Ledger(RejectsLog.none());
  private final AtomicInteger synced = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();

  private final Checkpoint counting = new Checkpoint() {
    @Override
    public Ack ack(String key) {
      return new Ack() {
        @Override
        public void synced() {
          synced.incrementAndGet();
        }

        @Override
        public void refused(String reason) {
          failed.incrementAndGet();
        }

        @Override
        public void failed(String reason) {
          failed.incrementAndGet();
        }
      };
    }

    @Override
    public void save() {}
  };

  private Pipeline pipeline(SquashApiServer api, FakeInflux influx) {
    FakeTime time = new FakeTime();
    ApiJobSource jobs = new ApiJobSource(new ApiOptions(api.url(), 4, Duration.ofSeconds(60),
        Duration.ofSeconds(60), time.retrier(2), null));
    Mapper mapper = new Mapper(Mapping.builtIn("notebook"), ledger);
    InfluxWriter sink = new InfluxWriter(new InfluxTarget(URI.create(influx.url()),
        "d", null, null, null, false, false, 50, InfluxTarget.DEFAULT_BATCH_BYTES,
        Duration.ofSeconds(5), null), time.retrier(2));
    return Pipeline.ofJobs(new JobItems(jobs, counting, key -> true, (keys, twice, todo) -> { }),
        new Enricher(mapper, jobs.ciRuns()), mapper, sink, ledger, Progress.NONE, 50, 1 << 20,
        System::nanoTime);
  }

  private static List<String> pipelineThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith("squash-influx-") || name.startsWith("fetch-job"))
        .toList();
  }

  @Test
  void aSinkThatGivesUpFailsTheRunAndLeavesNoThreadRunning() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(3, 400), 0);
        FakeInflux influx = FakeInflux.start(lines -> new FakeInflux.Answer(500, "down"))) {
      Pipeline pipeline = pipeline(api, influx);

      assertThatThrownBy(pipeline::run).isInstanceOf(DeliveryException.class)
          .hasMessageContaining("did not accept writes");

      assertThat(pipelineThreads()).isEmpty();
      assertThat(synced.get()).isZero();
    }
  }

  @Test
  void aStoppedRunWritesWhatWasReadAndLeavesNoThreadRunning() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(4, 400), 0);
        FakeInflux influx = FakeInflux.start(lines -> FakeInflux.Answer.WRITTEN)) {
      // Jobs 1 to 20 answer, the others are held until the run is stopped: the stop always
      // lands mid-run, after twenty jobs were read, however slow the machine.
      CountDownLatch held = new CountDownLatch(1);
      api.setFaults(Faults.none().when("/job/(2[1-9]|[3-9]\\d|\\d{3,})", Integer.MAX_VALUE,
          Fault.hold(held)));
      Pipeline pipeline = pipeline(api, influx);
      CompletableFuture<Void> run = CompletableFuture.runAsync(() -> {
        try {
          pipeline.run();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      // The four fetchers are each held past job 20.
      Await.until("24 job requests", Duration.ofSeconds(120),
          () -> api.requests(Endpoint.JOB) >= 24 || run.isDone());

      pipeline.stop();
      try {
        run.get(120, TimeUnit.SECONDS); // the held fetches are given up, not waited for
      } finally {
        held.countDown();
      }

      assertThat(pipelineThreads()).isEmpty();
      assertThat(synced.get()).isPositive().isLessThan(400);
      assertThat(failed.get()).isZero();
      assertThat(ledger.summary().synced()).isEqualTo(synced.get());
    }
  }
}
