package io.squashinflux.source;

import io.squashinflux.testing.FakeTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ApiJobSourceTest {
  private static final byte[] JOB = Fixtures.bytes("api-job.json");
  /** Far longer than any answer of a loaded machine: only the tests about timeouts hit theirs. */
  private static final Duration PATIENT = Duration.ofSeconds(60);
  /**
   * The read timeout of the tests about timeouts: the stalled answer is held on a latch, so only
   * the healthy retry must come within it, which a loaded machine's loopback does with margin.
   */
  private static final Duration SHORT = Duration.ofSeconds(2);

  private final FakeSquash squash = newServer();
  private final FakeTime time = new FakeTime();

  @AfterEach
  void stop() {
    squash.close();
  }

  @Test
  void aJobBeingMappedDoesNotHoldARequestSlot() throws Exception {
    // Job 1 is answered at once; every later answer waits until two are in flight. The consumer
    // (the mapper) holds job 1 until then: two requests must be in flight while one job is mapped.
    CountDownLatch twoAtOnce = new CountDownLatch(2);
    squash.on("/job/", (exchange, nth) -> {
      if (!exchange.getRequestURI().getPath().equals("/job/1")) {
        twoAtOnce.countDown();
        // Longer than the mapper waits, so that a slot freed by this timing out proves nothing.
        twoAtOnce.await(180, TimeUnit.SECONDS);
      }
      FakeSquash.send(exchange, 200, JOB);
    });
    List<String> keys = IntStream.rangeClosed(1, 6).mapToObj(String::valueOf).toList();
    Collected collected = new Collected();
    boolean[] pairWhileMapping = new boolean[1];
    JobSource.Consumer slowMapper = new JobSource.Consumer() {
      @Override
      public void job(Job job) throws InterruptedException {
        if (job.id() == 1L) {
          // Well inside the 60 s read timeout, so that no retry can make up the pair.
          pairWhileMapping[0] = twoAtOnce.await(20, TimeUnit.SECONDS);
        }
        collected.job(job);
      }

      @Override
      public void failed(String key, String reason) {
        collected.failed(key, reason);
      }
    };

    source(2, PATIENT).fetch(keys, slowMapper);

    assertThat(pairWhileMapping[0]).as("two requests in flight while job 1 was mapped").isTrue();
    assertThat(squash.maxInFlight).hasValue(2);
    assertThat(collected.jobs).hasSize(6);
  }

  @Test
  void allJobsArriveWithEightRequestsInFlight() throws Exception {
    CountDownLatch eightAtOnce = new CountDownLatch(8);
    squash.on("/job/", (exchange, nth) -> {
      eightAtOnce.countDown();
      eightAtOnce.await(60, TimeUnit.SECONDS); // each answer waits until eight are in flight
      FakeSquash.send(exchange, 200, JOB);
    });
    List<String> keys = IntStream.rangeClosed(1, 40).mapToObj(String::valueOf).toList();
    Collected collected = new Collected();

    source(8, PATIENT).fetch(keys, collected);

    assertThat(eightAtOnce.getCount()).isZero();
    assertThat(squash.maxInFlight).hasValue(8);
    assertThat(collected.failed).isEmpty();
    assertThat(collected.jobs).hasSize(40);
    keys.forEach(k -> assertThat(squash.requests("/job/" + k)).as(k).isEqualTo(1));
    Job job = collected.jobs.get("17");
    assertThat(job.ref()).isEqualTo("job 17");
    assertThat(job.origin()).isEqualTo(Job.Origin.API);
    assertThat(job.id()).isEqualTo(17L);
    assertThat(job.url()).isEqualTo(squash.uri() + "/job/17");
    assertThat(job.measurements()).hasSize(6);
  }

  @Test
  void missingJobAndBrokenBodiesAreReportedWhileTheOthersArrive() throws Exception {
    squash.on("/job/", (exchange, nth) -> {
      switch (exchange.getRequestURI().getPath()) {
        case "/job/3" -> FakeSquash.send(exchange, 404, "{\"message\": \"Job not found\"}");
        case "/job/4" -> FakeSquash.send(exchange, 200, "{\"measurements\": [{\"metric\": ");
        case "/job/5" -> FakeSquash.send(exchange, 200, "[1, 2]");
        default -> FakeSquash.send(exchange, 200, JOB);
      }
    });
    Collected collected = new Collected();

    source(8, PATIENT).fetch(List.of("1", "2", "3", "4", "5", "6"), collected);

    assertThat(collected.jobs).containsOnlyKeys("1", "2", "6");
    assertThat(collected.failed).containsEntry("3", "job 3: not found (404)");
    assertThat(collected.failed.get("4"))
        .startsWith("job 4: invalid JSON (cut short) at line 1")
        .endsWith("(gave up after 3 attempts)");
    assertThat(collected.failed)
        .containsEntry("5", "job 5: not a job: the document is not a JSON object");
    assertThat(squash.requests("/job/3")).isEqualTo(1);
    assertThat(squash.requests("/job/4")).isEqualTo(3);
    assertThat(squash.requests("/job/5")).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedHonouringRetryAfterThenSucceed() throws Exception {
    squash.on("/job/9", (exchange, nth) -> {
      if (nth == 1) {
        FakeSquash.send(exchange, 500, "oops");
      } else if (nth == 2) {
        exchange.getResponseHeaders().set("Retry-After", "7");
        FakeSquash.send(exchange, 503, "busy");
      } else {
        FakeSquash.send(exchange, 200, JOB);
      }
    });
    Collected collected = new Collected();

    source(8, PATIENT).fetch(List.of("9"), collected);

    assertThat(collected.failed).isEmpty();
    assertThat(collected.jobs).containsOnlyKeys("9");
    assertThat(squash.requests("/job/9")).isEqualTo(3);
    assertThat(time.sleeps()).hasSize(2);
    assertThat(time.sleeps().get(1)).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void serverErrorsUntilAttemptsRunOutAreReportedWithTheLastAnswer() throws Exception {
    squash.on("/job/2", (exchange, nth) -> FakeSquash.send(exchange, 502, "down"));
    Collected collected = new Collected();

    source(8, PATIENT).fetch(List.of("2"), collected);

    assertThat(collected.failed)
        .containsEntry("2", "job 2: bad gateway (502) (gave up after 3 attempts)");
    assertThat(squash.requests("/job/2")).isEqualTo(3);
  }

  @Test
  void answerThatTimesOutOnceIsRetried() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    squash.on("/job/5", (exchange, nth) -> {
      if (nth == 1) {
        released.await(60, TimeUnit.SECONDS); // no answer until the test has its result
      }
      FakeSquash.send(exchange, 200, JOB);
    });
    Collected collected = new Collected();

    source(8, SHORT).fetch(List.of("5"), collected);

    assertThat(released.getCount()).as("the silent answer was given up on, not waited for").isOne();
    released.countDown();
    assertThat(collected.failed).isEmpty();
    assertThat(collected.jobs).containsOnlyKeys("5");
    assertThat(squash.requests("/job/5")).isEqualTo(2);
  }

  @Test
  void bodyThatStallsHalfwayTimesOutAndIsRetried() throws Exception {
    CountDownLatch released = new CountDownLatch(1);
    squash.on("/job/6", (exchange, nth) -> {
      if (nth > 1) {
        FakeSquash.send(exchange, 200, JOB);
        return;
      }
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      out.write("{\"measurements\": [".getBytes(StandardCharsets.UTF_8));
      out.flush();
      released.await(60, TimeUnit.SECONDS); // stalls until the test has its answer
    });
    Collected collected = new Collected();

    source(8, SHORT).fetch(List.of("6"), collected);

    assertThat(released.getCount()).as("the stalled answer was cut, not waited for").isOne();
    released.countDown();
    assertThat(collected.jobs).containsOnlyKeys("6");
    assertThat(squash.requests("/job/6")).isEqualTo(2);
  }

  @Test
  void listReadsTheIds() throws Exception {
    squash.on("/jobs", (exchange, nth) -> FakeSquash.send(exchange, 200, "{\"ids\": [3, 1, 2]}"));

    assertThat(source(8, PATIENT).list()).containsExactly("3", "1", "2");
  }

  @Test
  void listRefusedIsAConfigurationError() {
    squash.on("/jobs", (exchange, nth) -> FakeSquash.send(exchange, 404, "{\"message\": \"nope\"}"));

    assertThatThrownBy(() -> source(8, PATIENT).list())
        .isInstanceOf(SourceException.class)
        .hasMessage("cannot list the jobs of " + squash.uri()
            + ": request refused: check the URL (not found (404))")
        .satisfies(e -> assertThat(((SourceException) e).configuration()).isTrue());
    assertThat(squash.requests("/jobs")).isEqualTo(1);
  }

  @Test
  void listOfAnotherShapeIsAConfigurationError() {
    squash.on("/jobs", (exchange, nth) -> FakeSquash.send(exchange, 200, "{\"jobs\": []}"));

    assertThatThrownBy(() -> source(8, PATIENT).list())
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("did not answer a job list (no \"ids\" array)")
        .satisfies(e -> assertThat(((SourceException) e).configuration()).isTrue());
  }

  @Test
  void listThatKeepsFailingIsAnOutageAfterRetries() {
    squash.on("/jobs", (exchange, nth) -> FakeSquash.send(exchange, 503, "busy"));

    assertThatThrownBy(() -> source(8, PATIENT).list())
        .isInstanceOf(SourceException.class)
        .hasMessageEndingWith("service unavailable (503) (gave up after 3 attempts)")
        .satisfies(e -> assertThat(((SourceException) e).configuration()).isFalse());
    assertThat(squash.requests("/jobs")).isEqualTo(3);
  }

  @Test
  void refusedConnectionIsRetriedThenReported() throws Exception {
    URI closed = squash.uri();
    squash.close();
    ApiOptions options = new ApiOptions(closed, 2, PATIENT, PATIENT, time.retrier(3), null);
    Collected collected = new Collected();

    new ApiJobSource(options).fetch(List.of("1"), collected);

    assertThat(collected.failed.get("1")).startsWith("job 1: connection refused")
        .endsWith("(gave up after 3 attempts)");
    assertThat(time.sleeps()).hasSize(2);
  }

  @Test
  void credentialsAreMaskedInDescribeSentAsBasicAuthAndKeptOutOfJobUrls() throws Exception {
    squash.on("/job/1", (exchange, nth) -> FakeSquash.send(exchange, 200, JOB));
    URI withUser = URI.create("http://alice:s3cret@127.0.0.1:" + squash.uri().getPort() + "/");
    ApiJobSource source = new ApiJobSource(new ApiOptions(withUser, 1, PATIENT, PATIENT,
        time.retrier(3), null));
    Collected collected = new Collected();

    source.fetch(List.of("1"), collected);

    assertThat(source.describe()).isEqualTo("http://alice:***@127.0.0.1:" + squash.uri().getPort() + "/");
    assertThat(collected.jobs.get("1").url()).isEqualTo(squash.uri() + "/job/1");
    assertThat(squash.exchanges.get(0).getRequestHeaders().getFirst("Authorization"))
        .isEqualTo("Basic YWxpY2U6czNjcmV0");
  }

  private ApiJobSource source(int parallelism, Duration readTimeout) {
    return new ApiJobSource(new ApiOptions(squash.uri(), parallelism, PATIENT, readTimeout,
        time.retrier(3), null));
  }

  private static FakeSquash newServer() {
    try {
      return new FakeSquash();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
